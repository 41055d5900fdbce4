/*
 * Licensed to the Apache Software Foundation (ASF) under one or more contributor license agreements; and to You
 * under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance with the
 * License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.iotjobs.camel.rollout;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.github.iotjobs.camel.rollout.stage.HubTier;
import io.github.iotjobs.camel.rollout.stage.RolloutPreview;
import io.github.iotjobs.camel.rollout.store.JdbcRolloutStore;
import io.github.iotjobs.camel.rollout.store.RolloutStatus;
import io.github.iotjobs.camel.rollout.store.RolloutStore;
import io.github.iotjobs.emulator.IotJobsEmulator;
import io.github.iotjobs.emulator.Tier;
import io.github.iotjobs.emulator.fleet.DeviceTwin;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A rollout over two hubs whose CamelContext stops mid-stage and starts again, on either store: it resumes on both
 * hubs, and no job is created twice, no device updated twice on either.
 */
class TargetsRestartTest {

    @TempDir
    Path storeDir;

    private static final String PLAN = """
            targets:
              - {name: eu, jobsEndpoint: "iotjobs:hub", tier: S1, query: "*"}
              - {name: us, jobsEndpoint: "us:hub", tier: S1, query: "*"}
            action: {twinPatch: {properties: {desired: {mode: eco}}}}
            stages: [{devices: 100}, {percent: 100}]
            """;

    private static IotJobsEmulator hub() {
        return IotJobsEmulator.builder().devices(1000).tier(Tier.S1).noThrottling().maxActiveJobs(1).autoTick(false)
                .start();
    }

    static void stopMidStageAndResume(RolloutStore store, Path dir) throws Exception {
        // The engines run only when the test ticks them: the first node stops once stage 1 has begun.
        try (IotJobsEmulator eu = hub(); IotJobsEmulator us = hub()) {
            Map<String, Long> versions = new HashMap<>();
            eu.fleet().all().forEach(t -> versions.put("eu/" + t.deviceId(), t.desiredVersion()));
            us.fleet().all().forEach(t -> versions.put("us/" + t.deviceId(), t.desiredVersion()));

            RolloutPreview preview;
            try (RolloutNode first = RolloutNode.start(eu, HubTier.S1, store, dir)) {
                TargetsRolloutTest.addHub(first, "us", us);
                preview = first.call("eco", IotRolloutOperations.preview, PLAN, RolloutPreview.class);
                first.call("eco", IotRolloutOperations.start, PLAN);
                await().atMost(Duration.ofSeconds(30)).until(() -> {
                    if (eu.engine().job("rt-eu-eco-s1-c0").isPresent() || us.engine().job("rt-us-eco-s1-c0").isPresent()) {
                        return true;
                    }
                    eu.tick();
                    us.tick();
                    return false;
                });
            }
            assertThat(preview.stages().get(1).targets()).allMatch(t -> t.jobIds().size() > 1);

            try (RolloutNode second = RolloutNode.start(eu, HubTier.S1, store, dir)) {
                TargetsRolloutTest.addHub(second, "us", us);
                await().atMost(Duration.ofSeconds(60)).until(() -> {
                    eu.tick();
                    us.tick();
                    return second.call("eco", IotRolloutOperations.get, null).status() == RolloutStatus.COMPLETED;
                });
                // Each decision is stored before its event is emitted: the events may trail what get shows.
                await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                        assertThat(second.eventTypes("eco")).endsWith("completed").doesNotContain("rolloutStarted"));
            }
            for (int t = 0; t < 2; t++) {
                IotJobsEmulator hub = t == 0 ? eu : us;
                List<String> previewed = new ArrayList<>();
                for (RolloutPreview.StagePreview stage : preview.stages()) {
                    previewed.addAll(stage.targets().get(t).jobIds());
                }
                assertThat(hub.engine().jobs()).extracting(j -> j.spec().jobId())
                        .containsExactlyInAnyOrderElementsOf(previewed);
                String prefix = t == 0 ? "eu/" : "us/";
                for (DeviceTwin twin : hub.fleet().all()) {
                    assertThat(twin.desiredVersion()).as(prefix + twin.deviceId())
                            .isEqualTo(versions.get(prefix + twin.deviceId()) + 1);
                }
            }
        }
    }

    @Test
    void aStoppedContextResumesBothHubsFromTheFileStore() throws Exception {
        stopMidStageAndResume(null, storeDir);
    }

    @Test
    void aStoppedContextResumesBothHubsFromPostgreSql() throws Exception {
        try (EmbeddedPostgres postgres = EmbeddedPostgres.builder().start()) {
            stopMidStageAndResume(new JdbcRolloutStore(postgres.getPostgresDatabase()), storeDir);
        } catch (IOException e) {
            throw new IllegalStateException("Embedded PostgreSQL did not start", e);
        }
    }
}
