/*
 * Licensed to the Apache Software Foundation (ASF) under one or more contributor license agreements; and to You
 * under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance with the
 * License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.iotjobs.emulator.central;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.iotjobs.emulator.IotJobsEmulator;
import io.github.iotjobs.emulator.ManualClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** IoT Central jobs over real HTTP on a manual clock: each tick starts pending jobs or runs one batch. */
class CentralJobsTest {

    private final ManualClock clock = new ManualClock(Instant.parse("2026-03-01T10:00:00Z"));
    private IotJobsEmulator emulator;
    private CentralClient central;

    @BeforeEach
    void start() {
        emulator = IotJobsEmulator.builder().devices(12).clock(clock).autoTick(false).start();
        central = new CentralClient(emulator);
    }

    @AfterEach
    void stop() {
        emulator.close();
    }

    @Test
    void propertyJobUpdatesTheDevicesOfATemplateGroup() {
        central.group("thermostats", "SELECT * FROM devices WHERE $template = \"dtmi:iotjobs:thermostat-a;1\"");
        JsonNode created = central.ok("PUT", "/jobs/set-temp", "{\"group\":\"thermostats\",\"data\":[{\"type\":"
                + "\"property\",\"target\":\"dtmi:iotjobs:thermostat-a;1\",\"path\":\"settings.target\","
                + "\"value\":21}]}");
        assertThat(created.get("status").asText()).isEqualTo("pending");
        assertThat(created.at("/progress/total").asInt()).isEqualTo(3);

        emulator.tick();
        assertThat(central.job("set-temp").get("status").asText()).isEqualTo("running");
        emulator.tick();
        JsonNode done = central.job("set-temp");
        assertThat(done.get("status").asText()).isEqualTo("complete");
        assertThat(done.at("/progress/completed").asInt()).isEqualTo(3);
        assertThat(done.has("start") && done.has("end")).isTrue();
        assertThat(emulator.twin("device-000004").orElseThrow().desired().at("/settings/target").asInt())
                .isEqualTo(21);
        assertThat(emulator.twin("device-000001").orElseThrow().desired().has("settings")).isFalse();
        JsonNode devices = central.ok("GET", "/jobs/set-temp/devices", null);
        assertThat(devices.get("value")).extracting(d -> d.get("id").asText() + "=" + d.get("status").asText())
                .containsExactly("device-000000=completed", "device-000004=completed", "device-000008=completed");
    }

    @Test
    void runsOneBatchPerTick() {
        central.ok("PUT", "/jobs/fives", CentralClient.commandJob("all-devices", "{\"type\":\"number\",\"value\":5}",
                null));
        central.ok("PUT", "/jobs/quarters", CentralClient.commandJob("all-devices",
                "{\"type\":\"percentage\",\"value\":25}", null));
        emulator.tick();
        List<Integer> fives = new ArrayList<>();
        List<Integer> quarters = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            emulator.tick();
            fives.add(central.job("fives").at("/progress/pending").asInt());
            quarters.add(central.job("quarters").at("/progress/pending").asInt());
        }
        assertThat(fives).containsExactly(7, 2, 0, 0);
        assertThat(quarters).containsExactly(9, 6, 3, 0);
        assertThat(central.job("fives").get("status").asText()).isEqualTo("complete");
    }

    @Test
    void perBatchThresholdLooksAtEachBatchAndOverallThresholdAtTheJob() {
        emulator.setConnected("device-000001", false); // batch 1
        emulator.setConnected("device-000006", false); // batch 2
        String batch = "{\"type\":\"number\",\"value\":5}";
        central.ok("PUT", "/jobs/per-batch", CentralClient.commandJob("all-devices", batch,
                "{\"type\":\"number\",\"value\":2,\"batch\":true}"));
        central.ok("PUT", "/jobs/overall", CentralClient.commandJob("all-devices", batch,
                "{\"type\":\"percentage\",\"value\":10,\"batch\":false}"));
        for (int i = 0; i < 5; i++) {
            emulator.tick();
        }
        JsonNode perBatch = central.job("per-batch");
        assertThat(perBatch.get("status").asText()).isEqualTo("failed");
        assertThat(perBatch.at("/progress/failed").asInt()).isEqualTo(2);
        assertThat(perBatch.at("/progress/completed").asInt()).isEqualTo(10);
        JsonNode overall = central.job("overall");
        assertThat(overall.get("status").asText()).isEqualTo("cancelled");
        assertThat(overall.at("/progress/pending").asInt()).isEqualTo(2);
        assertThat(overall.at("/progress/failed").asInt()).isEqualTo(2);
    }

    @Test
    void stopResumeAndRerunOnTheFailedDevices() {
        emulator.setConnected("device-000002", false);
        central.ok("PUT", "/jobs/rollout", CentralClient.commandJob("all-devices", "{\"type\":\"number\",\"value\":4}",
                null));
        emulator.tick();
        emulator.tick();
        assertThat(central.send("POST", "/jobs/rollout/stop", null).statusCode()).isEqualTo(204);
        emulator.tick();
        JsonNode stopped = central.job("rollout");
        assertThat(stopped.get("status").asText()).isEqualTo("stopped");
        assertThat(stopped.at("/progress/pending").asInt()).isEqualTo(8);
        assertThat(central.send("POST", "/jobs/rollout/resume", null).statusCode()).isEqualTo(204);
        assertThat(central.job("rollout").get("status").asText()).isEqualTo("running");
        emulator.tick();
        emulator.tick();
        JsonNode finished = central.job("rollout");
        assertThat(finished.get("status").asText()).isEqualTo("failed");
        assertThat(finished.at("/progress/failed").asInt()).isEqualTo(1);

        HttpResponse<String> notRunning = central.send("POST", "/jobs/rollout/stop", null);
        assertThat(notRunning.statusCode()).isEqualTo(409);
        assertThat(notRunning.headers().firstValue("x-ms-error-code")).contains("InvalidJobState");

        emulator.setConnected("device-000002", true);
        JsonNode rerun = central.ok("PUT", "/jobs/rollout/rerun/rollout-retry", null);
        assertThat(rerun.get("id").asText()).isEqualTo("rollout-retry");
        assertThat(rerun.at("/progress/total").asInt()).isEqualTo(1);
        emulator.tick();
        emulator.tick();
        assertThat(central.job("rollout-retry").get("status").asText()).isEqualTo("complete");
        assertThat(central.ok("GET", "/jobs/rollout-retry/devices", null).at("/value/0/id").asText())
                .isEqualTo("device-000002");
    }

    @Test
    void atMostFiveJobsRunAtOnce() {
        for (int i = 1; i <= 5; i++) {
            central.ok("PUT", "/jobs/j" + i, CentralClient.commandJob("all-devices", null, null));
        }
        HttpResponse<String> sixth = central.send("PUT", "/jobs/j6", CentralClient.commandJob("all-devices", null,
                null));
        assertThat(sixth.statusCode()).isEqualTo(429);
        assertThat(CentralClient.json(sixth).at("/error/code").asText())
                .isEqualTo("ThrottlingMaxActiveJobCountExceeded");
        emulator.tick();
        emulator.tick();
        assertThat(central.send("PUT", "/jobs/j6", CentralClient.commandJob("all-devices", null, null)).statusCode())
                .isEqualTo(200);
        assertThat(central.send("PUT", "/jobs/j6", CentralClient.commandJob("all-devices", null, null)).statusCode())
                .isEqualTo(409);
    }

    @Test
    void apiTokensExpireOnTheEmulatorClock() {
        central.authorization = emulator.apiToken(Duration.ofMinutes(1));
        assertThat(central.send("GET", "/jobs", null).statusCode()).isEqualTo(200);
        clock.advance(Duration.ofMinutes(2));
        HttpResponse<String> expired = central.send("GET", "/jobs", null);
        assertThat(expired.statusCode()).isEqualTo(401);
        assertThat(CentralClient.json(expired).at("/error/message").asText()).contains("expired");
        assertThat(expired.body()).doesNotContain(central.authorization);
    }

    @Test
    void listsFollowNextLink() {
        central.ok("PUT", "/jobs/paged", CentralClient.commandJob("all-devices", null, null));
        List<String> ids = new ArrayList<>();
        String next = "/jobs/paged/devices?maxpagesize=5";
        int pages = 0;
        while (next != null) {
            JsonNode page = central.ok("GET", next, null);
            page.get("value").forEach(d -> ids.add(d.get("id").asText()));
            next = page.hasNonNull("nextLink") ? page.get("nextLink").asText() : null;
            assertThat(next == null || next.startsWith(emulator.baseUrl() + "/api/jobs/paged/devices?")).isTrue();
            pages++;
        }
        assertThat(pages).isEqualTo(3);
        assertThat(ids).hasSize(12).doesNotHaveDuplicates();
        assertThat(central.send("GET", "/jobs?maxpagesize=0", null).statusCode()).isEqualTo(400);
    }
}
