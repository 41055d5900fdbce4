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
import java.util.stream.IntStream;

import io.github.iotjobs.camel.rollout.engine.RolloutEvent;
import io.github.iotjobs.camel.rollout.engine.RolloutEventType;
import io.github.iotjobs.camel.rollout.stage.HubTier;
import io.github.iotjobs.camel.rollout.store.RolloutStatus;
import io.github.iotjobs.camel.rollout.store.RolloutStore;
import io.github.iotjobs.camel.rollout.store.StageOutcome;
import io.github.iotjobs.emulator.IotJobsEmulator;
import io.github.iotjobs.emulator.ManualClock;
import io.github.iotjobs.emulator.Tier;
import io.github.iotjobs.emulator.engine.MethodBehavior;
import io.github.iotjobs.emulator.engine.JobEngine;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Per-device retries on the emulator, whose scripted devices fail their first calls of a method: time moves only on
 * the manual clock both the emulator and the rollout component read, so each backoff passes when the test says.
 */
class RetryTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @TempDir
    Path storeDir;

    private static IotJobsEmulator hub(ManualClock clock, MethodBehavior install) {
        // S1: one job at a time, so a retry job holds the hub's only slot. The manual clock runs years ahead of the
        // client's SAS tokens, which the emulator would take as expired: its authentication is off.
        return IotJobsEmulator.builder().devices(10).offlineFraction(0).tier(Tier.S1).noThrottling()
                .maxActiveJobs(1).clock(clock).authentication(false).method("install", install).start();
    }

    private static String plan(String retries, String thresholds) {
        String devices = String.join(",", IntStream.range(0, 10).mapToObj(i -> "\"" + device(i) + "\"").toList());
        return """
                {"target": {"devices": [%s]},
                 "action": {"method": {"name": "install", "payload": {"version": "2.0"}}},
                 "stages": [{"percent": 100}],
                 %s,
                 "retries": %s}
                """.formatted(devices, thresholds, retries);
    }

    private static String device(int i) {
        return String.format("device-%06d", i);
    }

    private static ManualClock clock() {
        return new ManualClock(Instant.parse("2030-01-01T00:00:00Z"));
    }

    private static List<RolloutEvent> decisions(RolloutNode node, String id, RolloutEventType type) {
        return node.decisionEvents(id).stream().filter(e -> e.type() == type).toList();
    }

    private static long devicesIn(JobEngine engine, String jobId) {
        String condition = engine.job(jobId).orElseThrow().spec().queryCondition();
        return condition.split("device-", -1).length - 1L;
    }

    @Test
    void aDeviceThatRecoversSucceedsAndOneThatNeverDoesFailsAfterItsRetries() throws Exception {
        ManualClock clock = clock();
        MethodBehavior install = MethodBehavior.ok().withFailFirst(device(1), 1)
                .withFailFirst(device(2), Integer.MAX_VALUE);
        try (IotJobsEmulator hub = hub(clock, install);
                RolloutNode node = RolloutNode.start(hub, HubTier.S1, null, storeDir, null, clock)) {
            node.call("fw", IotRolloutOperations.start,
                    plan("{\"count\": 2, \"backoff\": \"PT1M\"}", "\"successThreshold\": 0.9"));
            await().atMost(WAIT).until(() -> decisions(node, "fw", RolloutEventType.devicesRetried).size() == 1);
            RolloutView waiting = node.call("fw", IotRolloutOperations.get, null);
            // Both failed devices may still be retried: neither counts as failed yet, and no retry job before the
            // backoff has passed.
            assertThat(waiting.status()).isEqualTo(RolloutStatus.RUNNING);
            assertThat(waiting.succeeded()).isEqualTo(8);
            assertThat(waiting.failed()).isZero();
            assertThat(waiting.jobs().get(0).state()).isEqualTo("retrying");
            assertThat(hub.engine().job("ro-fw-s0-c0-r1")).isEmpty();
            assertThat(decisions(node, "fw", RolloutEventType.devicesRetried).get(0).detail())
                    .startsWith("2 failed devices of job ro-fw-s0-c0 retried in job ro-fw-s0-c0-r1 (attempt 1 of 2)");

            clock.advance(Duration.ofMinutes(1));
            await().atMost(WAIT).until(() -> decisions(node, "fw", RolloutEventType.devicesRetried).size() == 2);
            assertThat(devicesIn(hub.engine(), "ro-fw-s0-c0-r1")).isEqualTo(2);
            assertThat(node.call("fw", IotRolloutOperations.get, null).succeeded()).isEqualTo(9);
            // The second backoff is twice the first: a minute later still nothing.
            clock.advance(Duration.ofMinutes(1));
            await().atMost(WAIT).until(() -> node.call("fw", IotRolloutOperations.get, null).updatedAt()
                    .equals(clock.instant()));
            assertThat(hub.engine().job("ro-fw-s0-c0-r2")).isEmpty();

            clock.advance(Duration.ofMinutes(1));
            await().atMost(WAIT).until(() -> node.call("fw", IotRolloutOperations.get, null).status()
                    == RolloutStatus.COMPLETED);
            StageOutcome outcome = node.call("fw", IotRolloutOperations.get, null).passedStages().get(0);
            assertThat(outcome.succeeded()).isEqualTo(9);
            assertThat(outcome.failed()).isEqualTo(1);
            assertThat(devicesIn(hub.engine(), "ro-fw-s0-c0-r2")).isEqualTo(1);
            assertThat(decisions(node, "fw", RolloutEventType.retriesExhausted)).singleElement()
                    .satisfies(e -> assertThat(e.detail())
                            .isEqualTo("1 devices of job ro-fw-s0-c0-r2 failed for good after 2 retries"));
            assertThat(hub.engine().jobs()).extracting(j -> j.spec().jobId())
                    .containsExactlyInAnyOrder("ro-fw-s0-c0", "ro-fw-s0-c0-r1", "ro-fw-s0-c0-r2");
        }
    }

    @Test
    void theBudgetStopsRetriesAndTheFailureThresholdCountsOnlyDevicesGivenUp() throws Exception {
        ManualClock clock = clock();
        MethodBehavior install = MethodBehavior.ok();
        for (int i = 1; i <= 4; i++) {
            install = install.withFailFirst(device(i), Integer.MAX_VALUE);
        }
        try (IotJobsEmulator hub = hub(clock, install);
                RolloutNode node = RolloutNode.start(hub, HubTier.S1, null, storeDir, null, clock)) {
            node.call("budget", IotRolloutOperations.start, plan("{\"count\": 3, \"backoff\": \"PT1M\", \"budget\": 2}",
                    "\"successThreshold\": 0.5, \"failureThreshold\": 0.3"));
            await().atMost(WAIT).until(() -> decisions(node, "budget", RolloutEventType.devicesRetried).size() == 1);
            RolloutView waiting = node.call("budget", IotRolloutOperations.get, null);
            // Two devices fit the budget and wait for their retry; the other two are given up at once: 2 of 10
            // failed, under the 30 % that halts.
            assertThat(waiting.status()).isEqualTo(RolloutStatus.RUNNING);
            assertThat(waiting.failed()).isEqualTo(2);
            assertThat(decisions(node, "budget", RolloutEventType.retriesExhausted)).singleElement()
                    .satisfies(e -> assertThat(e.detail()).isEqualTo("2 devices of job ro-budget-s0-c0 failed for"
                            + " good: the stage's retry budget of 2 devices is spent"));

            clock.advance(Duration.ofMinutes(1));
            await().atMost(WAIT).until(() -> decisions(node, "budget", RolloutEventType.devicesRetried).size() == 2);
            assertThat(devicesIn(hub.engine(), "ro-budget-s0-c0-r1")).isEqualTo(2);
            clock.advance(Duration.ofMinutes(2));
            await().atMost(WAIT).until(() -> decisions(node, "budget", RolloutEventType.devicesRetried).size() == 3);
            clock.advance(Duration.ofMinutes(4));
            await().atMost(WAIT).until(() -> node.call("budget", IotRolloutOperations.get, null).status()
                    == RolloutStatus.PAUSED);
            RolloutView halted = node.call("budget", IotRolloutOperations.get, null);
            assertThat(halted.failed()).isEqualTo(4);
            assertThat(halted.succeeded()).isEqualTo(6);
            assertThat(halted.reason()).startsWith("4 of 10 devices failed, at or above the failure threshold");
            // Retries of the two budgeted devices only, three times each; the others were never called again.
            assertThat(hub.engine().jobs()).extracting(j -> j.spec().jobId()).containsExactlyInAnyOrder(
                    "ro-budget-s0-c0", "ro-budget-s0-c0-r1", "ro-budget-s0-c0-r2", "ro-budget-s0-c0-r3");
            assertThat(devicesIn(hub.engine(), "ro-budget-s0-c0-r3")).isEqualTo(2);
        }
    }

    @Test
    void aDeviceOfflineForItsFirstCallIsRetriedOnceItIsBack() throws Exception {
        ManualClock clock = clock();
        try (IotJobsEmulator hub = hub(clock, MethodBehavior.ok());
                RolloutNode node = RolloutNode.start(hub, HubTier.S1, null, storeDir, null, clock)) {
            hub.setConnected(device(5), false);
            node.call("offline", IotRolloutOperations.start,
                    plan("{\"count\": 1, \"backoff\": \"PT10M\"}", "\"successThreshold\": 1.0"));
            await().atMost(WAIT).until(() -> decisions(node, "offline", RolloutEventType.devicesRetried).size() == 1);
            // The hub gave up on the offline device (no connect timeout): its row failed with a timeout.
            assertThat(node.deviceResults("offline")).isEqualTo(10);
            hub.setConnected(device(5), true);
            clock.advance(Duration.ofMinutes(10));
            await().atMost(WAIT).until(() -> node.call("offline", IotRolloutOperations.get, null).status()
                    == RolloutStatus.COMPLETED);
            StageOutcome outcome = node.call("offline", IotRolloutOperations.get, null).passedStages().get(0);
            assertThat(outcome.succeeded()).isEqualTo(10);
            assertThat(outcome.failed()).isZero();
            assertThat(node.deviceResults("offline")).isEqualTo(11);
        }
    }

    /** Stops the orchestrator while a retry waits for its backoff; a new one on the same store goes on. */
    static void resumesAWaitingRetry(RolloutStore store, Path dir) throws Exception {
        ManualClock clock = clock();
        MethodBehavior install = MethodBehavior.ok().withFailFirst(device(3), 1);
        try (IotJobsEmulator hub = hub(clock, install)) {
            String plan = plan("{\"count\": 1, \"backoff\": \"PT5M\"}", "\"successThreshold\": 1.0");
            try (RolloutNode first = RolloutNode.start(hub, HubTier.S1, store, dir, null, clock)) {
                first.call("again", IotRolloutOperations.start, plan);
                await().atMost(WAIT).until(() -> decisions(first, "again", RolloutEventType.devicesRetried)
                        .size() == 1);
            }
            clock.advance(Duration.ofMinutes(5));
            try (RolloutNode second = RolloutNode.start(hub, HubTier.S1, store, dir, null, clock)) {
                await().atMost(WAIT).until(() -> second.call("again", IotRolloutOperations.get, null).status()
                        == RolloutStatus.COMPLETED);
                StageOutcome outcome = second.call("again", IotRolloutOperations.get, null).passedStages().get(0);
                assertThat(outcome.succeeded()).isEqualTo(10);
                assertThat(outcome.failed()).isZero();
                assertThat(decisions(second, "again", RolloutEventType.devicesRetried)).isEmpty();
            }
            assertThat(hub.engine().jobs()).extracting(j -> j.spec().jobId())
                    .containsExactlyInAnyOrder("ro-again-s0-c0", "ro-again-s0-c0-r1");
        }
    }

    @Test
    void aRestartedOrchestratorRetriesOnceFromTheFileStore() throws Exception {
        resumesAWaitingRetry(null, storeDir);
    }
}
