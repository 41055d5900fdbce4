/*
 * Licensed to the Apache Software Foundation (ASF) under one or more contributor license agreements; and to You
 * under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance with the
 * License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.iotjobs.emulator;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * Command line: java -jar iotjobs-emulator.jar [--port N] [--devices N] [--fleet FILE] [--https]
 * [--cert-out FILE] [--tier S1|S2|S3] [--offline FRACTION] [--no-auth]. Prints KEY=value lines for scripts.
 */
public final class EmulatorMain {

    private EmulatorMain() {
    }

    public static void main(String[] args) throws Exception {
        IotJobsEmulator emulator;
        try {
            emulator = start(args, System.out);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            usage();
            System.exit(2);
            return;
        }
        if (emulator == null) {
            return;
        }
        CountDownLatch stop = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            emulator.close();
            stop.countDown();
        }));
        stop.await();
    }

    /**
     * Parses the options, starts the emulator and prints the KEY=value lines.
     *
     * @return the running emulator, or null when only help was asked for
     * @throws IllegalArgumentException on a bad option
     */
    static IotJobsEmulator start(String[] args, PrintStream out) throws IOException {
        IotJobsEmulator.Builder builder = IotJobsEmulator.builder().port(8080).devices(100);
        Path certOut = null;
        boolean https = false;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            switch (arg) {
                case "--port" -> builder.port(number(value(args, ++i, arg), arg));
                case "--devices" -> builder.devices(number(value(args, ++i, arg), arg));
                case "--fleet" -> builder.fleetFile(Path.of(value(args, ++i, arg))).devices(0);
                case "--https" -> https = true;
                case "--cert-out" -> certOut = Path.of(value(args, ++i, arg));
                case "--tier" -> builder.tier(Tier.parse(value(args, ++i, arg)));
                case "--offline" -> builder.offlineFraction(Double.parseDouble(value(args, ++i, arg)));
                case "--no-auth" -> builder.authentication(false);
                case "--help", "-h" -> {
                    usage();
                    return null;
                }
                default -> throw new IllegalArgumentException("Unknown option: " + arg);
            }
        }
        if (certOut != null && !https) {
            throw new IllegalArgumentException("--cert-out needs --https");
        }
        IotJobsEmulator emulator = builder.https(https).start();
        if (certOut != null) {
            Files.writeString(certOut, emulator.certificatePem().orElseThrow(), StandardCharsets.US_ASCII);
        }
        out.println("IOTJOBS_BASE_URL=" + emulator.baseUrl());
        out.println("IOTHUB_CONNECTION_STRING=" + emulator.connectionString());
        out.println("IOTCENTRAL_API_TOKEN=" + emulator.apiToken());
        out.flush();
        return emulator;
    }

    private static int number(String text, String option) {
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " needs a number");
        }
    }

    private static String value(String[] args, int index, String option) {
        if (index >= args.length) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args[index];
    }

    private static void usage() {
        System.err.println("Usage: java -jar iotjobs-emulator.jar [--port N (0 = free)] [--devices N] [--fleet FILE]"
                + " [--https] [--cert-out FILE] [--tier FREE|S1|S2|S3] [--offline FRACTION] [--no-auth]");
    }
}
