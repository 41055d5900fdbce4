/*
 * Licensed to the Apache Software Foundation (ASF) under one or more contributor license agreements; and to You
 * under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance with the
 * License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.iotjobs.emulator;

import java.time.Duration;
import java.time.Instant;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.iotjobs.emulator.fleet.DeviceTwin;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Simulated device agents on the manual clock: reporting desired changes back, never converging, rebooting. */
class DeviceAgentsTest {

    private static final Instant T0 = Instant.parse("2026-05-01T00:00:00Z");

    private static long reporting(IotJobsEmulator emulator, String firmware) {
        return emulator.fleet().all().stream()
                .filter(t -> firmware.equals(t.reported().path("firmwareTarget").asText(null))).count();
    }

    @Test
    void devicesReportDesiredChangesAfterTheLatencyExceptTheNeverConvergingShare() {
        ManualClock clock = new ManualClock(T0);
        try (IotJobsEmulator emulator = IotJobsEmulator.builder().devices(200).clock(clock).autoTick(false)
                .noThrottling().reportLatency(Duration.ofSeconds(30)).neverConverging(0.25).start()) {
            HubClient hub = new HubClient(emulator);
            hub.createJob("target", HubClient.twinJob("target", "*", "{\"firmwareTarget\":\"4.2\"}"));
            emulator.tick();
            assertThat(reporting(emulator, "4.2")).isZero();
            emulator.advance(Duration.ofSeconds(29));
            assertThat(reporting(emulator, "4.2")).isZero();
            emulator.advance(Duration.ofSeconds(1));

            long stubborn = emulator.fleet().all().stream().filter(t -> emulator.neverConverges(t.deviceId())).count();
            assertThat(stubborn).isBetween(25L, 75L);
            assertThat(reporting(emulator, "4.2")).isEqualTo(200 - stubborn);
            DeviceTwin converged = emulator.fleet().all().stream()
                    .filter(t -> !emulator.neverConverges(t.deviceId())).findFirst().orElseThrow();
            assertThat(converged.toJson().at("/properties/reported/firmwareTarget").asText()).isEqualTo("4.2");
            // Reported state is queryable, so a rollout can judge convergence.
            JsonNode rows = HubClient.json(hub.query("SELECT deviceId FROM devices WHERE "
                    + "properties.reported.firmwareTarget = '4.2'", "x-ms-max-item-count", "100"));
            assertThat(rows).hasSize(100);
        }
    }

    @Test
    void aRebootTakesTheDeviceOfflineAndItsMethodsTimeOutUntilItIsBack() {
        ManualClock clock = new ManualClock(T0);
        try (IotJobsEmulator emulator = IotJobsEmulator.builder().devices(3).clock(clock).autoTick(false)
                .tier(Tier.S3).rebootOffline(Duration.ofMinutes(2)).start()) {
            HubClient hub = new HubClient(emulator);
            String device = "deviceId = 'device-000001'";
            hub.createJob("reboot", HubClient.methodJob("reboot", device, "reboot", null, 600));
            emulator.tick();
            assertThat(hub.getJob("reboot").at("/deviceJobStatistics/succeededCount").asInt()).isEqualTo(1);
            assertThat(emulator.twin("device-000001").orElseThrow().connected()).isFalse();

            hub.createJob("ping-1", HubClient.methodJob("ping-1", device, "ping", null, 600));
            emulator.tick();
            JsonNode row = HubClient.json(hub.query("SELECT * FROM devices.jobs WHERE devices.jobs.jobId = 'ping-1'"))
                    .get(0);
            assertThat(row.get("status").asText()).isEqualTo("failed");
            assertThat(row.at("/error/code").asText()).isEqualTo("GatewayTimeout");

            emulator.advance(Duration.ofMinutes(2));
            assertThat(emulator.twin("device-000001").orElseThrow().connected()).isTrue();
            hub.createJob("ping-2", HubClient.methodJob("ping-2", device, "ping", null, 600));
            emulator.tick();
            assertThat(hub.getJob("ping-2").at("/deviceJobStatistics/succeededCount").asInt()).isEqualTo(1);
        }
    }
}
