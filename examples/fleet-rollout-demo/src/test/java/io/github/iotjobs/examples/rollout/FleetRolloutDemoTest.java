/*
 * Licensed to the Apache Software Foundation (ASF) under one or more contributor license agreements; and to You
 * under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance with the
 * License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.iotjobs.examples.rollout;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import io.github.iotjobs.camel.rollout.store.RolloutStatus;
import io.github.iotjobs.camel.rollout.store.StageOutcome;
import io.github.iotjobs.emulator.IotJobsEmulator;
import io.github.iotjobs.emulator.fleet.DeviceTwin;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Runs the demo's whole flow on a smaller fleet, so the README's first command never rots. */
class FleetRolloutDemoTest {

    @Test
    void aStagedRolloutCompletesAndAFailingCanaryHaltsBeforeTheFleet() throws Exception {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        try (IotJobsEmulator emulator = FleetRolloutDemo.startEmulator(400);
             PrintStream out = new PrintStream(printed, true, StandardCharsets.UTF_8)) {
            RolloutSummary summary = FleetRolloutDemo.run(
                    FleetRolloutDemo.emulatorSettings(emulator, "wave-test", "9.9.9"), out);

            // floors 3..10 of 10: 80% of the fleet
            assertThat(summary.preview().targetDevices()).isEqualTo(320);
            assertThat(summary.preview().stages()).extracting(s -> s.devices()).containsExactly(20, 12, 128, 160);
            assertThat(summary.firmware().status()).isEqualTo(RolloutStatus.COMPLETED);
            assertThat(summary.firmware().passedStages()).extracting(StageOutcome::gate).containsOnly("passed");
            long updated = emulator.fleet().all().stream()
                    .filter(t -> t.desired().path("firmware").asText().equals("9.9.9")).count();
            assertThat(updated).isEqualTo(320);
            assertThat(emulator.twin("device-000000")).hasValueSatisfying(
                    twin -> assertThat(twin.tags().has("rollout")).isFalse());

            assertThat(summary.failing().status()).isEqualTo(RolloutStatus.ABORTED);
            assertThat(summary.failing().stage()).isZero();
            assertThat(emulator.engine().jobs()).extracting(j -> j.spec().jobId())
                    .noneMatch(id -> id.startsWith("ro-beta") && !id.contains("-s0-"));
            for (DeviceTwin twin : emulator.fleet().all()) {
                assertThat(twin.tags().path("floor").asInt() >= 3).isEqualTo(twin.tags().has("rollout"));
            }
        }
        String output = printed.toString(StandardCharsets.UTF_8);
        assertThat(output).contains("Preview of firmware-wave-test-").contains("stage 3:")
                .contains("gatePassed stage 0").contains("completed")
                .contains("gateFailed stage 0").contains("aborted")
                .containsPattern("\\[firmware-wave-test-\\w+ stage \\d\\] running");
    }
}
