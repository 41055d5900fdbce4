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

import io.github.iotjobs.camel.rollout.plan.RolloutPlanException;
import io.github.iotjobs.camel.rollout.stage.HubTier;
import io.github.iotjobs.camel.rollout.stage.RolloutPreview;
import io.github.iotjobs.camel.rollout.stage.RolloutPreview.ZoneStart;
import io.github.iotjobs.camel.rollout.store.RolloutStatus;
import io.github.iotjobs.camel.rollout.store.RolloutStore;
import io.github.iotjobs.emulator.IotJobsEmulator;
import io.github.iotjobs.emulator.ManualClock;
import io.github.iotjobs.emulator.Tier;
import io.github.iotjobs.emulator.json.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * Device-local maintenance windows on the emulator: even devices in Berlin, odd ones in New York, a window of 02:00
 * to 03:00 local time, and a manual clock that the emulator and the rollout component share, moved by the test.
 */
class WindowTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String BERLIN = "Europe/Berlin";
    private static final String NEW_YORK = "America/New_York";
    /** 02:30 in Berlin (CET), 21:30 the day before in New York (EDT since 10 March 2030). */
    private static final Instant BERLIN_OPEN = Instant.parse("2030-03-12T01:30:00Z");
    /** 02:00 in New York, 07:00 in Berlin. */
    private static final Instant NEW_YORK_OPENS = Instant.parse("2030-03-12T06:00:00Z");
    /** 02:00 in Berlin the next night. */
    private static final Instant BERLIN_OPENS_AGAIN = Instant.parse("2030-03-13T01:00:00Z");

    @TempDir
    Path storeDir;

    private static String device(int i) {
        return String.format("device-%06d", i);
    }

    private static IotJobsEmulator hub(ManualClock clock, int untagged) {
        // The manual clock runs years ahead of the client's SAS tokens: the emulator's authentication is off.
        IotJobsEmulator hub = IotJobsEmulator.builder().devices(12).tier(Tier.S1).noThrottling().maxActiveJobs(1)
                .clock(clock).authentication(false).start();
        for (int i = untagged; i < 12; i++) {
            hub.fleet().patch(device(i), Json.object().put("tz", i % 2 == 0 ? BERLIN : NEW_YORK), null);
        }
        return hub;
    }

    private static String plan(String window) {
        String devices = String.join(",", IntStream.range(0, 12).mapToObj(i -> "\"" + device(i) + "\"").toList());
        return """
                {"target": {"devices": [%s]},
                 "action": {"twinPatch": {"properties": {"desired": {"mode": "eco"}}}},
                 "stages": [{"devices": 2}, {"percent": 100}],
                 "window": %s}
                """.formatted(devices, window);
    }

    private static final String NIGHT = "{\"start\": \"02:00\", \"end\": \"03:00\"}";

    private static boolean patched(IotJobsEmulator hub, int device) {
        return "eco".equals(hub.twin(device(device)).orElseThrow().desired().path("mode").asText(null));
    }

    @Test
    void eachDeviceIsChangedOnlyInsideItsOwnLocalWindow() throws Exception {
        ManualClock clock = new ManualClock(BERLIN_OPEN);
        try (IotJobsEmulator hub = hub(clock, 0);
                RolloutNode node = RolloutNode.start(hub, HubTier.S1, null, storeDir, null, clock)) {
            node.call("night", IotRolloutOperations.start, plan(NIGHT));
            // The canary stage: device 1 (New York, chunk 0) waits; device 0 (Berlin, chunk 1) runs, in a job that
            // the hub ends when Berlin's window closes, at 02:00Z (03:00 local), 30 minutes from now.
            await().atMost(WAIT).until(() -> patched(hub, 0));
            assertThat(hub.engine().job("ro-night-s0-c1").orElseThrow().spec().maxExecutionTimeInSeconds())
                    .isEqualTo(Duration.ofMinutes(30).toSeconds());
            await().during(Duration.ofMillis(500)).atMost(WAIT).until(() -> !patched(hub, 1)
                    && hub.engine().job("ro-night-s0-c0").isEmpty());
            RolloutView waiting = node.call("night", IotRolloutOperations.get, null);
            assertThat(waiting.status()).isEqualTo(RolloutStatus.RUNNING);
            assertThat(waiting.jobs()).extracting(RolloutView.Job::state).containsExactly("pending", "done");

            // New York's window opens: the canary's gate passes, stage 1 runs its New York devices only.
            clock.set(NEW_YORK_OPENS);
            await().atMost(WAIT).until(() -> IntStream.range(0, 12).filter(i -> i % 2 == 1)
                    .allMatch(i -> patched(hub, i)));
            await().during(Duration.ofMillis(500)).atMost(WAIT).until(() -> IntStream.range(2, 12)
                    .filter(i -> i % 2 == 0).noneMatch(i -> patched(hub, i)));
            assertThat(node.call("night", IotRolloutOperations.get, null).stage()).isEqualTo(1);

            clock.set(BERLIN_OPENS_AGAIN);
            await().atMost(WAIT).until(() -> node.call("night", IotRolloutOperations.get, null).status()
                    == RolloutStatus.COMPLETED);
            assertThat(IntStream.range(0, 12).allMatch(i -> patched(hub, i))).isTrue();
        }
    }

    /**
     * Stops the orchestrator while devices wait for their window; the one started later on the same store runs each
     * zone's chunks in their windows, every device changed once.
     */
    static void resumesAWaitingWindow(RolloutStore store, Path dir) throws Exception {
        ManualClock clock = new ManualClock(BERLIN_OPEN);
        try (IotJobsEmulator hub = hub(clock, 0)) {
            try (RolloutNode first = RolloutNode.start(hub, HubTier.S1, store, dir, null, clock)) {
                first.call("later", IotRolloutOperations.start, plan(NIGHT));
                await().atMost(WAIT).until(() -> "done".equals(first.call("later", IotRolloutOperations.get, null)
                        .jobs().get(1).state()));
            }
            clock.set(NEW_YORK_OPENS);
            try (RolloutNode second = RolloutNode.start(hub, HubTier.S1, store, dir, null, clock)) {
                await().atMost(WAIT).until(() -> second.call("later", IotRolloutOperations.get, null).stage() == 1
                        && IntStream.range(0, 12).filter(i -> i % 2 == 1).allMatch(i -> patched(hub, i)));
                clock.set(BERLIN_OPENS_AGAIN);
                await().atMost(WAIT).until(() -> second.call("later", IotRolloutOperations.get, null).status()
                        == RolloutStatus.COMPLETED);
            }
            for (int i = 0; i < 12; i++) {
                assertThat(hub.twin(device(i)).orElseThrow().desiredVersion()).as(device(i)).isEqualTo(2);
            }
            assertThat(hub.engine().jobs()).extracting(j -> j.spec().jobId()).containsExactlyInAnyOrder(
                    "ro-later-s0-c0", "ro-later-s0-c1", "ro-later-s1-c0", "ro-later-s1-c1");
        }
    }

    @Test
    void aRestartedOrchestratorKeepsTheZoneGroupsFromTheFileStore() throws Exception {
        resumesAWaitingWindow(null, storeDir);
    }

    @Test
    void aRollbackRestoresTheDevicesChangedInTheirWindowAndLeavesTheWaitingOnes() throws Exception {
        ManualClock clock = new ManualClock(BERLIN_OPEN);
        try (IotJobsEmulator hub = hub(clock, 0);
                RolloutNode node = RolloutNode.start(hub, HubTier.S1, null, storeDir, null, clock)) {
            String plan = plan(NIGHT).replace("\"window\":", "\"rollback\": {}, \"window\":");
            node.call("undo", IotRolloutOperations.start, plan);
            await().atMost(WAIT).until(() -> patched(hub, 0));
            node.call("undo", IotRolloutOperations.rollback, null);
            await().atMost(WAIT).until(() -> node.call("undo", IotRolloutOperations.get, null).status()
                    == RolloutStatus.ROLLED_BACK);
            assertThat(patched(hub, 0)).isFalse();
            assertThat(hub.twin(device(0)).orElseThrow().desiredVersion()).isEqualTo(3);
            assertThat(hub.twin(device(1)).orElseThrow().desiredVersion()).isEqualTo(1);
            assertThat(hub.engine().job("ro-undo-s0-c0")).isEmpty();
        }
    }

    @Test
    void thePreviewShowsWhenEachZoneGroupOfEachStageCanRun() throws Exception {
        ManualClock clock = new ManualClock(BERLIN_OPEN);
        try (IotJobsEmulator hub = hub(clock, 0);
                RolloutNode node = RolloutNode.start(hub, HubTier.S1, null, storeDir, null, clock)) {
            RolloutPreview preview = node.call("night", IotRolloutOperations.preview, plan(NIGHT),
                    RolloutPreview.class);
            List<ZoneStart> canary = preview.stages().get(0).zones();
            assertThat(canary).containsExactly(
                    new ZoneStart(NEW_YORK, 1, NEW_YORK_OPENS, NEW_YORK_OPENS.plus(Duration.ofHours(1))),
                    new ZoneStart(BERLIN, 1, BERLIN_OPEN, Instant.parse("2030-03-12T02:00:00Z")));
            assertThat(preview.stages().get(0).jobIds()).containsExactly("ro-night-s0-c0", "ro-night-s0-c1");
            // Stage 1 can start once the canary is over: New York is still open then, Berlin opens the next night.
            Instant stageOneStart = NEW_YORK_OPENS.plus(preview.stages().get(0).estimatedDuration());
            assertThat(preview.stages().get(1).zones()).containsExactly(
                    new ZoneStart(NEW_YORK, 5, stageOneStart, NEW_YORK_OPENS.plus(Duration.ofHours(1))),
                    new ZoneStart(BERLIN, 5, BERLIN_OPENS_AGAIN, BERLIN_OPENS_AGAIN.plus(Duration.ofHours(1))));
            assertThat(hub.engine().jobs()).isEmpty();
        }
    }

    @Test
    void devicesWithoutAZoneAreRefusedUnlessThePlanHasADefaultZone() throws Exception {
        ManualClock clock = new ManualClock(BERLIN_OPEN);
        try (IotJobsEmulator hub = hub(clock, 2);
                RolloutNode node = RolloutNode.start(hub, HubTier.S1, null, storeDir, null, clock)) {
            assertThatThrownBy(() -> node.call("untagged", IotRolloutOperations.start, plan(NIGHT)))
                    .hasRootCauseInstanceOf(RolloutPlanException.class)
                    .rootCause().hasMessageStartingWith("window.zoneTag: 2 devices have no valid time zone in tags.tz"
                            + " (device-000000, device-000001)");
            assertThat(hub.engine().jobs()).isEmpty();

            RolloutPreview preview = node.call("untagged", IotRolloutOperations.preview,
                    plan("{\"start\": \"02:00\", \"end\": \"03:00\", \"defaultZone\": \"UTC\"}"),
                    RolloutPreview.class);
            assertThat(preview.stages().get(0).zones()).extracting(ZoneStart::zone, ZoneStart::devices)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple("UTC", 2));
            assertThat(preview.stages().get(0).zones().get(0).earliestStart())
                    .isEqualTo(Instant.parse("2030-03-12T02:00:00Z"));
        }
    }
}
