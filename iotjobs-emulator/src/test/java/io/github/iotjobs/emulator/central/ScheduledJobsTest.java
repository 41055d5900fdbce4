/*
 * Licensed to the Apache Software Foundation (ASF) under one or more contributor license agreements; and to You
 * under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance with the
 * License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.iotjobs.emulator.central;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.iotjobs.emulator.IotJobsEmulator;
import io.github.iotjobs.emulator.ManualClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Scheduled jobs start real job runs at their start time and recurrence, until their end, on a manual clock. */
class ScheduledJobsTest {

    private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");

    private final ManualClock clock = new ManualClock(T0);
    private IotJobsEmulator emulator;
    private CentralClient central;

    @BeforeEach
    void start() {
        emulator = IotJobsEmulator.builder().devices(4).clock(clock).autoTick(false).start();
        central = new CentralClient(emulator);
    }

    @AfterEach
    void stop() {
        emulator.close();
    }

    private static String scheduled(String start, String recurrence, String end) {
        return "{\"displayName\":\"nightly\",\"group\":\"all-devices\",\"data\":[{\"type\":\"cloudProperty\","
                + "\"target\":\"dtmi:iotjobs:sensor-x;1\",\"path\":\"site\",\"value\":\"north\"}],"
                + "\"schedule\":{\"start\":\"" + start + "\"" + (recurrence == null ? ""
                : ",\"recurrence\":\"" + recurrence + "\"") + (end == null ? "" : ",\"end\":" + end) + "}}";
    }

    private int runs(String id) {
        return central.ok("GET", "/scheduledJobs/" + id + "/jobs", null).get("value").size();
    }

    @Test
    void dailyJobRunsTwiceThenEnds() {
        JsonNode created = central.ok("PUT", "/scheduledJobs/nightly", scheduled("2026-03-01T11:00:00Z", "daily",
                "{\"type\":\"occurrences\",\"occurrences\":2}"));
        assertThat(created.get("enabled").asBoolean()).isTrue();
        assertThat(created.get("completed").asBoolean()).isFalse();
        assertThat(created.get("etag").asText()).startsWith("\"").endsWith("\"");

        emulator.tick();
        assertThat(runs("nightly")).isZero();
        emulator.advance(Duration.ofHours(1));
        assertThat(runs("nightly")).isEqualTo(1);
        emulator.advance(Duration.ofMinutes(1));
        emulator.advance(Duration.ofMinutes(1));
        JsonNode first = central.ok("GET", "/scheduledJobs/nightly/jobs", null).at("/value/0");
        assertThat(first.get("scheduledJobId").asText()).isEqualTo("nightly");
        assertThat(first.get("displayName").asText()).isEqualTo("nightly - 1");
        assertThat(first.get("status").asText()).isEqualTo("complete");
        assertThat(emulator.twin("device-000003").orElseThrow().tags().get("site").asText()).isEqualTo("north");

        emulator.advance(Duration.ofHours(23));
        assertThat(runs("nightly")).isEqualTo(1);
        emulator.advance(Duration.ofHours(1));
        assertThat(runs("nightly")).isEqualTo(2);
        assertThat(central.ok("GET", "/scheduledJobs/nightly", null).get("completed").asBoolean()).isTrue();
        emulator.advance(Duration.ofDays(3));
        assertThat(runs("nightly")).isEqualTo(2);
    }

    @Test
    void endDateStopsTheRecurrence() {
        central.ok("PUT", "/scheduledJobs/weekly", scheduled("2026-03-01T10:00:00Z", "weekly",
                "{\"type\":\"date\",\"date\":\"2026-03-10\"}"));
        emulator.tick();
        emulator.advance(Duration.ofDays(7));
        emulator.advance(Duration.ofDays(7));
        assertThat(runs("weekly")).isEqualTo(2);
        assertThat(central.ok("GET", "/scheduledJobs/weekly", null).get("completed").asBoolean()).isTrue();
    }

    @Test
    void patchHonoursIfMatchAndWaitsForTheActiveRun() {
        JsonNode created = central.ok("PUT", "/scheduledJobs/guarded", scheduled("2026-03-01T10:00:00Z", "daily",
                null));
        HttpResponse<String> stale = central.send("PATCH", "/scheduledJobs/guarded", "{\"description\":\"x\"}",
                "If-Match", "\"stale\"");
        assertThat(stale.statusCode()).isEqualTo(412);
        assertThat(central.send("PATCH", "/scheduledJobs/guarded", "{\"description\":\"x\"}", "If-Match",
                created.get("etag").asText()).statusCode()).isEqualTo(200);
        emulator.tick(); // run 1 starts: pending
        HttpResponse<String> busy = central.send("PATCH", "/scheduledJobs/guarded", "{\"description\":\"y\"}");
        assertThat(busy.statusCode()).isEqualTo(409);
        emulator.tick();
        emulator.tick();
        assertThat(central.send("PATCH", "/scheduledJobs/guarded", "{\"description\":\"y\"}").statusCode())
                .isEqualTo(200);
    }

    @Test
    void mergePatchDisableAndDelete() {
        JsonNode created = central.ok("PUT", "/scheduledJobs/once", scheduled("2026-03-01T12:00:00Z", null, null));
        JsonNode patched = central.ok("PATCH", "/scheduledJobs/once", "{\"enabled\":false,\"description\":\"x\"}");
        assertThat(patched.get("enabled").asBoolean()).isFalse();
        assertThat(patched.get("description").asText()).isEqualTo("x");
        assertThat(patched.at("/schedule/start").asText()).isEqualTo("2026-03-01T12:00:00Z");
        assertThat(patched.get("etag").asText()).isNotEqualTo(created.get("etag").asText());
        emulator.advance(Duration.ofHours(3));
        assertThat(runs("once")).isZero();
        central.ok("PATCH", "/scheduledJobs/once", "{\"enabled\":true}");
        emulator.tick();
        emulator.advance(Duration.ofDays(2));
        assertThat(runs("once")).isEqualTo(1);
        assertThat(central.ok("GET", "/scheduledJobs", null).at("/value/0/completed").asBoolean()).isTrue();

        HttpResponse<String> bad = central.send("PATCH", "/scheduledJobs/once",
                "{\"schedule\":{\"recurrence\":\"yearly\"}}");
        assertThat(bad.statusCode()).isEqualTo(422);
        assertThat(central.send("DELETE", "/scheduledJobs/once", null).statusCode()).isEqualTo(204);
        assertThat(central.send("GET", "/scheduledJobs/once", null).statusCode()).isEqualTo(404);
    }
}
