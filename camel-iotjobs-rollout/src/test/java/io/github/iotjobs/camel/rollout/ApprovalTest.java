/*
 * Licensed to the Apache Software Foundation (ASF) under one or more contributor license agreements; and to You
 * under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance with the
 * License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.iotjobs.camel.rollout;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.github.iotjobs.camel.rollout.engine.RolloutEvent;
import io.github.iotjobs.camel.rollout.stage.HubTier;
import io.github.iotjobs.camel.rollout.store.RolloutDecision;
import io.github.iotjobs.camel.rollout.store.RolloutStatus;
import io.github.iotjobs.emulator.IotJobsEmulator;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** Approval gates between stages: an endpoint that decides, or a manual approve kept in the history. */
class ApprovalTest {

    @TempDir
    Path storeDir;

    private static String plan(String approval) {
        return """
                {"target": {"query": "*"},
                 "action": {"twinPatch": {"properties": {"desired": {"firmware": "2.0"}}}},
                 "stages": [{"devices": 5}, {"percent": 100}],
                 "approval": "%s"}
                """.formatted(approval);
    }

    @Test
    void anApprovalEndpointThatPausesLetsTheRolloutGoOnWhenItAnswersContinueOnTheNextAsk() throws Exception {
        try (IotJobsEmulator hub = IotJobsEmulator.builder().devices(20).noThrottling().start();
                RolloutNode node = RolloutNode.start(hub, HubTier.S3, null, storeDir)) {
            List<RolloutEvent> asked = new CopyOnWriteArrayList<>();
            node.context.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from("direct:approve").process(exchange -> {
                        asked.add(exchange.getMessage().getBody(RolloutEvent.class));
                        // The first ask pauses (header), the second continues (reply body).
                        if (asked.size() == 1) {
                            exchange.getMessage().setHeader(IotRolloutConstants.DECISION, "pause");
                        } else {
                            exchange.getMessage().setBody("continue");
                        }
                    });
                }
            });
            node.call("gated", IotRolloutOperations.start, plan("direct:approve"));
            await().atMost(Duration.ofSeconds(20)).until(() -> node.call("gated", IotRolloutOperations.get, null)
                    .status() == RolloutStatus.PAUSED);
            assertThat(asked).hasSize(1);
            assertThat(asked.get(0).stage()).isZero();
            assertThat(asked.get(0).succeeded()).isEqualTo(5);
            assertThat(hub.engine().jobs()).hasSize(1);

            node.call("gated", IotRolloutOperations.resume, null);
            await().atMost(Duration.ofSeconds(20)).until(() -> node.call("gated", IotRolloutOperations.get, null)
                    .status() == RolloutStatus.COMPLETED);
            assertThat(asked).hasSize(2);
            // Each decision is stored before its event is emitted: the events may trail what get shows.
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                    assertThat(node.eventTypes("gated")).containsExactly("rolloutStarted", "stageStarted", "gatePassed",
                        "approvalRequested", "paused", "resumed", "approved", "stageStarted", "gatePassed", "completed"));
        }
    }

    @Test
    void aManualApprovalWaitsForTheApproveOperationAndKeepsItsRemark() throws Exception {
        try (IotJobsEmulator hub = IotJobsEmulator.builder().devices(20).noThrottling().start();
                RolloutNode node = RolloutNode.start(hub, HubTier.S3, null, storeDir)) {
            assertThatThrownBy(() -> node.call("manual", IotRolloutOperations.approve, "too early"))
                    .cause().hasMessageStartingWith("rolloutId: ");
            node.call("manual", IotRolloutOperations.start, plan("manual"));
            await().atMost(Duration.ofSeconds(20)).until(() -> node.call("manual", IotRolloutOperations.get, null)
                    .status() == RolloutStatus.AWAITING_APPROVAL);
            Instant waiting = node.call("manual", IotRolloutOperations.get, null).updatedAt();
            // Turns go by and nothing is sent until someone approves.
            await().atMost(Duration.ofSeconds(20)).until(() -> node.call("manual", IotRolloutOperations.get, null)
                    .updatedAt().isAfter(waiting.plusMillis(100)));
            assertThat(hub.engine().jobs()).hasSize(1);

            node.call("manual", IotRolloutOperations.approve, "canary dashboards checked");
            await().atMost(Duration.ofSeconds(20)).until(() -> node.call("manual", IotRolloutOperations.get, null)
                    .status() == RolloutStatus.COMPLETED);
            List<RolloutDecision> history = node.call("manual", IotRolloutOperations.get, null).decisions();
            assertThat(history).filteredOn(d -> d.event().equals("approved")).singleElement()
                    .satisfies(d -> assertThat(d.detail()).isEqualTo("approved: canary dashboards checked"))
                    .satisfies(d -> assertThat(d.stage()).isEqualTo(1));
            assertThat(hub.engine().jobs()).hasSize(2);
        }
    }
}
