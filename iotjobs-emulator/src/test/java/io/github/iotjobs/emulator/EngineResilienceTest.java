/*
 * Licensed to the Apache Software Foundation (ASF) under one or more contributor license agreements; and to You
 * under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance with the
 * License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.iotjobs.emulator;

import java.time.Duration;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.iotjobs.emulator.engine.MethodBehavior;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** A tick that throws (an Error included) is logged; the ticker and the other jobs go on. */
class EngineResilienceTest {

    /** A method answer whose payload cannot be copied: the engine meets an Error while answering. */
    private static final ObjectNode BROKEN = new ObjectNode(JsonNodeFactory.instance) {
        @Override
        public ObjectNode deepCopy() {
            throw new StackOverflowError("simulated");
        }
    };

    @Test
    void anErrorInATickFailsOnlyItsJobAndTheEngineKeepsTicking() {
        try (IotJobsEmulator emulator = IotJobsEmulator.builder().devices(4).noThrottling()
                .method("broken", MethodBehavior.ok().withResponse(200, BROKEN)).start()) {
            HubClient hub = new HubClient(emulator);
            hub.createJob("breaks", HubClient.methodJob("breaks", "*", "broken", null, 600));
            await().atMost(Duration.ofSeconds(10)).until(() -> hub.getJob("breaks").get("status").asText(),
                    "failed"::equals);
            assertThat(hub.getJob("breaks").get("failureReason").asText()).isEqualTo("Internal emulator error");

            hub.createJob("works", HubClient.methodJob("works", "*", "ping", null, 600));
            await().atMost(Duration.ofSeconds(10)).until(() -> hub.getJob("works").get("status").asText(),
                    "completed"::equals);
            assertThat(hub.getJob("works").at("/deviceJobStatistics/succeededCount").asInt()).isEqualTo(4);
        }
    }
}
