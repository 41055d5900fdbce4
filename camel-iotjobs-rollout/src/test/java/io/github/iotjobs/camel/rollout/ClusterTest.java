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
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.iotjobs.camel.rollout.plan.RolloutPlan;
import io.github.iotjobs.camel.rollout.stage.HubTier;
import io.github.iotjobs.camel.rollout.store.FileRolloutStore;
import io.github.iotjobs.camel.rollout.store.RolloutDecision;
import io.github.iotjobs.camel.rollout.store.RolloutStatus;
import io.github.iotjobs.emulator.IotJobsEmulator;
import io.github.iotjobs.emulator.fleet.DeviceTwin;
import org.apache.camel.component.file.cluster.FileLockClusterService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Two nodes on one store with Camel's cluster service: each rollout is orchestrated by one of them, once. */
class ClusterTest {

    @TempDir
    Path dir;

    private FileLockClusterService cluster(String name) {
        FileLockClusterService cluster = new FileLockClusterService();
        cluster.setId(name);
        cluster.setRoot(dir.resolve("cluster").toString());
        cluster.setAcquireLockDelay(10, TimeUnit.MILLISECONDS);
        cluster.setAcquireLockInterval(100, TimeUnit.MILLISECONDS);
        return cluster;
    }

    private static RolloutPlan patch(String key) {
        ObjectNode patch = JsonNodeFactory.instance.objectNode();
        patch.putObject("properties").putObject("desired").put(key, true);
        return RolloutPlan.builder().targetQuery("*").twinPatch(patch).stageDevices(50).stagePercent(50)
                .stagePercent(100).build();
    }

    @Test
    void twoNodesRunEachRolloutOnce() throws Exception {
        try (IotJobsEmulator hub = IotJobsEmulator.builder().noThrottling().devices(600).start()) {
            Map<String, Long> versions = new HashMap<>();
            hub.fleet().all().forEach(t -> versions.put(t.deviceId(), t.desiredVersion()));
            FileRolloutStore store = new FileRolloutStore(dir.resolve("store"));
            try (RolloutNode a = RolloutNode.start(hub, HubTier.S3, store, null, cluster("a"));
                    RolloutNode b = RolloutNode.start(hub, HubTier.S3, store, null, cluster("b"))) {
                a.call("left", IotRolloutOperations.start, patch("left"));
                b.call("right", IotRolloutOperations.start, patch("right"));
                for (String id : List.of("left", "right")) {
                    await().atMost(Duration.ofSeconds(60)).until(() -> a.call(id, IotRolloutOperations.get, null)
                            .status() == RolloutStatus.COMPLETED);
                    List<String> decided = store.decisions(id).stream().map(RolloutDecision::event).toList();
                    assertThat(decided).containsExactly("rolloutStarted", "stageStarted", "gatePassed", "stageStarted",
                            "gatePassed", "stageStarted", "gatePassed", "completed");
                    List<String> announced = new ArrayList<>(a.eventTypes(id));
                    announced.addAll(b.eventTypes(id));
                    assertThat(announced).containsExactlyInAnyOrderElementsOf(decided);
                }
            }
            for (DeviceTwin twin : hub.fleet().all()) {
                assertThat(twin.desiredVersion()).as(twin.deviceId()).isEqualTo(versions.get(twin.deviceId()) + 2);
            }
        }
    }
}
