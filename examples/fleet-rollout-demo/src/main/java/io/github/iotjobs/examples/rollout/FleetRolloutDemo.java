/*
 * Licensed to the Apache Software Foundation (ASF) under one or more contributor license agreements; and to You
 * under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance with the
 * License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.iotjobs.examples.rollout;

import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.github.iotjobs.camel.model.DeviceJob;
import io.github.iotjobs.camel.model.IotJob;
import io.github.iotjobs.camel.model.JobStatus;
import io.github.iotjobs.emulator.IotJobsEmulator;
import io.github.iotjobs.emulator.Tier;
import io.github.iotjobs.emulator.engine.MethodBehavior;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.main.Main;

/**
 * The fleet-rollout demo: preview the target of a twin update, run it, reboot the updated devices, follow both jobs
 * live, list the devices that failed and print a summary.
 *
 * <p>
 * Without IOTHUB_CONNECTION_STRING it starts an embedded emulator with a fleet of DEMO_DEVICES devices (default 2000)
 * spread over buildings and floors, whose reboot method takes a moment and sometimes fails, and some of whose devices
 * are offline. With IOTHUB_CONNECTION_STRING it runs against that hub, and then DEMO_TARGET (the query condition of
 * the devices to update and reboot) is required: the demo never picks real devices on its own.
 */
public final class FleetRolloutDemo {

    /** The default target on the emulator: floors 3 and up of every building. */
    public static final String EMULATOR_TARGET = "tags.floor >= 3";

    private FleetRolloutDemo() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> env = System.getenv();
        String connectionString = env.get("IOTHUB_CONNECTION_STRING");
        String wave = env.getOrDefault("DEMO_WAVE", "wave-1");
        String firmware = env.getOrDefault("DEMO_FIRMWARE", "2.1.0");
        int exitCode;
        if (connectionString != null && !connectionString.isBlank()) {
            String target = env.get("DEMO_TARGET");
            if (target == null || target.isBlank()) {
                throw new IllegalArgumentException("IOTHUB_CONNECTION_STRING is set: set DEMO_TARGET too, the query"
                                                   + " condition of the devices to update and reboot (for example"
                                                   + " tags.building = 'b1')");
            }
            System.out.println("Fleet rollout on the IoT Hub of IOTHUB_CONNECTION_STRING");
            exitCode = exitCode(run(new RolloutSettings(connectionString, null, target, wave, firmware, 30, 2000),
                    System.out));
        } else {
            int devices = Integer.parseInt(env.getOrDefault("DEMO_DEVICES", "2000"));
            try (IotJobsEmulator emulator = startEmulator(devices)) {
                System.out.println("Fleet rollout on the embedded emulator at " + emulator.baseUrl() + ": " + devices
                                   + " devices in 5 buildings, 10 floors each; reboot takes 2 s and fails 3% of the"
                                   + " time; 2% of the devices are offline");
                exitCode = exitCode(run(emulatorSettings(emulator, wave, firmware), System.out));
            }
        }
        if (exitCode != 0) {
            // Under Maven (exec:java) a non-zero exit must fail the build; System.exit would end Maven itself.
            throw new IllegalStateException("the rollout did not complete");
        }
    }

    /**
     * An emulator with a fleet over 5 buildings and 10 floors, a slow and slightly unreliable reboot method. The hub
     * is an S3 with 10 units, quotas on: 500 device operations a second keep the demo well under a minute (on one
     * S1 unit, 10 a second, its two jobs over 2,000 devices would take about 7 minutes).
     */
    public static IotJobsEmulator startEmulator(int devices) {
        return IotJobsEmulator.builder()
                .devices(devices)
                .tier(Tier.S3).units(10)
                .offlineFraction(0.02)
                .method("reboot", MethodBehavior.ok().withLatency(Duration.ofSeconds(2)).withFailureRate(0.03))
                .start();
    }

    /** Settings for the emulator: a 5 s connect timeout, so offline devices fail quickly, and 250 ms polling. */
    public static RolloutSettings emulatorSettings(IotJobsEmulator emulator, String wave, String firmware) {
        return new RolloutSettings(emulator.connectionString(), emulator.baseUrl(), EMULATOR_TARGET, wave, firmware,
                5, 250);
    }

    /** Runs the rollout with Camel Main and prints the progress and the summary to out. */
    public static RolloutSummary run(RolloutSettings settings, PrintStream out) throws Exception {
        ProgressView view = new ProgressView(out, Clock.systemUTC());
        Main main = new Main();
        main.configure().addRoutesBuilder(new RolloutRoutes(settings, view));
        main.addInitialProperty("camel.main.name", "fleet-rollout-demo");
        main.addInitialProperty("camel.component.iotjobs.connectionString", settings.connectionString());
        if (settings.baseUrl() != null) {
            main.addInitialProperty("camel.component.iotjobs.baseUrl", settings.baseUrl());
        }
        main.start();
        try {
            ProducerTemplate template = main.getCamelContext().createProducerTemplate();
            Exchange result = template.send("direct:rollout", exchange -> {
            });
            if (result.getException() != null) {
                throw result.getException();
            }
            @SuppressWarnings("unchecked")
            RolloutSummary summary = new RolloutSummary(result.getProperty(RolloutRoutes.TARGETED, Integer.class),
                    result.getProperty(RolloutRoutes.PREVIEW_ERROR, String.class),
                    result.getProperty(RolloutRoutes.TWIN_JOB, IotJob.class),
                    result.getProperty(RolloutRoutes.REBOOT_JOB, IotJob.class),
                    List.copyOf(result.getProperty(RolloutRoutes.FAILED_DEVICES, List.class)));
            printSummary(summary, view);
            return summary;
        } finally {
            main.stop();
        }
    }

    /** 0 when both jobs completed; devices that failed are reported, not fatal. */
    public static int exitCode(RolloutSummary summary) {
        return summary.twinJob().status() == JobStatus.completed && summary.rebootJob().status() == JobStatus.completed
                ? 0 : 1;
    }

    private static void printSummary(RolloutSummary summary, ProgressView view) {
        view.println("Failed devices (" + summary.failedDevices().size() + "):");
        int shown = 0;
        for (DeviceJob row : summary.failedDevices()) {
            if (shown++ == 10) {
                view.println("  ... and " + (summary.failedDevices().size() - 10) + " more");
                break;
            }
            view.println("  " + row.deviceId() + "  " + (row.error() != null
                    ? row.error().code() + ": " + row.error().description() : "(no error detail)"));
        }
        IotJob twin = summary.twinJob();
        IotJob reboot = summary.rebootJob();
        view.println("Summary:");
        view.println("  targeted         " + (summary.targeted() != null ? summary.targeted() + " devices (dry run)"
                : "unknown (the dry run was refused)"));
        view.println("  twin update      " + twin.jobId() + " " + twin.status() + ": "
                     + twin.statistics().succeededCount() + " updated, " + twin.statistics().failedCount()
                     + " failed");
        view.println("  reboot           " + reboot.jobId() + " " + reboot.status() + ": "
                     + reboot.statistics().succeededCount() + " rebooted, " + reboot.statistics().failedCount()
                     + " failed");
        view.println("  result           " + (exitCode(summary) == 0 ? "rollout complete" : "rollout incomplete"));
    }
}
