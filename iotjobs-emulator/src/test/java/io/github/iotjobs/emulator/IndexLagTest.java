/*
 * Licensed to the Apache Software Foundation (ASF) under one or more contributor license agreements; and to You
 * under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance with the
 * License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.iotjobs.emulator;

import java.time.Duration;
import java.time.Instant;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.iotjobs.emulator.engine.MethodBehavior;
import io.github.iotjobs.emulator.quota.ThrottleClass;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** --index-lag PT10M: the job's GET is current while devices.jobs rows and twin queries show the past. */
class IndexLagTest {

    private static final Instant T0 = Instant.parse("2026-04-01T00:00:00Z");
    private static final String ROWS = "SELECT * FROM devices.jobs WHERE devices.jobs.jobId = 'reboot-all'";

    private final ManualClock clock = new ManualClock(T0);
    private final IotJobsEmulator emulator = IotJobsEmulator.builder().devices(8).clock(clock).autoTick(false)
            .tier(Tier.S3).indexLag(Duration.ofMinutes(10))
            .method("reboot", MethodBehavior.ok().withLatency(Duration.ofMinutes(3))).start();
    private final HubClient hub = new HubClient(emulator);

    @AfterEach
    void stop() {
        emulator.close();
    }

    private JsonNode rows() {
        return HubClient.json(hub.query(ROWS));
    }

    @Test
    void aJobCompletesWhileItsRowsStillShowTheirOldStateAndTheyCatchUpAfterTheLag() {
        assertThat(hub.createJob("reboot-all", HubClient.methodJob("reboot-all", "*", "reboot", null, 3600))
                .statusCode()).isEqualTo(200);
        emulator.tick();
        emulator.advance(Duration.ofMinutes(3));
        assertThat(hub.getJob("reboot-all").get("status").asText()).isEqualTo("completed");
        assertThat(hub.getJob("reboot-all").at("/deviceJobStatistics/succeededCount").asInt()).isEqualTo(8);
        // The index has not seen the job's rows yet.
        assertThat(rows()).isEmpty();

        emulator.advance(Duration.ofMinutes(8));
        JsonNode old = rows();
        assertThat(old).hasSize(8);
        assertThat(old).allSatisfy(row -> assertThat(row.get("status").asText()).isEqualTo("running"));

        emulator.advance(Duration.ofMinutes(2));
        assertThat(rows()).hasSize(8)
                .allSatisfy(row -> assertThat(row.get("status").asText()).isEqualTo("completed"));
        assertThat(emulator.requests(ThrottleClass.QUERIES)).isEqualTo(3);
        assertThat(emulator.requests(ThrottleClass.JOBS)).isEqualTo(3);
    }

    @Test
    void twinQueriesShowTwinsAsTheyWereTheLagAgo() {
        String query = "SELECT * FROM devices WHERE properties.desired.firmware = '3.0'";
        hub.createJob("fw", HubClient.twinJob("fw", "*", "{\"firmware\":\"3.0\"}"));
        emulator.tick();
        assertThat(emulator.twin("device-000003").orElseThrow().desired().get("firmware").asText())
                .isEqualTo("3.0");
        assertThat(HubClient.json(hub.query(query))).isEmpty();
        // Devices that existed before the change are still listed, as they were.
        assertThat(HubClient.json(hub.query("SELECT * FROM devices"))).hasSize(8)
                .allSatisfy(twin -> assertThat(twin.at("/properties/desired/firmware").isMissingNode()).isTrue());

        emulator.advance(Duration.ofMinutes(10));
        assertThat(HubClient.json(hub.query(query))).hasSize(8);
    }
}
