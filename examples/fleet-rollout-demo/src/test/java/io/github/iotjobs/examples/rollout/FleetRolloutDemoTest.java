/*
 * Licensed to the Apache Software Foundation (ASF) under one or more contributor license agreements; and to You
 * under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance with the
 * License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.iotjobs.examples.rollout;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import io.github.iotjobs.camel.model.DeviceJob;
import io.github.iotjobs.camel.model.DeviceJobStatus;
import io.github.iotjobs.camel.model.JobStatus;
import io.github.iotjobs.emulator.IotJobsEmulator;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Runs the demo's whole flow on a smaller fleet, so the README's first command never rots. */
class FleetRolloutDemoTest {

    @Test
    void rolloutUpdatesRebootsAndReportsTheFailedDevices() throws Exception {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        try (IotJobsEmulator emulator = FleetRolloutDemo.startEmulator(400);
             PrintStream out = new PrintStream(printed, true, StandardCharsets.UTF_8)) {
            RolloutSummary summary = FleetRolloutDemo.run(
                    FleetRolloutDemo.emulatorSettings(emulator, "wave-test", "9.9.9"), out);

            // floors 3..10 of 10: 80% of the fleet
            assertThat(summary.previewError()).isNull();
            assertThat(summary.targeted()).isEqualTo(320);
            assertThat(summary.twinJob().status()).isEqualTo(JobStatus.completed);
            assertThat(summary.twinJob().statistics().deviceCount()).isEqualTo(320);
            assertThat(summary.twinJob().statistics().succeededCount()).isEqualTo(320);
            assertThat(emulator.twin("device-000010")).hasValueSatisfying(twin -> {
                assertThat(twin.tags().path("rollout").asText()).isEqualTo("wave-test");
                assertThat(twin.desired().path("firmware").asText()).isEqualTo("9.9.9");
            });
            // device-000000 is on floor 1: outside the target, untouched
            assertThat(emulator.twin("device-000000")).hasValueSatisfying(
                    twin -> assertThat(twin.tags().has("rollout")).isFalse());

            assertThat(summary.rebootJob().status()).isEqualTo(JobStatus.completed);
            assertThat(summary.rebootJob().statistics().deviceCount()).isEqualTo(320);
            assertThat(summary.rebootJob().statistics().doneCount()).isEqualTo(320);
            int failed = summary.rebootJob().statistics().failedCount();
            assertThat(failed).isPositive();
            assertThat(summary.failedDevices()).hasSize(failed);
            assertThat(summary.failedDevices()).allSatisfy(row -> {
                assertThat(row.status()).isEqualTo(DeviceJobStatus.failed);
                assertThat(row.error()).isNotNull();
                assertThat(row.error().code()).isNotBlank();
            });
            assertThat(summary.failedDevices()).extracting(DeviceJob::deviceId).doesNotHaveDuplicates();
            assertThat(FleetRolloutDemo.exitCode(summary)).isZero();
        }
        String output = printed.toString(StandardCharsets.UTF_8);
        assertThat(output).contains("Preview: 320 devices match tags.floor >= 3")
                .contains("[twin  ] completed")
                .contains("[reboot] completed")
                .contains("devices/s")
                .contains("rollout complete");
    }
}
