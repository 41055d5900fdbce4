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
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.concurrent.CountDownLatch;

/** Command line: java -jar iotjobs-emulator.jar [options] (see {@link #USAGE}). Prints KEY=value lines for scripts. */
public final class EmulatorMain {

    static final String USAGE = String.join(System.lineSeparator(),
            "Usage: java -jar iotjobs-emulator.jar [options]",
            "  --port N                  port to listen on (0 = a free port; default 8080)",
            "  --devices N               generated devices (default 100)",
            "  --fleet FILE              devices from a JSON fleet file instead",
            "  --offline FRACTION        share of generated devices that are offline (0..1)",
            "  --tier FREE|S1|S2|S3      the hub's tier: concurrent jobs and quotas (default S1)",
            "  --units N                 the hub's units; per-unit quotas grow with them (default 1)",
            "  --throttle CLASS=RATE     one class' quota for the whole hub, repeatable; CLASS jobs, queries or",
            "                            deviceOps; RATE N/sec or N/min (e.g. --throttle queries=5/min)",
            "  --no-throttling           lift every quota and the concurrent-job limit (--throttle still applies)",
            "  --max-active-jobs N       override the concurrent-job limit",
            "  --index-lag DURATION      devices.jobs rows and twin queries show the state of this long ago",
            "                            (ISO-8601, e.g. PT10M; default PT0S)",
            "  --report-latency DURATION devices report desired-property changes back after this long",
            "                            (default: devices do not report)",
            "  --never-converging SHARE  share of devices that never report desired changes back (0..1)",
            "  --reboot-offline DURATION a device goes offline this long after answering the reboot method",
            "  --reboot-method NAME      the method that reboots a device (default reboot)",
            "  --https                   serve HTTPS with a self-signed certificate for localhost and 127.0.0.1",
            "  --cert-out FILE           write that certificate as PEM (needs --https)",
            "  --no-auth                 accept requests without SAS tokens",
            "  --help                    this text",
            "The admin API (no auth): GET /_emulator/health, GET|DELETE /_emulator/stats, POST|DELETE "
                    + "/_emulator/faults,",
            "PUT /_emulator/methods/{name}, PUT /_emulator/default-method, PUT /_emulator/devices/{id}/connection,",
            "POST /_emulator/clock/advance (manual clock only). See docs/emulator-guide.md.");

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
        String rebootMethod = null;
        Duration rebootOffline = null;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            switch (arg) {
                case "--port" -> builder.port(number(value(args, ++i, arg), arg));
                case "--devices" -> builder.devices(number(value(args, ++i, arg), arg));
                case "--fleet" -> builder.fleetFile(Path.of(value(args, ++i, arg))).devices(0);
                case "--https" -> https = true;
                case "--cert-out" -> certOut = Path.of(value(args, ++i, arg));
                case "--tier" -> builder.tier(Tier.parse(value(args, ++i, arg)));
                case "--units" -> builder.units(number(value(args, ++i, arg), arg));
                case "--throttle" -> throttle(builder, value(args, ++i, arg));
                case "--no-throttling" -> builder.noThrottling();
                case "--max-active-jobs" -> builder.maxActiveJobs(number(value(args, ++i, arg), arg));
                case "--index-lag" -> builder.indexLag(duration(value(args, ++i, arg), arg));
                case "--report-latency" -> builder.reportLatency(duration(value(args, ++i, arg), arg));
                case "--never-converging" -> builder.neverConverging(fraction(value(args, ++i, arg), arg));
                case "--reboot-offline" -> rebootOffline = duration(value(args, ++i, arg), arg);
                case "--reboot-method" -> rebootMethod = value(args, ++i, arg);
                case "--offline" -> builder.offlineFraction(fraction(value(args, ++i, arg), arg));
                case "--no-auth" -> builder.authentication(false);
                case "--help", "-h" -> {
                    usage();
                    return null;
                }
                default -> throw new IllegalArgumentException("Unknown option: " + arg);
            }
        }
        if (rebootOffline != null || rebootMethod != null) {
            builder.rebootOffline(rebootMethod != null ? rebootMethod : "reboot",
                    rebootOffline != null ? rebootOffline : Duration.ZERO);
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

    private static void throttle(IotJobsEmulator.Builder builder, String spec) {
        int eq = spec.indexOf('=');
        if (eq <= 0) {
            throw new IllegalArgumentException("--throttle needs CLASS=RATE, e.g. queries=5/min");
        }
        builder.throttle(spec.substring(0, eq), spec.substring(eq + 1));
    }

    private static Duration duration(String text, String option) {
        try {
            Duration d = Duration.parse(text.trim());
            if (d.isNegative()) {
                throw new IllegalArgumentException(option + " must not be negative");
            }
            return d;
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(option + " needs an ISO-8601 duration such as PT10M");
        }
    }

    private static double fraction(String text, String option) {
        try {
            double value = Double.parseDouble(text);
            if (value < 0 || value > 1) {
                throw new IllegalArgumentException(option + " must be within 0..1");
            }
            return value;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " needs a number within 0..1");
        }
    }

    private static String value(String[] args, int index, String option) {
        if (index >= args.length) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args[index];
    }

    private static void usage() {
        System.err.println(USAGE);
    }
}
