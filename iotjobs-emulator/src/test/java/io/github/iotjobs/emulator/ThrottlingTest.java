/*
 * Licensed to the Apache Software Foundation (ASF) under one or more contributor license agreements; and to You
 * under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance with the
 * License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.iotjobs.emulator;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.function.UnaryOperator;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.iotjobs.emulator.quota.ThrottleClass;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The hub's quotas over HTTP on a manual clock: exact budgets, the hub's 429 body, units, overrides, lifting. */
class ThrottlingTest {

    private static final Instant T0 = Instant.parse("2026-03-01T00:00:00Z");
    private static final String QUERY = "SELECT * FROM devices WHERE tags.building = 'b1'";

    private static IotJobsEmulator start(ManualClock clock, UnaryOperator<IotJobsEmulator.Builder> options) {
        return options.apply(IotJobsEmulator.builder().devices(10).clock(clock).autoTick(false)).start();
    }

    private static int okQueries(HubClient hub, int count) {
        int ok = 0;
        for (int i = 0; i < count; i++) {
            ok += hub.query(QUERY).statusCode() == 200 ? 1 : 0;
        }
        return ok;
    }

    @Test
    void theTwentyFirstQueryOfAMinuteOnS1GetsTheHubs429() {
        ManualClock clock = new ManualClock(T0);
        try (IotJobsEmulator emulator = start(clock, b -> b.tier(Tier.S1))) {
            HubClient hub = new HubClient(emulator);
            assertThat(okQueries(hub, 20)).isEqualTo(20);

            HttpResponse<String> refused = hub.query(QUERY);
            assertThat(refused.statusCode()).isEqualTo(429);
            assertThat(refused.headers().firstValue("iothub-errorcode")).hasValue("ThrottlingException");
            assertThat(refused.headers().firstValue("Retry-After")).isEmpty();
            JsonNode body = HubClient.json(refused);
            assertThat(body.get("Message").asText()).startsWith("ErrorCode:ThrottlingException;")
                    .contains("429001");
            assertThat(body.get("ExceptionMessage").asText()).startsWith("Tracking ID:");

            // 20 per minute refill one every 3 seconds.
            emulator.advance(Duration.ofSeconds(2));
            assertThat(hub.query(QUERY).statusCode()).isEqualTo(429);
            emulator.advance(Duration.ofSeconds(1));
            assertThat(hub.query(QUERY).statusCode()).isEqualTo(200);
            assertThat(emulator.requests(ThrottleClass.QUERIES)).isEqualTo(21);
            assertThat(emulator.throttled(ThrottleClass.QUERIES)).isEqualTo(2);
        }
    }

    @Test
    void twoUnitsAnswerTheTwentyFirstQuery() {
        try (IotJobsEmulator emulator = start(new ManualClock(T0), b -> b.tier(Tier.S1).units(2))) {
            HubClient hub = new HubClient(emulator);
            assertThat(okQueries(hub, 40)).isEqualTo(40);
            assertThat(hub.query(QUERY).statusCode()).isEqualTo(429);
        }
    }

    @Test
    void jobsOperationsHaveTheirOwnQuota() {
        try (IotJobsEmulator emulator = start(new ManualClock(T0), b -> b.tier(Tier.S1))) {
            HubClient hub = new HubClient(emulator);
            assertThat(hub.createJob("j1", HubClient.twinJob("j1", "*", "{\"a\":1}")).statusCode()).isEqualTo(200);
            int ok = 1;
            for (int i = 0; i < 99; i++) {
                ok += hub.send("GET", "/jobs/v2/j1?" + HubClient.API, null).statusCode() == 200 ? 1 : 0;
            }
            assertThat(ok).isEqualTo(100);
            HttpResponse<String> refused = hub.send("GET", "/jobs/v2/query?" + HubClient.API, null);
            assertThat(refused.statusCode()).isEqualTo(429);
            assertThat(refused.headers().firstValue("iothub-errorcode")).hasValue("ThrottlingException");
            // Queries are a different class: still within their budget.
            assertThat(hub.query(QUERY).statusCode()).isEqualTo(200);
        }
    }

    @Test
    void throttleOverridesOneClass() {
        try (IotJobsEmulator emulator = start(new ManualClock(T0), b -> b.tier(Tier.S1)
                .throttle("queries", "5/min"))) {
            HubClient hub = new HubClient(emulator);
            assertThat(okQueries(hub, 6)).isEqualTo(5);
            assertThat(emulator.quota(ThrottleClass.JOBS)).hasValueSatisfying(r -> assertThat(r).hasToString("100/min"));
            assertThat(emulator.quota(ThrottleClass.QUERIES)).hasValueSatisfying(r -> assertThat(r).hasToString("5/min"));
        }
    }

    @Test
    void noThrottlingLiftsEveryQuotaAndTheConcurrentJobLimit() {
        try (IotJobsEmulator emulator = start(new ManualClock(T0), b -> b.tier(Tier.S1).noThrottling())) {
            HubClient hub = new HubClient(emulator);
            assertThat(okQueries(hub, 150)).isEqualTo(150);
            for (int i = 0; i < 3; i++) {
                assertThat(hub.createJob("job-" + i, HubClient.methodJob("job-" + i, "*", "ping",
                        "2026-03-02T00:00:00Z", 60)).statusCode()).isEqualTo(200);
            }
            assertThat(emulator.quota(ThrottleClass.DEVICE_OPS)).isEmpty();
            assertThat(emulator.throttled(ThrottleClass.QUERIES)).isZero();
        }
    }

    @Test
    void aTenThousandDeviceTwinJobOnS1TakesItsDocumentedSeventeenMinutes() {
        ManualClock clock = new ManualClock(T0);
        try (IotJobsEmulator emulator = IotJobsEmulator.builder().devices(10_000).clock(clock).autoTick(false)
                .tier(Tier.S1).start()) {
            HubClient hub = new HubClient(emulator);
            assertThat(hub.createJob("fleet", HubClient.twinJob("fleet", "*", "{\"fw\":\"2\"}")).statusCode())
                    .isEqualTo(200);
            emulator.tick();
            // 10 device operations per second: 10 at once, then 10 more each second, 10,000 after 999 s.
            for (int second = 0; second < 990; second += 10) {
                emulator.advance(Duration.ofSeconds(10));
            }
            assertThat(emulator.engine().job("fleet").orElseThrow().status().wire()).isEqualTo("running");
            JsonNode running = hub.getJob("fleet").get("deviceJobStatistics");
            assertThat(running.get("succeededCount").asInt()).isEqualTo(9_910);
            assertThat(running.get("pendingCount").asInt()).isEqualTo(90);
            emulator.advance(Duration.ofSeconds(9));
            JsonNode done = hub.getJob("fleet");
            assertThat(done.get("status").asText()).isEqualTo("completed");
            assertThat(done.get("endTime").asText()).isEqualTo("2026-03-01T00:16:39.000Z");
            assertThat(emulator.requests(ThrottleClass.DEVICE_OPS)).isEqualTo(10_000);
            assertThat(emulator.throttled(ThrottleClass.DEVICE_OPS)).isPositive();
        }
    }
}
