/*
 * Licensed to the Apache Software Foundation (ASF) under one or more contributor license agreements; and to You
 * under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance with the
 * License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.iotjobs.emulator;

import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * Command line: java -jar iotjobs-emulator.jar [--port N] [--devices N] [--fleet FILE] [--https]
 * [--cert-out FILE] [--tier S1|S2|S3] [--offline FRACTION] [--no-auth]. Prints KEY=value lines for scripts.
 */
public final class EmulatorMain {

    /** Placeholder until the IoT Central API exists; printed so scripts can already read the variable. */
    static final String CENTRAL_TOKEN_PLACEHOLDER = "SharedAccessSignature sr=emulator&sig=placeholder&skn=operator"
            + "&se=4102444800";

    private EmulatorMain() {
    }

    public static void main(String[] args) throws Exception {
        IotJobsEmulator.Builder builder = IotJobsEmulator.builder().port(8080).devices(100);
        Path certOut = null;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            switch (arg) {
                case "--port" -> builder.port(Integer.parseInt(value(args, ++i, arg)));
                case "--devices" -> builder.devices(Integer.parseInt(value(args, ++i, arg)));
                case "--fleet" -> builder.fleetFile(Path.of(value(args, ++i, arg))).devices(0);
                case "--https" -> builder.https(true);
                case "--cert-out" -> certOut = Path.of(value(args, ++i, arg));
                case "--tier" -> builder.tier(Tier.parse(value(args, ++i, arg)));
                case "--offline" -> builder.offlineFraction(Double.parseDouble(value(args, ++i, arg)));
                case "--no-auth" -> builder.authentication(false);
                case "--help", "-h" -> {
                    usage();
                    return;
                }
                default -> {
                    System.err.println("Unknown option: " + arg);
                    usage();
                    System.exit(2);
                }
            }
        }
        IotJobsEmulator emulator = builder.start();
        if (certOut != null) {
            if (emulator.certificatePem().isEmpty()) {
                System.err.println("--cert-out needs --https");
            } else {
                java.nio.file.Files.writeString(certOut, emulator.certificatePem().get());
            }
        }
        CountDownLatch stop = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            emulator.close();
            stop.countDown();
        }));
        System.out.println("IOTJOBS_BASE_URL=" + emulator.baseUrl());
        System.out.println("IOTHUB_CONNECTION_STRING=" + emulator.connectionString());
        System.out.println("IOTCENTRAL_API_TOKEN=" + CENTRAL_TOKEN_PLACEHOLDER);
        System.out.flush();
        stop.await();
    }

    private static String value(String[] args, int index, String option) {
        if (index >= args.length) {
            System.err.println(option + " needs a value");
            System.exit(2);
        }
        return args[index];
    }

    private static void usage() {
        System.err.println("Usage: java -jar iotjobs-emulator.jar [--port N (0 = free)] [--devices N] [--fleet FILE]"
                + " [--https] [--cert-out FILE] [--tier FREE|S1|S2|S3] [--offline FRACTION] [--no-auth]");
    }
}
