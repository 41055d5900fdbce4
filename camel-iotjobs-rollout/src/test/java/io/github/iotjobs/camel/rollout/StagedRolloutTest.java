/*
 * Licensed to the Apache Software Foundation (ASF) under one or more contributor license agreements; and to You
 * under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance with the
 * License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.iotjobs.camel.rollout;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.iotjobs.camel.rollout.plan.OnFailure;
import io.github.iotjobs.camel.rollout.plan.RolloutPlan;
import io.github.iotjobs.camel.rollout.stage.HubTier;
import io.github.iotjobs.camel.rollout.stage.RolloutPreview;
import io.github.iotjobs.camel.rollout.store.RolloutStatus;
import io.github.iotjobs.emulator.IotJobsEmulator;
import io.github.iotjobs.emulator.engine.Job;
import io.github.iotjobs.emulator.engine.MethodBehavior;
import io.github.iotjobs.emulator.fleet.DeviceTwin;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Staged rollouts on the emulator, end to end: preview, stages, gates, halts, pause and resume. */
class StagedRolloutTest {

    @TempDir
    Path storeDir;

    static ObjectNode firmwarePatch(String version) {
        ObjectNode patch = JsonNodeFactory.instance.objectNode();
        patch.putObject("properties").putObject("desired").put("firmware", version);
        return patch;
    }

    @Test
    void aFourStageRolloutReachesEveryDeviceOnceWithTheJobsItsPreviewNamed() throws Exception {
        try (IotJobsEmulator hub = IotJobsEmulator.builder().noThrottling().devices(2000).start();
                RolloutNode node = RolloutNode.start(hub, HubTier.S3, null, storeDir)) {
            RolloutPlan plan = RolloutPlan.builder().targetQuery("*").twinPatch(firmwarePatch("2.0"))
                    .stageDevices(20).stagePercent(10).stagePercent(50).stagePercent(100)
                    .successThreshold(0.95).failureThreshold(0.05).build();

            RolloutPreview preview = node.call("fw-2", IotRolloutOperations.preview, plan, RolloutPreview.class);
            assertThat(preview.targetDevices()).isEqualTo(2000);
            assertThat(preview.stages()).extracting(RolloutPreview.StagePreview::devices)
                    .containsExactly(20, 180, 800, 1000);
            Set<String> previewed = new HashSet<>();
            preview.stages().forEach(s -> previewed.addAll(s.deviceIds()));
            assertThat(previewed).hasSize(2000);
            assertThat(hub.engine().jobs()).as("a preview sends nothing").isEmpty();

            RolloutView started = node.call("fw-2", IotRolloutOperations.start, plan);
            assertThat(started.status()).isIn(RolloutStatus.RUNNING, RolloutStatus.COMPLETED);
            await().atMost(Duration.ofSeconds(60)).until(() -> node.call("fw-2", IotRolloutOperations.get, null)
                    .status() == RolloutStatus.COMPLETED);

            List<String> previewedJobs = new ArrayList<>();
            preview.stages().forEach(s -> previewedJobs.addAll(s.jobIds()));
            assertThat(hub.engine().jobs()).extracting(j -> j.spec().jobId())
                    .containsExactlyInAnyOrderElementsOf(previewedJobs);
            for (RolloutPreview.StagePreview stage : preview.stages()) {
                Set<String> reached = new HashSet<>();
                for (String jobId : stage.jobIds()) {
                    Job job = hub.engine().job(jobId).orElseThrow();
                    job.deviceRows().forEach(row -> assertThat(reached.add(row.get("deviceId").asText())).isTrue());
                }
                assertThat(reached).containsExactlyInAnyOrderElementsOf(stage.deviceIds());
            }
            for (DeviceTwin twin : hub.fleet().all()) {
                assertThat(twin.desired().path("firmware").asText()).isEqualTo("2.0");
            }
            // Each decision is stored before its event is emitted: the events may trail what get shows.
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                    assertThat(node.eventTypes("fw-2")).containsExactly("rolloutStarted", "stageStarted", "gatePassed",
                        "stageStarted", "gatePassed", "stageStarted", "gatePassed", "stageStarted", "gatePassed",
                        "completed"));
            assertThat(node.deviceResults("fw-2")).isEqualTo(2000);
        }
    }

    @Test
    void aCanaryFailingPastItsThresholdHaltsBeforeStageTwo() throws Exception {
        try (IotJobsEmulator hub = IotJobsEmulator.builder().noThrottling().devices(400).seed(7).offlineFraction(0.1)
                .method("reboot", MethodBehavior.ok().withFailureRate(0.5)).start();
                RolloutNode node = RolloutNode.start(hub, HubTier.S3, null, storeDir)) {
            String plan = """
                    target: {query: "*"}
                    action: {method: {name: reboot, responseTimeout: PT10S}}
                    stages: [{devices: 40}, {percent: 50}, {percent: 100}]
                    successThreshold: 95%
                    failureThreshold: 10%
                    onFailure: abort
                    """;
            node.call("bad-reboot", IotRolloutOperations.start, plan);
            await().atMost(Duration.ofSeconds(30)).until(() -> node.call("bad-reboot", IotRolloutOperations.get, null)
                    .status() == RolloutStatus.ABORTED);

            RolloutView view = node.call("bad-reboot", IotRolloutOperations.get, null);
            assertThat(view.stage()).isZero();
            assertThat(view.reason()).contains("failure threshold");
            assertThat(hub.engine().jobs()).extracting(j -> j.spec().jobId()).allMatch(id -> id.contains("-s0-"));
            // Each decision is stored before its event is emitted: the events may trail what get shows.
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                    assertThat(node.eventTypes("bad-reboot")).containsExactly("rolloutStarted", "stageStarted",
                        "gateFailed", "aborted"));
            int reached = hub.engine().jobs().stream().mapToInt(j -> j.deviceRows().size()).sum();
            assertThat(reached).as("only the canary was called").isEqualTo(40);
        }
    }
}
