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
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.github.iotjobs.camel.IotJobsComponent;
import io.github.iotjobs.camel.IotJobsTier;
import io.github.iotjobs.camel.rollout.plan.RolloutPlan;
import io.github.iotjobs.camel.rollout.plan.RolloutRate;
import io.github.iotjobs.camel.rollout.stage.HubTier;
import io.github.iotjobs.camel.rollout.stage.RolloutPreview;
import io.github.iotjobs.camel.rollout.store.RolloutStatus;
import io.github.iotjobs.emulator.IotJobsEmulator;
import io.github.iotjobs.emulator.ManualClock;
import io.github.iotjobs.emulator.Tier;
import io.github.iotjobs.emulator.engine.Job;
import io.github.iotjobs.emulator.fleet.DeviceTwin;
import io.github.iotjobs.emulator.quota.ThrottleClass;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The rate governor on an S1 emulator with its quotas on (jobs 100/min, device operations 10/s, one job at a time)
 * and a manual clock the rollouts share: rollouts on one hub take turns for its job slot, and a plan's rate is met
 * on the hub's job creation times. The hub refuses nothing: its throttled counters stay at zero.
 */
class RateGovernorTest {

    private static final Duration STEP = Duration.ofMillis(400);

    @TempDir
    Path storeDir;

    /** An S1 hub with its quotas, on a manual clock that starts now (the client's SAS tokens are real-time). */
    private static IotJobsEmulator s1Hub(int devices, ManualClock clock) {
        return IotJobsEmulator.builder().devices(devices).tier(Tier.S1).clock(clock).start();
    }

    /** The client paces its requests by the hub's real S1 quotas; the rollouts' clock is the hub's. */
    private RolloutNode node(IotJobsEmulator hub, ManualClock clock) throws Exception {
        return RolloutNode.start(hub, HubTier.S1, storeDir, context -> {
            context.getComponent("iotjobs", IotJobsComponent.class).getConfiguration().setTier(IotJobsTier.S1);
            context.getComponent("iotjobs", IotJobsComponent.class).getConfiguration().setUnits(1);
            context.getComponent("iotrollout", IotRolloutComponent.class).setClock(clock);
        });
    }

    /** Moves the hub's time on by small steps until every rollout (an endpoint URI each) is over. */
    private static void runUntilCompleted(IotJobsEmulator hub, RolloutNode node, String... rollouts) {
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(40)).until(() -> {
            hub.advance(STEP);
            for (String uri : rollouts) {
                RolloutView view = node.template.requestBodyAndHeader(uri, null, IotRolloutConstants.OPERATION,
                        IotRolloutOperations.get.name(), RolloutView.class);
                if (view.status() != RolloutStatus.COMPLETED) {
                    return false;
                }
            }
            return true;
        });
    }

    private static List<Job> jobsByCreation(IotJobsEmulator hub) {
        return hub.engine().jobs().stream().sorted(Comparator.comparing(Job::createdTime)).toList();
    }

    private static void assertNothingThrottled(IotJobsEmulator hub) {
        assertThat(hub.requests(ThrottleClass.JOBS)).isPositive();
        assertThat(hub.throttled(ThrottleClass.JOBS)).as("429s for jobs operations and the job limit").isZero();
        assertThat(hub.throttled(ThrottleClass.QUERIES)).as("429s for queries").isZero();
    }

    /** Two rollout components of one context, each with its own store, on the same hub. */
    @Test
    void twoRolloutsStartedTogetherOnOneS1HubTakeTurnsForItsJobSlot() throws Exception {
        ManualClock clock = new ManualClock(Instant.now());
        try (IotJobsEmulator hub = s1Hub(200, clock); RolloutNode node = RolloutNode.start(hub, HubTier.S1, storeDir,
                context -> {
                    context.getComponent("iotjobs", IotJobsComponent.class).getConfiguration().setTier(IotJobsTier.S1);
                    context.getComponent("iotjobs", IotJobsComponent.class).getConfiguration().setUnits(1);
                    context.getComponent("iotrollout", IotRolloutComponent.class).setClock(clock);
                    IotRolloutComponent other = new IotRolloutComponent();
                    other.setTier(HubTier.S1);
                    other.setPollInterval(25);
                    other.setClock(clock);
                    other.setStoreDirectory(storeDir.resolve("other").toString());
                    context.addComponent("otherrollout", other);
                })) {
            List<String> ids = hub.fleet().all().stream().map(DeviceTwin::deviceId).sorted().toList();
            RolloutPlan first = RolloutPlan.builder().targetDevices(ids.subList(0, 100)).twinPatch(StagedRolloutTest.firmwarePatch("2.0"))
                    .stageDevices(50).stagePercent(100).build();
            RolloutPlan second = RolloutPlan.builder().targetDevices(ids.subList(100, 200)).twinPatch(StagedRolloutTest.firmwarePatch("3.0"))
                    .stageDevices(50).stagePercent(100).build();
            node.call("first", IotRolloutOperations.start, first);
            node.template.requestBodyAndHeader("otherrollout:second", second, IotRolloutConstants.OPERATION,
                    IotRolloutOperations.start.name());

            runUntilCompleted(hub, node, "iotrollout:first", "otherrollout:second");

            List<Job> jobs = jobsByCreation(hub);
            assertThat(jobs).extracting(j -> j.spec().jobId())
                    .as("the slot goes to the rollout that waited, not back to the one that just had it")
                    .containsExactly("ro-first-s0-c0", "ro-second-s0-c0", "ro-first-s1-c0", "ro-second-s1-c0");
            for (int i = 1; i < jobs.size(); i++) {
                assertThat(jobs.get(i).createdTime()).as("one job at a time")
                        .isAfterOrEqualTo(jobs.get(i - 1).endTime());
            }
            assertNothingThrottled(hub);
            for (DeviceTwin twin : hub.fleet().all()) {
                assertThat(twin.desired().path("firmware").asText())
                        .isEqualTo(ids.indexOf(twin.deviceId()) < 100 ? "2.0" : "3.0");
            }
        }
    }

    @Test
    void aConstantRateIsMetOnTheHubsJobCreationTimes() throws Exception {
        ManualClock clock = new ManualClock(Instant.now());
        try (IotJobsEmulator hub = s1Hub(120, clock); RolloutNode node = node(hub, clock)) {
            RolloutPlan plan = RolloutPlan.builder().targetQuery("*").twinPatch(StagedRolloutTest.firmwarePatch("2.0")).stagePercent(100)
                    .rate(120).build();
            RolloutPreview preview = node.call("paced", IotRolloutOperations.preview, plan, RolloutPreview.class);
            assertThat(preview.estimatedDuration()).isEqualTo(Duration.ofMinutes(1));
            node.call("paced", IotRolloutOperations.start, plan);

            runUntilCompleted(hub, node, "iotrollout:paced");

            List<Job> jobs = jobsByCreation(hub);
            assertThat(jobs).extracting(j -> j.deviceRows().size()).as("ten seconds of the rate per job")
                    .containsExactly(20, 20, 20, 20, 20, 20);
            assertRates(jobs, 120, 120, 120, 120, 120);
            assertNothingThrottled(hub);
        }
    }

    @Test
    void aRestartedContextKeepsTheRatesPaceAndCreatesNoJobTwice() throws Exception {
        ManualClock clock = new ManualClock(Instant.now());
        try (IotJobsEmulator hub = s1Hub(120, clock)) {
            Map<String, Long> versions = new HashMap<>();
            hub.fleet().all().forEach(t -> versions.put(t.deviceId(), t.desiredVersion()));
            RolloutPlan plan = RolloutPlan.builder().targetQuery("*").twinPatch(StagedRolloutTest.firmwarePatch("2.0")).stagePercent(100)
                    .rate(120).build();
            try (RolloutNode first = node(hub, clock)) {
                first.call("paced", IotRolloutOperations.start, plan);
                await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(40)).until(() -> {
                    hub.advance(STEP);
                    return hub.engine().job("ro-paced-s0-c1").isPresent();
                });
            }
            try (RolloutNode second = node(hub, clock)) {
                runUntilCompleted(hub, second, "iotrollout:paced");
            }
            List<Job> jobs = jobsByCreation(hub);
            assertThat(jobs).extracting(j -> j.spec().jobId()).containsExactly("ro-paced-s0-c0", "ro-paced-s0-c1",
                    "ro-paced-s0-c2", "ro-paced-s0-c3", "ro-paced-s0-c4", "ro-paced-s0-c5");
            // The pace survives the restart; the turns lost to it may only make the rollout slower.
            assertNeverFaster(jobs, 120, 120, 120, 120, 120);
            for (DeviceTwin twin : hub.fleet().all()) {
                assertThat(twin.desiredVersion()).as(twin.deviceId()).isEqualTo(versions.get(twin.deviceId()) + 1);
            }
            assertNothingThrottled(hub);
        }
    }

    @Test
    void aRampingRateGrowsAsDeclared() throws Exception {
        ManualClock clock = new ManualClock(Instant.now());
        try (IotJobsEmulator hub = s1Hub(150, clock); RolloutNode node = node(hub, clock)) {
            // 60/min, doubled every 20 devices notified, at most 240/min.
            RolloutPlan plan = RolloutPlan.builder().targetQuery("*").twinPatch(StagedRolloutTest.firmwarePatch("2.0")).stagePercent(100)
                    .rate(new RolloutRate(null, 60, 2.0, new RolloutRate.RateIncrease(20, null), 240)).build();
            node.call("ramp", IotRolloutOperations.start, plan);

            runUntilCompleted(hub, node, "iotrollout:ramp");

            List<Job> jobs = jobsByCreation(hub);
            assertThat(jobs).extracting(j -> j.deviceRows().size()).containsExactly(10, 10, 20, 40, 40, 30);
            assertRates(jobs, 60, 60, 120, 240, 240);
            assertNothingThrottled(hub);
        }
    }

    /**
     * The rate each job was started at: its devices over the time until the next job's creation. Never above the
     * declared rate, and not far below it (the clock moves in steps; the orchestrator's turns come every 25 ms).
     */
    private static void assertRates(List<Job> jobs, double... perMinute) {
        assertNeverFaster(jobs, perMinute);
        for (int i = 0; i < perMinute.length; i++) {
            assertThat(gap(jobs, i)).as("job %d started at %s/min", i, perMinute[i])
                    .isLessThan(declared(jobs, i, perMinute[i]).multipliedBy(4).dividedBy(3));
        }
    }

    private static void assertNeverFaster(List<Job> jobs, double... perMinute) {
        assertThat(jobs).hasSize(perMinute.length + 1);
        for (int i = 0; i < perMinute.length; i++) {
            assertThat(gap(jobs, i)).as("job %d: %d devices at %s/min", i, jobs.get(i).deviceRows().size(),
                    perMinute[i]).isGreaterThanOrEqualTo(declared(jobs, i, perMinute[i]));
        }
    }

    private static Duration gap(List<Job> jobs, int i) {
        return Duration.between(jobs.get(i).createdTime(), jobs.get(i + 1).createdTime());
    }

    /** How long job i's devices take at the rate. */
    private static Duration declared(List<Job> jobs, int i, double perMinute) {
        return Duration.ofMillis(Math.round(jobs.get(i).deviceRows().size() * 60_000 / perMinute));
    }
}
