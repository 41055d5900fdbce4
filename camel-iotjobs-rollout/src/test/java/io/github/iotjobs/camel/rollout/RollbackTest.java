/*
 * Licensed to the Apache Software Foundation (ASF) under one or more contributor license agreements; and to You
 * under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance with the
 * License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.iotjobs.camel.rollout;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.iotjobs.camel.rollout.plan.RolloutPlanException;
import io.github.iotjobs.camel.rollout.stage.HubTier;
import io.github.iotjobs.camel.rollout.store.RolloutStatus;
import io.github.iotjobs.emulator.IotJobsEmulator;
import io.github.iotjobs.emulator.engine.Job;
import io.github.iotjobs.emulator.engine.MethodBehavior;
import io.github.iotjobs.emulator.fleet.DeviceTwin;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** Compensating rollback: the previous desired values (or the inverse method) on exactly the changed devices. */
class RollbackTest {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    @TempDir
    Path storeDir;

    private static String device(int i) {
        return String.format("device-%06d", i);
    }

    private static void setFirmware(IotJobsEmulator hub, String deviceId, String firmware) {
        ObjectNode desired = JSON.objectNode();
        if (firmware == null) {
            desired.putNull("firmware");
        } else {
            desired.put("firmware", firmware).putObject("cfg").put("channel", "stable");
        }
        hub.fleet().patch(deviceId, null, desired);
    }

    private static Map<String, DeviceTwin> twins(IotJobsEmulator hub) {
        Map<String, DeviceTwin> twins = new HashMap<>();
        hub.fleet().all().forEach(twin -> twins.put(twin.deviceId(), twin));
        return twins;
    }

    private static List<String> jobDevices(Job job) {
        return job.deviceRows().stream().map(row -> row.get("deviceId").asText()).sorted().toList();
    }

    @Test
    void aFailedCanaryRolledBackRestoresThePreviousValuesOfExactlyTheChangedDevices() throws Exception {
        try (IotJobsEmulator hub = IotJobsEmulator.builder().devices(30).noThrottling().maxActiveJobs(1).start();
                RolloutNode node = RolloutNode.start(hub, HubTier.S1, null, storeDir)) {
            setFirmware(hub, device(0), "1.0");
            setFirmware(hub, device(1), "1.0");
            setFirmware(hub, device(2), "1.1");
            setFirmware(hub, device(3), null); // absent: the rollback removes what the rollout set
            setFirmware(hub, device(4), "1.0"); // same previous value, but outside the canary
            Map<String, DeviceTwin> before = twins(hub);

            // A canary of five where one device does not exist: 4 of 5 succeed, below the success threshold.
            List<String> target = new ArrayList<>(List.of(device(0), device(1), device(2), device(3), "ghost-1"));
            for (int i = 4; i < 12; i++) {
                target.add(device(i));
            }
            String plan = """
                    {"target": {"devices": %s},
                     "action": {"twinPatch": {"tags": {"ring": "canary"},
                                              "properties": {"desired": {"firmware": "2.0",
                                                                         "cfg": {"channel": "beta"}}}}},
                     "stages": [{"devices": 5}, {"percent": 100}],
                     "onFailure": "rollback"}
                    """.formatted(target.stream().map(id -> "\"" + id + "\"").toList());
            node.call("fw", IotRolloutOperations.start, plan);
            await().atMost(Duration.ofSeconds(30)).until(() -> node.call("fw", IotRolloutOperations.get, null)
                    .status() == RolloutStatus.ROLLED_BACK);

            // The canary did change its four devices ...
            Job canary = hub.engine().job("ro-fw-s0-c0").orElseThrow();
            assertThat(jobDevices(canary)).containsExactly(device(0), device(1), device(2), device(3));
            assertThat(hub.engine().job("ro-fw-s1-c0")).isEmpty();
            // ... and the rollback put back, per device, what it had: devices sharing a previous value share a job.
            List<Job> rollbackJobs = Stream.of(0, 1, 2, 3).map(c -> hub.engine().job("ro-fw-rb-c" + c))
                    .flatMap(java.util.Optional::stream).toList();
            assertThat(rollbackJobs).extracting(RollbackTest::jobDevices).containsExactlyInAnyOrder(
                    List.of(device(0), device(1)), List.of(device(2)), List.of(device(3)));
            Map<String, DeviceTwin> after = twins(hub);
            for (Map.Entry<String, DeviceTwin> entry : before.entrySet()) {
                DeviceTwin was = entry.getValue();
                DeviceTwin is = after.get(entry.getKey());
                assertThat(is.desired()).as(entry.getKey()).isEqualTo(was.desired());
                assertThat(is.tags()).as(entry.getKey()).isEqualTo(was.tags());
            }
            // Devices the rollout never reached were not written at all.
            for (int i = 4; i < 30; i++) {
                assertThat(after.get(device(i)).version()).isEqualTo(before.get(device(i)).version());
            }
            JsonNode restored = after.get(device(3)).desired();
            assertThat(restored.has("firmware")).isFalse();

            RolloutView view = node.call("fw", IotRolloutOperations.get, null);
            assertThat(view.reason()).startsWith("4 of 4 changed devices restored in 3 jobs");
            // Each decision is stored before its event is emitted: the events may trail what get shows.
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                    assertThat(node.eventTypes("fw")).containsExactly("rolloutStarted", "stageStarted", "gateFailed",
                        "rollbackStarted", "rolledBack"));
        }
    }

    @Test
    void aRestartedContextRollsBackWithTheValuesCapturedBeforeIt() throws Exception {
        try (IotJobsEmulator hub = IotJobsEmulator.builder().devices(10).noThrottling().maxActiveJobs(1).start()) {
            setFirmware(hub, device(0), "1.0");
            setFirmware(hub, device(1), "1.1");
            Map<String, DeviceTwin> before = twins(hub);
            String plan = """
                    {"target": {"devices": ["%s", "%s", "ghost-1", "%s"]},
                     "action": {"twinPatch": {"properties": {"desired": {"firmware": "2.0"}}}},
                     "rollback": {},
                     "stages": [{"devices": 3}, {"percent": 100}]}
                    """.formatted(device(0), device(1), device(2));
            try (RolloutNode first = RolloutNode.start(hub, HubTier.S1, null, storeDir)) {
                first.call("restarted", IotRolloutOperations.start, plan);
                await().atMost(Duration.ofSeconds(20)).until(() -> first.call("restarted",
                        IotRolloutOperations.get, null).status() == RolloutStatus.PAUSED);
            }
            assertThat(twins(hub).get(device(0)).desired().get("firmware").asText()).isEqualTo("2.0");
            try (RolloutNode second = RolloutNode.start(hub, HubTier.S1, null, storeDir)) {
                second.call("restarted", IotRolloutOperations.rollback, null);
                await().atMost(Duration.ofSeconds(20)).until(() -> second.call("restarted",
                        IotRolloutOperations.get, null).status() == RolloutStatus.ROLLED_BACK);
            }
            Map<String, DeviceTwin> after = twins(hub);
            for (int i = 0; i < 10; i++) {
                assertThat(after.get(device(i)).desired()).as(device(i)).isEqualTo(before.get(device(i)).desired());
            }
        }
    }

    @Test
    void aPlanThatCannotRollBackCapturesNothingAndRefusesTheRollbackOperation() throws Exception {
        try (IotJobsEmulator hub = IotJobsEmulator.builder().devices(10).noThrottling().maxActiveJobs(1).start();
                RolloutNode node = RolloutNode.start(hub, HubTier.S1, null, storeDir)) {
            String plan = """
                    {"target": {"devices": ["%s", "ghost-1", "%s"]},
                     "action": {"twinPatch": {"properties": {"desired": {"firmware": "2.0"}}}},
                     "stages": [{"devices": 2}, {"percent": 100}]}
                    """.formatted(device(0), device(1));
            node.call("plain", IotRolloutOperations.start, plan);
            await().atMost(Duration.ofSeconds(20)).until(() -> node.call("plain", IotRolloutOperations.get, null)
                    .status() == RolloutStatus.PAUSED);

            try (Stream<Path> files = Files.walk(storeDir)) {
                assertThat(files.map(f -> f.getFileName().toString())).noneMatch(name -> name.startsWith("doc-"));
            }
            assertThatThrownBy(() -> node.call("plain", IotRolloutOperations.rollback, null))
                    .hasRootCauseInstanceOf(RolloutPlanException.class)
                    .rootCause().hasMessageContaining("rollback").hasMessageContaining("rollback: {}");
            assertThat(node.call("plain", IotRolloutOperations.get, null).status()).isEqualTo(RolloutStatus.PAUSED);
        }
    }

    @Test
    void theRollbackOperationCallsTheInverseMethodOnTheDevicesWhoseMethodSucceeded() throws Exception {
        try (IotJobsEmulator hub = IotJobsEmulator.builder().devices(20).offlineFraction(0).noThrottling()
                .maxActiveJobs(1).method("update", MethodBehavior.ok()).method("downgrade", MethodBehavior.ok())
                .start();
                RolloutNode node = RolloutNode.start(hub, HubTier.S1, null, storeDir)) {
            String plan = """
                    {"target": {"devices": ["%s", "%s", "ghost-1", "%s", "%s"]},
                     "action": {"method": {"name": "update", "payload": {"to": "2.0"}}},
                     "rollback": {"method": {"name": "downgrade", "payload": {"to": "1.0"}}},
                     "stages": [{"devices": 3}, {"percent": 100}]}
                    """.formatted(device(0), device(1), device(2), device(3));
            node.call("m", IotRolloutOperations.start, plan);
            await().atMost(Duration.ofSeconds(30)).until(() -> node.call("m", IotRolloutOperations.get, null)
                    .status() == RolloutStatus.PAUSED);

            node.call("m", IotRolloutOperations.rollback, null);
            await().atMost(Duration.ofSeconds(30)).until(() -> node.call("m", IotRolloutOperations.get, null)
                    .status() == RolloutStatus.ROLLED_BACK);
            Job rollback = hub.engine().job("ro-m-rb-c0").orElseThrow();
            assertThat(rollback.spec().method().methodName()).isEqualTo("downgrade");
            assertThat(jobDevices(rollback)).containsExactly(device(0), device(1));
            assertThat(hub.engine().job("ro-m-rb-c1")).isEmpty();
            // Each decision is stored before its event is emitted: the events may trail what get shows.
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                    assertThat(node.eventTypes("m")).containsExactly("rolloutStarted", "stageStarted", "gateFailed",
                        "paused", "rollbackStarted", "rolledBack"));
        }
    }
}
