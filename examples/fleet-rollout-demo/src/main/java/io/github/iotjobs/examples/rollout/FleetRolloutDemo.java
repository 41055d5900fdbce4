/*
 * Licensed to the Apache Software Foundation (ASF) under one or more contributor license agreements; and to You
 * under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance with the
 * License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.iotjobs.examples.rollout;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.github.iotjobs.camel.rollout.IotRolloutConstants;
import io.github.iotjobs.camel.rollout.RolloutView;
import io.github.iotjobs.camel.rollout.stage.RolloutPreview;
import io.github.iotjobs.camel.rollout.store.RolloutStatus;
import io.github.iotjobs.emulator.IotJobsEmulator;
import io.github.iotjobs.emulator.Tier;
import io.github.iotjobs.emulator.engine.MethodBehavior;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.main.Main;

/**
 * The fleet-rollout demo: a staged firmware rollout (preview, canary, stages gated on their success, a live
 * progress line each), then a second rollout whose canary fails past its threshold and halts before the fleet.
 *
 * <p>
 * Without IOTHUB_CONNECTION_STRING it starts an embedded emulator with DEMO_DEVICES devices (default 2000) over
 * buildings and floors, 2% of them offline, with an {@code install-beta} method that fails on half the devices. With
 * IOTHUB_CONNECTION_STRING it runs the firmware rollout against that hub (tier DEMO_TIER, default S1) on DEMO_TARGET,
 * which is then required: the demo never picks real devices on its own, and runs no failing rollout there.
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
        RolloutSummary summary;
        if (connectionString != null && !connectionString.isBlank()) {
            String target = env.get("DEMO_TARGET");
            if (target == null || target.isBlank()) {
                throw new IllegalArgumentException("IOTHUB_CONNECTION_STRING is set: set DEMO_TARGET too, the query"
                                                   + " condition of the devices to update (for example"
                                                   + " tags.building = 'b1')");
            }
            System.out.println("Staged rollout on the IoT Hub of IOTHUB_CONNECTION_STRING");
            summary = run(new RolloutSettings(connectionString, null, env.getOrDefault("DEMO_TIER", "S1"), target,
                    wave, firmware, false, 2000), System.out);
        } else {
            int devices = Integer.parseInt(env.getOrDefault("DEMO_DEVICES", "2000"));
            try (IotJobsEmulator emulator = startEmulator(devices)) {
                System.out.println("Staged rollouts on the embedded emulator at " + emulator.baseUrl() + ": "
                                   + devices + " devices in 5 buildings, 10 floors each; 2% of them offline");
                summary = run(emulatorSettings(emulator, wave, firmware), System.out);
            }
        }
        if (summary.firmware().status() != RolloutStatus.COMPLETED) {
            // Under Maven (exec:java) a failure must fail the build; System.exit would end Maven itself.
            throw new IllegalStateException("the firmware rollout did not complete");
        }
    }

    /**
     * An emulator with a fleet over 5 buildings and 10 floors and a beta installer that fails half the time. The hub
     * is an S3 with 10 units, quotas on: 500 device operations a second keep the demo well under two minutes (on one
     * S1 unit, 10 a second, the firmware rollout over 2,000 devices alone would take more than 3 minutes).
     */
    public static IotJobsEmulator startEmulator(int devices) {
        return IotJobsEmulator.builder()
                .devices(devices)
                .tier(Tier.S3).units(10)
                .offlineFraction(0.02)
                .method("install-beta", MethodBehavior.ok().withLatency(Duration.ofMillis(500)).withFailureRate(0.5))
                .start();
    }

    /** Settings for the demo's emulator (an S3 hub, see startEmulator), with 200 ms polling. */
    public static RolloutSettings emulatorSettings(IotJobsEmulator emulator, String wave, String firmware) {
        return new RolloutSettings(emulator.connectionString(), emulator.baseUrl(), "S3", EMULATOR_TARGET, wave,
                firmware, true, 200);
    }

    /** Runs the rollouts with Camel Main and prints their progress and a summary to out. */
    public static RolloutSummary run(RolloutSettings settings, PrintStream out) throws Exception {
        ProgressView view = new ProgressView(out);
        RolloutRoutes routes = new RolloutRoutes(settings, view);
        Path store = Files.createTempDirectory("iotrollout-demo");
        Main main = new Main();
        main.configure().addRoutesBuilder(routes);
        main.addInitialProperty("camel.main.name", "fleet-rollout-demo");
        main.addInitialProperty("camel.component.iotjobs.connectionString", settings.connectionString());
        if (settings.baseUrl() != null) {
            main.addInitialProperty("camel.component.iotjobs.baseUrl", settings.baseUrl());
        }
        // One tier for both: the iotjobs component's request budget and the rollouts' concurrent-job limit.
        main.addInitialProperty("camel.component.iotjobs.tier", settings.tier());
        main.addInitialProperty("camel.component.iotrollout.pollInterval", String.valueOf(settings.pollMillis()));
        main.addInitialProperty("camel.component.iotrollout.storeDirectory", store.toString());
        main.start();
        try {
            ProducerTemplate template = main.getCamelContext().createProducerTemplate();
            String stamp = Long.toString(System.currentTimeMillis(), 36);
            String firmwareId = "firmware-" + settings.wave() + "-" + stamp;

            RolloutPreview preview = call(template, firmwareId, "preview", settings.firmwarePlan(),
                    RolloutPreview.class);
            view.println("Preview of " + firmwareId + " on " + settings.target() + ": " + preview.targetDevices()
                         + " devices, " + preview.jobCount() + " hub jobs, about "
                         + preview.estimatedDuration().toSeconds() + " s at tier " + preview.tier() + " ("
                         + preview.concurrentJobs() + " concurrent jobs)");
            for (RolloutPreview.StagePreview stage : preview.stages()) {
                view.println(String.format("  stage %d: %5d devices in %d jobs (%s ...)", stage.stage(),
                        stage.devices(), stage.jobIds().size(), stage.jobIds().get(0)));
            }
            RolloutView firmware = runToEnd(template, routes, firmwareId, settings.firmwarePlan());

            RolloutView failing = null;
            if (settings.failingCanary()) {
                String betaId = "beta-installer-" + stamp;
                view.println("Second rollout " + betaId + ": install-beta on tags.floor < 3, canary of 20 devices,"
                             + " halts at 10% failures");
                failing = runToEnd(template, routes, betaId, settings.failingPlan());
            }
            printSummary(new RolloutSummary(preview, firmware, failing), view);
            return new RolloutSummary(preview, firmware, failing);
        } finally {
            main.stop();
        }
    }

    private static RolloutView runToEnd(ProducerTemplate template, RolloutRoutes routes, String rolloutId,
            String plan) throws Exception {
        routes.end(rolloutId);
        call(template, rolloutId, "start", plan, RolloutView.class);
        routes.end(rolloutId).get(5, TimeUnit.MINUTES);
        return call(template, rolloutId, "get", null, RolloutView.class);
    }

    private static <T> T call(ProducerTemplate template, String rolloutId, String operation, Object body,
            Class<T> type) {
        return template.requestBodyAndHeaders("iotrollout:" + rolloutId, body,
                Map.of(IotRolloutConstants.OPERATION, operation), type);
    }

    private static void printSummary(RolloutSummary summary, ProgressView view) {
        view.println("Summary:");
        RolloutView firmware = summary.firmware();
        view.println("  " + firmware.rolloutId() + "  " + firmware.status().wire() + ": "
                     + firmware.passedStages().size() + " of " + firmware.stageCount() + " stages passed, "
                     + firmware.passedStages().stream().mapToInt(s -> s.succeeded()).sum() + " of "
                     + firmware.targetDevices() + " devices updated");
        RolloutView failing = summary.failing();
        if (failing != null) {
            view.println("  " + failing.rolloutId() + "  " + failing.status().wire() + " in stage "
                         + failing.stage() + ": " + failing.reason() + "; the other "
                         + (failing.targetDevices() - failing.stageDevices()) + " devices were never called");
        }
    }
}
