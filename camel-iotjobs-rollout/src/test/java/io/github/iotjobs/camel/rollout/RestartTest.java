/*
 * Licensed to the Apache Software Foundation (ASF) under one or more contributor license agreements; and to You
 * under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance with the
 * License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.iotjobs.camel.rollout;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.iotjobs.camel.rollout.plan.RolloutPlan;
import io.github.iotjobs.camel.rollout.stage.HubTier;
import io.github.iotjobs.camel.rollout.stage.RolloutPreview;
import io.github.iotjobs.camel.rollout.store.RolloutStatus;
import io.github.iotjobs.camel.rollout.store.RolloutStore;
import io.github.iotjobs.emulator.IotJobsEmulator;
import io.github.iotjobs.emulator.Tier;
import io.github.iotjobs.emulator.fleet.DeviceTwin;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The orchestrator's CamelContext stopped mid-stage and started again: the rollout resumes where it stopped and no
 * job is created twice, no device updated twice.
 */
class RestartTest {

    @TempDir
    Path storeDir;

    static void stopMidStageAndResume(RolloutStore store, Path dir) throws Exception {
        // The engine runs only when the test ticks it: the first node stops with stage 1's first job queued.
        try (IotJobsEmulator hub = IotJobsEmulator.builder().devices(2000).tier(Tier.S1).noThrottling().maxActiveJobs(1).autoTick(false).start()) {
            Map<String, Long> versions = new HashMap<>();
            hub.fleet().all().forEach(t -> versions.put(t.deviceId(), t.desiredVersion()));
            ObjectNode patch = JsonNodeFactory.instance.objectNode();
            patch.putObject("properties").putObject("desired").put("mode", "eco");
            RolloutPlan plan = RolloutPlan.builder().targetQuery("*").twinPatch(patch).stageDevices(100)
                    .stagePercent(100).build();

            RolloutPreview preview;
            try (RolloutNode first = RolloutNode.start(hub, HubTier.S1, store, dir)) {
                preview = first.call("eco", IotRolloutOperations.preview, plan, RolloutPreview.class);
                first.call("eco", IotRolloutOperations.start, plan);
                await().atMost(Duration.ofSeconds(30)).until(() -> {
                    if (hub.engine().job("ro-eco-s1-c0").isPresent()) {
                        return true;
                    }
                    hub.tick();
                    return false;
                });
            }
            assertThat(hub.engine().jobs()).hasSize(2);
            assertThat(preview.jobCount()).isEqualTo(5);

            try (RolloutNode second = RolloutNode.start(hub, HubTier.S1, store, dir)) {
                await().atMost(Duration.ofSeconds(60)).until(() -> {
                    hub.tick();
                    return second.call("eco", IotRolloutOperations.get, null).status() == RolloutStatus.COMPLETED;
                });
                // Each decision is stored before its event is emitted: the events may trail what get shows.
                await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                        assertThat(second.eventTypes("eco")).endsWith("completed").doesNotContain("rolloutStarted"));
            }
            List<String> previewed = new ArrayList<>();
            preview.stages().forEach(s -> previewed.addAll(s.jobIds()));
            assertThat(hub.engine().jobs()).extracting(j -> j.spec().jobId())
                    .containsExactlyInAnyOrderElementsOf(previewed);
            for (DeviceTwin twin : hub.fleet().all()) {
                assertThat(twin.desiredVersion()).as(twin.deviceId()).isEqualTo(versions.get(twin.deviceId()) + 1);
            }
        }
    }

    @Test
    void aStoppedContextResumesFromTheFileStore() throws Exception {
        stopMidStageAndResume(null, storeDir);
    }
}
