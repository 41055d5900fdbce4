/*
 * Licensed to the Apache Software Foundation (ASF) under one or more contributor license agreements; and to You
 * under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance with the
 * License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.iotjobs.camel.rollout;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;

import io.github.iotjobs.camel.rollout.plan.RolloutPlan;
import io.github.iotjobs.camel.rollout.plan.RolloutPlanException;
import io.github.iotjobs.camel.rollout.stage.HubTier;
import io.github.iotjobs.camel.rollout.stage.RolloutPreview;
import io.github.iotjobs.camel.rollout.store.RolloutStatus;
import io.github.iotjobs.emulator.IotJobsEmulator;
import io.github.iotjobs.emulator.Tier;
import io.github.iotjobs.emulator.engine.Job;
import io.github.iotjobs.emulator.engine.MethodBehavior;
import org.apache.camel.CamelExecutionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** Pause and resume mid-stage, and the concurrent-job limit of an S1 hub. */
class RolloutControlTest {

    @TempDir
    Path storeDir;

    private static RolloutPlan slowUpdate() {
        return RolloutPlan.builder().targetQuery("*").method("update", null).stagePercent(100).build();
    }

    @Test
    void pauseMidStageLetsTheRunningJobFinishAndStartsNoOtherUntilResume() throws Exception {
        try (IotJobsEmulator hub = IotJobsEmulator.builder().devices(1500).tier(Tier.S1).noThrottling().maxActiveJobs(1)
                .method("update", MethodBehavior.ok().withLatency(Duration.ofMillis(1500))).start();
                RolloutNode node = RolloutNode.start(hub, HubTier.S1, null, storeDir)) {
            node.call("slow", IotRolloutOperations.start, slowUpdate());
            await().atMost(Duration.ofSeconds(20)).until(() -> hub.engine().job("ro-slow-s0-c0").isPresent());

            RolloutView paused = node.call("slow", IotRolloutOperations.pause, null);
            assertThat(paused.status()).isEqualTo(RolloutStatus.PAUSED);
            await().atMost(Duration.ofSeconds(20)).until(() -> "done".equals(
                    node.call("slow", IotRolloutOperations.get, null).jobs().get(0).state()));
            Instant afterFirstJob = node.call("slow", IotRolloutOperations.get, null).updatedAt();
            // Further turns of the orchestrator run while paused, and still create nothing.
            await().atMost(Duration.ofSeconds(20)).until(() -> node.call("slow", IotRolloutOperations.get, null)
                    .updatedAt().isAfter(afterFirstJob.plusMillis(100)));
            assertThat(hub.engine().jobs()).extracting(j -> j.spec().jobId()).containsExactly("ro-slow-s0-c0");
            assertThat(node.call("slow", IotRolloutOperations.get, null).status()).isEqualTo(RolloutStatus.PAUSED);

            assertThat(node.call("slow", IotRolloutOperations.resume, null).status())
                    .isEqualTo(RolloutStatus.RUNNING);
            await().atMost(Duration.ofSeconds(30)).until(() -> node.call("slow", IotRolloutOperations.get, null)
                    .status() == RolloutStatus.COMPLETED);
            assertThat(hub.engine().jobs()).hasSize(3);
            // Each decision is stored before its event is emitted: the events may trail what get shows.
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                    assertThat(node.eventTypes("slow")).containsExactly("rolloutStarted", "stageStarted", "paused",
                        "resumed", "gatePassed", "completed"));
        }
    }

    @Test
    void onS1TheChunksOfAStageRunOneAfterAnother() throws Exception {
        try (IotJobsEmulator hub = IotJobsEmulator.builder().devices(1500).tier(Tier.S1).noThrottling().maxActiveJobs(1)
                .method("update", MethodBehavior.ok().withLatency(Duration.ofMillis(50))).start();
                RolloutNode node = RolloutNode.start(hub, HubTier.S1, null, storeDir)) {
            RolloutPreview preview = node.call("s1", IotRolloutOperations.preview, slowUpdate(),
                    RolloutPreview.class);
            assertThat(preview.concurrentJobs()).isEqualTo(1);
            assertThat(preview.stages().get(0).jobIds()).hasSize(3);
            assertThat(preview.stages().get(0).jobWaves()).isEqualTo(3);

            node.call("s1", IotRolloutOperations.start, slowUpdate());
            await().atMost(Duration.ofSeconds(30)).until(() -> node.call("s1", IotRolloutOperations.get, null)
                    .status() == RolloutStatus.COMPLETED);
            List<Job> jobs = hub.engine().jobs().stream().sorted(Comparator.comparing(Job::createdTime)).toList();
            assertThat(jobs).extracting(j -> j.spec().jobId())
                    .containsExactlyElementsOf(preview.stages().get(0).jobIds());
            for (int i = 1; i < jobs.size(); i++) {
                Instant previousEnd = Instant.parse(jobs.get(i - 1).toJson().get("endTime").asText());
                assertThat(jobs.get(i).createdTime()).isAfterOrEqualTo(previousEnd);
            }
        }
    }

    @Test
    void aStageThatOutlivesItsTimeoutFailsItsGate() throws Exception {
        try (IotJobsEmulator hub = IotJobsEmulator.builder().noThrottling().devices(100)
                .method("update", MethodBehavior.ok().withLatency(Duration.ofMinutes(5))).start();
                RolloutNode node = RolloutNode.start(hub, HubTier.S3, null, storeDir)) {
            node.call("stuck", IotRolloutOperations.start, """
                    {"target": {"query": "*"}, "action": {"method": {"name": "update", "responseTimeout": "PT5M"}},
                     "stages": [{"devices": 10, "timeout": "PT1S"}, {"percent": 100}]}
                    """);
            await().atMost(Duration.ofSeconds(20)).until(() -> node.call("stuck", IotRolloutOperations.get, null)
                    .status() == RolloutStatus.PAUSED);
            RolloutView view = node.call("stuck", IotRolloutOperations.get, null);
            assertThat(view.reason()).contains("PT1S timeout");
            assertThat(view.stage()).isZero();
            // The decision is stored before it is announced: the events may come a moment after get shows it.
            await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(node.eventTypes("stuck"))
                    .containsExactly("rolloutStarted", "stageStarted", "gateFailed", "paused"));
        }
    }

    @Test
    void aPlanWithAnErrorIsRefusedByTheProducerBeforeAnythingIsSent() throws Exception {
        try (IotJobsEmulator hub = IotJobsEmulator.builder().noThrottling().devices(10).start();
                RolloutNode node = RolloutNode.start(hub, HubTier.S3, null, storeDir)) {
            String plan = "{\"target\": {\"devices\": [\"ok\", \"not ok\"]}, \"action\": {\"method\":"
                          + " {\"name\": \"m\"}}, \"stages\": [{\"percent\": 100}]}";
            assertThatThrownBy(() -> node.call("bad", IotRolloutOperations.start, plan))
                    .isInstanceOf(CamelExecutionException.class).cause()
                    .isInstanceOf(RolloutPlanException.class).hasMessageStartingWith("target.devices[1]: ");
            assertThatThrownBy(() -> node.call("bad id!", IotRolloutOperations.get, null))
                    .cause().isInstanceOf(RolloutPlanException.class).hasMessageStartingWith("rolloutId: ");
            assertThat(hub.engine().jobs()).isEmpty();
            assertThat(node.call("*", IotRolloutOperations.list, null, List.class)).isEmpty();
        }
    }
}
