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

import io.github.iotjobs.camel.IotJobsComponent;
import io.github.iotjobs.camel.IotJobsConfiguration;
import io.github.iotjobs.camel.IotJobsTier;
import io.github.iotjobs.camel.rollout.plan.RolloutPlanException;
import io.github.iotjobs.camel.rollout.stage.HubTier;
import io.github.iotjobs.camel.rollout.stage.RolloutPreview;
import io.github.iotjobs.camel.rollout.store.RolloutStatus;
import io.github.iotjobs.emulator.IotJobsEmulator;
import io.github.iotjobs.emulator.engine.Job;
import io.github.iotjobs.emulator.engine.JobStatus;
import io.github.iotjobs.emulator.engine.MethodBehavior;
import io.github.iotjobs.emulator.fleet.DeviceTwin;
import io.github.iotjobs.emulator.http.Fault;
import org.apache.camel.CamelExecutionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * One plan over two hubs (two emulators): each stage runs on both, one gate judges them together, and a failing hub
 * halts the rollout on both.
 */
class TargetsRolloutTest {

    @TempDir
    Path storeDir;

    /** A second hub as an application configures one: an iotjobs component of its own, here named {@code us}. */
    static void addHub(RolloutNode node, String name, IotJobsEmulator hub) {
        IotJobsComponent component = new IotJobsComponent();
        IotJobsConfiguration jobs = component.getConfiguration();
        jobs.setConnectionString(hub.connectionString());
        jobs.setBaseUrl(hub.baseUrl());
        jobs.setRetryInitialDelay(5);
        jobs.setTier(IotJobsTier.S3);
        jobs.setUnits(10);
        node.context.addComponent(name, component);
    }

    private static String twoHubPlan(String action, String stages, String rest) {
        return """
                targets:
                  - {name: eu, jobsEndpoint: "iotjobs:hub", query: "*"}
                  - {name: us, jobsEndpoint: "us:hub", tier: S3, units: 10, query: "*"}
                action: %s
                stages: %s
                %s
                """.formatted(action, stages, rest);
    }

    private static List<String> jobIds(IotJobsEmulator hub) {
        return hub.engine().jobs().stream().map(j -> j.spec().jobId()).toList();
    }

    @Test
    void eachStageRunsOnBothHubsUnderOneGlobalGate() throws Exception {
        try (IotJobsEmulator eu = IotJobsEmulator.builder().noThrottling().devices(100).start();
                IotJobsEmulator us = IotJobsEmulator.builder().noThrottling().devices(100).seed(11)
                        .method("reboot", MethodBehavior.ok().withFailureRate(0.2)).start();
                RolloutNode node = RolloutNode.start(eu, HubTier.S3, null, storeDir)) {
            addHub(node, "us", us);
            // us alone would fail a 85 % gate (about a fifth of its calls fail); both hubs together pass it.
            String plan = twoHubPlan("{method: {name: reboot, responseTimeout: PT10S}}",
                    "[{devices: 10}, {percent: 50}, {percent: 100}]", "successThreshold: 85%");

            RolloutPreview preview = node.call("fleet", IotRolloutOperations.preview, plan, RolloutPreview.class);
            assertThat(preview.targetDevices()).isEqualTo(200);
            assertThat(preview.stages()).extracting(RolloutPreview.StagePreview::devices).containsExactly(20, 80, 100);
            for (RolloutPreview.StagePreview stage : preview.stages()) {
                assertThat(stage.targets()).extracting(RolloutPreview.TargetStagePreview::target)
                        .containsExactly("eu", "us");
                assertThat(stage.targets().get(0).jobIds()).allMatch(id -> id.startsWith("rt-eu-fleet-s" + stage.stage()));
                assertThat(stage.targets().get(1).jobIds()).allMatch(id -> id.startsWith("rt-us-fleet-s" + stage.stage()));
                assertThat(stage.targets().get(0).devices()).isEqualTo(stage.targets().get(1).devices());
            }
            assertThat(eu.engine().jobs()).isEmpty();
            assertThat(us.engine().jobs()).as("a preview sends nothing").isEmpty();

            node.call("fleet", IotRolloutOperations.start, plan);
            await().atMost(Duration.ofSeconds(60)).until(() -> node.call("fleet", IotRolloutOperations.get, null)
                    .status() == RolloutStatus.COMPLETED);

            for (int t = 0; t < 2; t++) {
                IotJobsEmulator hub = t == 0 ? eu : us;
                List<String> previewed = new ArrayList<>();
                for (RolloutPreview.StagePreview stage : preview.stages()) {
                    previewed.addAll(stage.targets().get(t).jobIds());
                    Set<String> reached = new HashSet<>();
                    for (String jobId : stage.targets().get(t).jobIds()) {
                        hub.engine().job(jobId).orElseThrow().deviceRows()
                                .forEach(row -> assertThat(reached.add(row.get("deviceId").asText())).isTrue());
                    }
                    assertThat(reached).containsExactlyInAnyOrderElementsOf(stage.targets().get(t).deviceIds());
                }
                assertThat(jobIds(hub)).containsExactlyInAnyOrderElementsOf(previewed);
            }
            // Stage k+1 started on either hub only once stage k was over on both.
            for (int s = 1; s < preview.stages().size(); s++) {
                java.time.Instant before = lastEnd(List.of(eu, us), s - 1);
                String stageTag = "-s" + s + "-";
                for (IotJobsEmulator hub : List.of(eu, us)) {
                    hub.engine().jobs().stream().filter(j -> j.spec().jobId().contains(stageTag))
                            .forEach(j -> assertThat(j.createdTime()).isAfterOrEqualTo(before));
                }
            }
            long usFailed = us.engine().jobs().stream().flatMap(j -> j.deviceRows().stream())
                    .filter(row -> row.path("status").asText().equals("failed")).count();
            assertThat(usFailed).as("us alone is below the gate").isGreaterThan(15);
            // Each decision is stored before its event is emitted: the events may trail what get shows.
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                    assertThat(node.eventTypes("fleet")).containsExactly("rolloutStarted", "stageStarted", "gatePassed",
                        "stageStarted", "gatePassed", "stageStarted", "gatePassed", "completed"));
        }
    }

    private static java.time.Instant lastEnd(List<IotJobsEmulator> hubs, int stage) {
        return hubs.stream().flatMap(h -> h.engine().jobs().stream())
                .filter(j -> j.spec().jobId().contains("-s" + stage + "-")).map(Job::endTime)
                .max(java.time.Instant::compareTo).orElseThrow();
    }

    @Test
    void oneHubFailingPastItsThresholdHaltsBothAndCancelsTheOthersQueuedJob() throws Exception {
        // eu's engine does not run: its stage-0 job stays queued until the halt cancels it.
        try (IotJobsEmulator eu = IotJobsEmulator.builder().noThrottling().devices(900).autoTick(false).start();
                IotJobsEmulator us = IotJobsEmulator.builder().noThrottling().devices(100)
                        .method("reboot", MethodBehavior.ok().withFailureRate(1.0)).start();
                RolloutNode node = RolloutNode.start(eu, HubTier.S3, null, storeDir)) {
            addHub(node, "us", us);
            // 10 of the stage's 100 devices fail: below 20 % over both hubs, but all of us's.
            String plan = twoHubPlan("{method: {name: reboot, responseTimeout: PT10S}}",
                    "[{percent: 10}, {percent: 100}]", "failureThreshold: 20%\nonFailure: abort");
            node.call("bad", IotRolloutOperations.start, plan);
            await().atMost(Duration.ofSeconds(30)).until(() -> node.call("bad", IotRolloutOperations.get, null)
                    .status() == RolloutStatus.ABORTED);

            RolloutView view = node.call("bad", IotRolloutOperations.get, null);
            assertThat(view.reason()).startsWith("target us: 10 of 10 devices failed");
            assertThat(view.failed()).isEqualTo(10);
            assertThat(jobIds(eu)).containsExactly("rt-eu-bad-s0-c0");
            assertThat(eu.engine().job("rt-eu-bad-s0-c0").orElseThrow().status()).isEqualTo(JobStatus.CANCELLED);
            assertThat(jobIds(us)).containsExactly("rt-us-bad-s0-c0");
            eu.tick();
            assertThat(eu.engine().jobs().get(0).deviceRows()).noneMatch(r -> r.path("status").asText()
                    .equals("completed"));
            // Each decision is stored before its event is emitted: the events may trail what get shows.
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                    assertThat(node.eventTypes("bad")).containsExactly("rolloutStarted", "stageStarted", "gateFailed",
                        "aborted"));
        }
    }

    @Test
    void aHubThatStopsAnsweringHaltsBothOnceUnreachableAfterHasPassed() throws Exception {
        try (IotJobsEmulator eu = IotJobsEmulator.builder().noThrottling().devices(50).autoTick(false).start();
                IotJobsEmulator us = IotJobsEmulator.builder().noThrottling().devices(50).autoTick(false).start();
                RolloutNode node = RolloutNode.start(eu, HubTier.S3, null, storeDir)) {
            addHub(node, "us", us);
            String plan = twoHubPlan("{twinPatch: {properties: {desired: {mode: eco}}}}",
                    "[{devices: 5}, {percent: 100}]", "onFailure: abort\nunreachableAfter: PT0.3S");
            node.call("down", IotRolloutOperations.start, plan);
            await().atMost(Duration.ofSeconds(30)).until(() -> jobIds(eu).size() == 1 && jobIds(us).size() == 1);
            us.injectFault(Fault.status(503));

            await().atMost(Duration.ofSeconds(30)).until(() -> node.call("down", IotRolloutOperations.get, null)
                    .status() == RolloutStatus.ABORTED);
            RolloutView view = node.call("down", IotRolloutOperations.get, null);
            assertThat(view.reason()).startsWith("target us has failed to answer since").contains("503");
            assertThat(eu.engine().job("rt-eu-down-s0-c0").orElseThrow().status()).isEqualTo(JobStatus.CANCELLED);
            assertThat(jobIds(eu)).containsExactly("rt-eu-down-s0-c0");
            eu.tick();
            for (DeviceTwin twin : eu.fleet().all()) {
                assertThat(twin.desired().has("mode")).as("eu changed nothing after the halt").isFalse();
            }
        }
    }

    @Test
    void eachHubIsPacedByItsOwnConcurrentJobLimit() throws Exception {
        // Neither engine runs: jobs stay queued, so what is created shows each target's limit.
        try (IotJobsEmulator eu = IotJobsEmulator.builder().noThrottling().devices(1500).maxActiveJobs(1)
                        .autoTick(false).start();
                IotJobsEmulator us = IotJobsEmulator.builder().noThrottling().devices(1500).autoTick(false).start();
                RolloutNode node = RolloutNode.start(eu, HubTier.S3, null, storeDir)) {
            addHub(node, "us", us);
            String plan = twoHubPlan("{twinPatch: {tags: {wave: one}}}", "[{percent: 100}]", "")
                    .replace("name: eu, jobsEndpoint: \"iotjobs:hub\"", "name: eu, jobsEndpoint: \"iotjobs:hub\", tier: S1");
            RolloutPreview preview = node.call("paced", IotRolloutOperations.preview, plan, RolloutPreview.class);
            List<RolloutPreview.TargetStagePreview> targets = preview.stages().get(0).targets();
            assertThat(targets).extracting(RolloutPreview.TargetStagePreview::jobWaves)
                    .containsExactly(targets.get(0).jobIds().size(), 1);
            assertThat(targets.get(1).jobIds()).hasSizeGreaterThan(1);

            node.call("paced", IotRolloutOperations.start, plan);
            await().atMost(Duration.ofSeconds(30)).until(() -> jobIds(us).size() == targets.get(1).jobIds().size());
            assertThat(jobIds(eu)).as("S1: one job at a time on eu, while us has all of its own")
                    .containsExactly("rt-eu-paced-s0-c0");
        }
    }

    @Test
    void aManagerTargetWithListedDevicesRunsBesideAHub() throws Exception {
        try (IotJobsEmulator eu = IotJobsEmulator.builder().noThrottling().devices(20).start();
                IotJobsEmulator legacy = IotJobsEmulator.builder().noThrottling().devices(20).start();
                RolloutNode node = RolloutNode.start(eu, HubTier.S3, null, storeDir)) {
            List<String> listed = legacy.fleet().all().stream().map(DeviceTwin::deviceId).limit(10).toList();
            String manager = "iotjobs:manager?baseUrl=" + legacy.baseUrl();
            String plan = """
                    targets:
                      - {name: eu, jobsEndpoint: "iotjobs:hub", query: "*"}
                      - {name: legacy, jobsEndpoint: "%s", tier: S1, devices: %s}
                    action: {twinPatch: {properties: {desired: {mode: eco}}}}
                    stages: [{devices: 2}, {percent: 100}]
                    """.formatted(manager, listed);
            node.call("mixed", IotRolloutOperations.start, plan);
            await().atMost(Duration.ofSeconds(30)).until(() -> node.call("mixed", IotRolloutOperations.get, null)
                    .status() == RolloutStatus.COMPLETED);
            assertThat(jobIds(legacy)).containsExactlyInAnyOrder("rt-legacy-mixed-s0-c0", "rt-legacy-mixed-s1-c0");
            for (DeviceTwin twin : legacy.fleet().all()) {
                assertThat(twin.desired().has("mode")).as(twin.deviceId()).isEqualTo(listed.contains(twin.deviceId()));
            }
            assertThat(eu.fleet().all()).allMatch(twin -> twin.desired().path("mode").asText().equals("eco"));

            String queried = plan.replace("devices: " + listed, "query: \"*\"");
            assertThatThrownBy(() -> node.call("mixed2", IotRolloutOperations.start, queried)).cause()
                    .isInstanceOf(RolloutPlanException.class).hasMessageStartingWith("targets[1].query: ");
        }
    }

    @Test
    void targetsOnNamedComponentsOnlyWithTheComponentsJobsEndpointOnOneOfThem() throws Exception {
        try (IotJobsEmulator eu = IotJobsEmulator.builder().noThrottling().devices(10).start();
                IotJobsEmulator us = IotJobsEmulator.builder().noThrottling().devices(10).start();
                org.apache.camel.CamelContext context = new org.apache.camel.impl.DefaultCamelContext()) {
            IotRolloutComponent rollout = context.getComponent("iotrollout", IotRolloutComponent.class);
            rollout.setJobsEndpoint("eu:hub");
            rollout.setPollInterval(25);
            rollout.setStoreDirectory(storeDir.toString());
            context.start();
            RolloutNode node = new RolloutNode(context);
            addHub(node, "eu", eu);
            addHub(node, "us", us);
            String plan = twoHubPlan("{twinPatch: {tags: {wave: one}}}", "[{percent: 100}]", "")
                    .replace("iotjobs:hub", "eu:hub");
            node.call("named", IotRolloutOperations.start, plan);
            await().atMost(Duration.ofSeconds(30)).until(() -> node.call("named", IotRolloutOperations.get, null)
                    .status() == RolloutStatus.COMPLETED);
            assertThat(jobIds(eu)).containsExactly("rt-eu-named-s0-c0");
            assertThat(jobIds(us)).containsExactly("rt-us-named-s0-c0");
        }
    }

    @Test
    void aTargetWhoseEndpointCannotRunIsRefusedNamingItBeforeAnyRequest() throws Exception {
        try (IotJobsEmulator eu = IotJobsEmulator.builder().noThrottling().devices(10).start();
                RolloutNode node = RolloutNode.start(eu, HubTier.S3, null, storeDir)) {
            String unknown = """
                    targets:
                      - {name: eu, jobsEndpoint: "iotjobs:hub", query: "*"}
                      - {name: us, jobsEndpoint: "nowhere:hub", query: "*"}
                    action: {method: {name: reboot}}
                    stages: [{percent: 100}]
                    """;
            assertThatThrownBy(() -> node.call("x", IotRolloutOperations.preview, unknown))
                    .isInstanceOf(CamelExecutionException.class).cause().isInstanceOf(RolloutPlanException.class)
                    .hasMessageStartingWith("targets[1].jobsEndpoint: no endpoint nowhere:hub");
            IotJobsComponent app = new IotJobsComponent();
            app.getConfiguration().setApiToken(eu.apiToken());
            app.getConfiguration().setBaseUrl(eu.baseUrl());
            node.context.addComponent("app", app);
            String central = unknown.replace("nowhere:hub", "app:central");
            assertThatThrownBy(() -> node.call("x", IotRolloutOperations.start, central))
                    .cause().isInstanceOf(RolloutPlanException.class)
                    .hasMessageStartingWith("targets[1].jobsEndpoint: Rollouts need a platform with query-targeted");
            String inClear = unknown.replace("nowhere:hub", "iotjobs:central?apiToken=RAW(" + eu.apiToken() + ")");
            assertThatThrownBy(() -> node.call("x", IotRolloutOperations.start, inClear))
                    .cause().isInstanceOf(RolloutPlanException.class)
                    .hasMessageStartingWith("targets[1].jobsEndpoint: carries apiToken in clear")
                    .message().doesNotContain(eu.apiToken());
            assertThat(eu.engine().jobs()).isEmpty();
        }
    }
}
