/*
 * Licensed to the Apache Software Foundation (ASF) under one or more contributor license agreements; and to You
 * under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance with the
 * License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.iotjobs.camel.rollout;

import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.IntStream;

import io.github.iotjobs.camel.rollout.stage.HubTier;
import io.github.iotjobs.camel.rollout.store.RolloutStatus;
import io.github.iotjobs.camel.rollout.store.StageOutcome;
import io.github.iotjobs.emulator.IotJobsEmulator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Success by convergence: the devices' reported state, within a deadline, decides, not the job. */
class ConvergenceTest {

    private static final int DEVICES = 200;

    @TempDir
    Path storeDir;

    private static String plan(String converge) {
        return """
                {"target": {"query": "*"},
                 "action": {"twinPatch": {"properties": {"desired": {"firmware": "2.0"}}}},
                 "stages": [{"percent": 100}],
                 "successThreshold": 0.5,
                 "converge": %s}
                """.formatted(converge);
    }

    private static long neverConverging(IotJobsEmulator hub) {
        return IntStream.range(0, DEVICES).mapToObj(i -> String.format("device-%06d", i))
                .filter(hub::neverConverges).count();
    }

    @Test
    void slowDevicesThatReportBeforeTheDeadlineSucceedAndSilentOnesFail() throws Exception {
        try (IotJobsEmulator hub = IotJobsEmulator.builder().devices(DEVICES).offlineFraction(0).noThrottling()
                .reportLatency(Duration.ofSeconds(1)).neverConverging(0.1).start();
                RolloutNode node = RolloutNode.start(hub, HubTier.S3, null, storeDir)) {
            long silent = neverConverging(hub);
            assertThat(silent).isPositive();

            node.call("conv", IotRolloutOperations.start, plan("{\"within\": \"PT4S\"}"));
            // The job succeeds at once; the devices report a second later: nothing counts before they do.
            await().atMost(Duration.ofSeconds(10)).until(() -> "converging".equals(
                    node.call("conv", IotRolloutOperations.get, null).jobs().get(0).state()));
            await().atMost(Duration.ofSeconds(30)).until(() -> node.call("conv", IotRolloutOperations.get, null)
                    .status() == RolloutStatus.COMPLETED);

            StageOutcome outcome = node.call("conv", IotRolloutOperations.get, null).passedStages().get(0);
            assertThat(outcome.succeeded()).isEqualTo(DEVICES - silent);
            assertThat(outcome.failed()).isEqualTo(silent);
        }
    }

    @Test
    void devicesThatReportAfterTheDeadlineCountAsFailed() throws Exception {
        try (IotJobsEmulator hub = IotJobsEmulator.builder().devices(DEVICES).offlineFraction(0).noThrottling()
                .reportLatency(Duration.ofSeconds(30)).start();
                RolloutNode node = RolloutNode.start(hub, HubTier.S3, null, storeDir)) {
            node.call("late", IotRolloutOperations.start,
                    plan("{\"reported\": \"firmware\", \"equals\": \"2.0\", \"within\": \"PT1S\"}"));
            await().atMost(Duration.ofSeconds(20)).until(() -> node.call("late", IotRolloutOperations.get, null)
                    .status() == RolloutStatus.PAUSED);
            RolloutView view = node.call("late", IotRolloutOperations.get, null);
            assertThat(view.succeeded()).isZero();
            assertThat(view.failed()).isEqualTo(DEVICES);
            assertThat(view.reason()).contains("0 of " + DEVICES + " devices succeeded");
        }
    }
}
