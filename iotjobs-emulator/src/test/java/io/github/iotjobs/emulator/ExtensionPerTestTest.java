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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The extension as an instance field: a fresh emulator per test, here driven by the real clock and Awaitility. */
class ExtensionPerTestTest {

    @RegisterExtension
    IotJobsEmulatorExtension extension = new IotJobsEmulatorExtension(() -> IotJobsEmulator.builder().devices(5)
            .method("slow", MethodBehavior.ok().withLatency(Duration.ofMillis(300))));

    @Test
    void methodJobWithRealLatencyCompletes() {
        HubClient hub = new HubClient(extension.emulator());
        Instant start = Instant.now();
        hub.createJob("real", HubClient.methodJob("real", "*", "slow", null, 60));
        await().atMost(Duration.ofSeconds(10)).until(() -> hub.getJob("real").get("status").asText()
                .equals("completed"));
        assertThat(Duration.between(start, Instant.now())).isGreaterThanOrEqualTo(Duration.ofMillis(300));
        JsonNode job = hub.getJob("real");
        assertThat(job.at("/deviceJobStatistics/succeededCount").asInt()).isEqualTo(5);
    }

    @Test
    void eachTestGetsAFreshEmulator() {
        HubClient hub = new HubClient(extension.emulator());
        assertThat(HubClient.json(hub.send("GET", "/jobs/v2/query?" + HubClient.API, null))).isEmpty();
    }
}
