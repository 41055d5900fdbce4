/*
 * Licensed to the Apache Software Foundation (ASF) under one or more contributor license agreements; and to You
 * under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance with the
 * License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.iotjobs.emulator;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class ConcurrencyTest {

    @Test
    void concurrentCreatesRespectTheTierLimitExactly() throws Exception {
        ManualClock clock = new ManualClock(Instant.parse("2026-02-02T00:00:00Z"));
        try (IotJobsEmulator emulator = IotJobsEmulator.builder().devices(10).clock(clock).autoTick(false)
                .tier(Tier.S3).start()) {
            HubClient hub = new HubClient(emulator);
            ExecutorService pool = Executors.newFixedThreadPool(8);
            try {
                List<Future<Integer>> results = new ArrayList<>();
                for (int i = 0; i < 40; i++) {
                    String id = "burst-" + i;
                    results.add(pool.submit(() -> hub.createJob(id, HubClient.twinJob(id, "*", "{\"n\":1}"))
                            .statusCode()));
                }
                int accepted = 0;
                int throttled = 0;
                for (Future<Integer> f : results) {
                    int status = f.get();
                    if (status == 200) {
                        accepted++;
                    } else if (status == 429) {
                        throttled++;
                    }
                }
                assertThat(accepted).isEqualTo(Tier.S3.maxConcurrentJobs());
                assertThat(throttled).isEqualTo(30);
            } finally {
                pool.shutdownNow();
            }
            // 100 device operations at S3's 50 per second.
            emulator.tick();
            emulator.advance(Duration.ofSeconds(1));
            // Ten twin jobs each merged the same key: the twin saw ten versions, none lost.
            assertThat(emulator.twin("device-000004").orElseThrow().version()).isEqualTo(11);
        }
    }

    @Test
    void fleetFileDevicesAreQueryable(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("fleet.json");
        Files.writeString(file, "[{\"deviceId\":\"pump-1\",\"tags\":{\"site\":\"north\"}},"
                + "{\"deviceId\":\"pump-2\",\"tags\":{\"site\":\"south\"}}]");
        try (IotJobsEmulator emulator = IotJobsEmulator.builder().fleetFile(file).start()) {
            JsonNode rows = HubClient.json(new HubClient(emulator).query(
                    "SELECT * FROM devices WHERE tags.site = \"south\""));
            assertThat(rows).hasSize(1);
            assertThat(rows.get(0).get("deviceId").asText()).isEqualTo("pump-2");
            assertThat(rows.get(0).at("/properties/desired/$version").asInt()).isEqualTo(1);
            assertThat(rows.get(0).get("etag").asText()).isNotBlank();
        }
    }
}
