/*
 * Licensed to the Apache Software Foundation (ASF) under one or more contributor license agreements; and to You
 * under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance with the
 * License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.iotjobs.camel.rollout.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.iotjobs.camel.IotJobsComponent;
import io.github.iotjobs.camel.IotJobsConfiguration;
import io.github.iotjobs.camel.IotJobsTier;
import io.github.iotjobs.camel.IotJobsConstants;
import io.github.iotjobs.camel.rollout.IotRolloutComponent;
import io.github.iotjobs.camel.rollout.IotRolloutConstants;
import io.github.iotjobs.camel.rollout.RolloutView;
import io.github.iotjobs.camel.rollout.engine.RolloutEvent;
import io.github.iotjobs.camel.rollout.stage.HubTier;
import io.github.iotjobs.camel.rollout.stage.RolloutPreview;
import io.github.iotjobs.emulator.IotJobsEmulator;
import io.github.iotjobs.emulator.Tier;
import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;

/**
 * A 4-stage rollout (canary, 10 %, 50 %, 100 %; gates that pass at once) against the same device chunks run as bare
 * hub jobs back to back through the iotjobs producer ({@code waitForCompletion}, same poll interval), on one S1
 * emulator (one job at a time), in the same run; rounds alternate. Also the orchestrator's CPU per device: the CPU
 * time of the component's {@code iotrollout} threads during the rollouts, over the devices they reached.
 * <p>
 * Run, after {@code ./mvnw -q -DskipTests install}: {@code ./mvnw -q -P bench -pl camel-iotjobs-rollout
 * test-compile exec:java -Dexec.mainClass=io.github.iotjobs.camel.rollout.bench.RolloutBench}
 */
public final class RolloutBench {

    private static final int DEVICES = Integer.getInteger("bench.devices", 4000);
    private static final int ROUNDS = Integer.getInteger("bench.rounds", 5);
    private static final long POLL_MILLIS = 50;
    private static final ObjectMapper JSON = new ObjectMapper();

    private RolloutBench() {
    }

    public static void main(String[] args) throws Exception {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        try (IotJobsEmulator hub = IotJobsEmulator.builder().devices(DEVICES).tier(Tier.S1).noThrottling().maxActiveJobs(1).start()) {
            Path store = Files.createTempDirectory("rollout-bench");
            CamelContext context = new DefaultCamelContext();
            IotJobsConfiguration jobs = context.getComponent("iotjobs", IotJobsComponent.class).getConfiguration();
            jobs.setConnectionString(hub.connectionString());
            jobs.setBaseUrl(hub.baseUrl());
            // The client's request budget is not what is measured: a budget no run reaches.
            jobs.setTier(IotJobsTier.S3);
            jobs.setUnits(10);
            jobs.setPollInterval(POLL_MILLIS);
            IotRolloutComponent rollout = context.getComponent("iotrollout", IotRolloutComponent.class);
            rollout.setTier(HubTier.S1);
            rollout.setPollInterval(POLL_MILLIS);
            rollout.setStoreDirectory(store.toString());
            Map<String, CountDownLatch> done = new java.util.concurrent.ConcurrentHashMap<>();
            context.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from("iotrollout:*?deviceResults=false").process(e -> {
                        RolloutEvent event = e.getMessage().getBody(RolloutEvent.class);
                        if (event.type().name().equals("completed")) {
                            done.get(event.rolloutId()).countDown();
                        }
                    });
                }
            });
            context.start();
            ProducerTemplate template = context.createProducerTemplate();

            long[] bare = new long[ROUNDS];
            long[] staged = new long[ROUNDS];
            long[] resolving = new long[ROUNDS];
            long orchestratorCpu = 0;
            // Round -1 warms the JIT up and is not counted.
            for (int round = -1; round < ROUNDS; round++) {
                String stages = ",\"stages\":[{\"devices\":20},{\"percent\":10},{\"percent\":50},{\"percent\":100}]}";
                String queryPlan = "{\"target\":{\"query\":\"*\"},\"action\":{\"twinPatch\":{\"properties\":"
                                   + "{\"desired\":{\"round\":" + round + "}}}}" + stages;
                RolloutPreview preview = template.requestBodyAndHeaders("iotrollout:preview-" + (round + 1), queryPlan,
                        Map.of(IotRolloutConstants.OPERATION, "preview"), RolloutPreview.class);
                List<String> frozen = preview.stages().stream().flatMap(stage -> stage.deviceIds().stream()).toList();
                String devicesPlan = "{\"target\":{\"devices\":" + JSON.writeValueAsString(frozen)
                                     + "},\"action\":{\"twinPatch\":{\"properties\":{\"desired\":{\"staged\":"
                                     + round + "}}}}" + stages;

                long start = System.nanoTime();
                for (RolloutPreview.StagePreview stage : preview.stages()) {
                    List<String> ids = stage.deviceIds();
                    for (int c = 0; c < stage.jobIds().size(); c++) {
                        template.requestBodyAndHeaders("iotjobs:hub?operation=scheduleTwinUpdate"
                                + "&waitForCompletion=true", "{\"properties\":{\"desired\":{\"bare\":" + round + "}}}",
                                Map.of(IotJobsConstants.JOB_ID, "bare-" + (round + 1) + "-" + stage.stage() + "-" + c,
                                        IotJobsConstants.QUERY_CONDITION, chunkCondition(ids, stage, c)));
                    }
                }
                long bareTime = System.nanoTime() - start;

                long cpuBefore = rolloutCpu(threads);
                long stagedTime = runRollout(template, done, "bench-" + (round + 1), devicesPlan);
                long cpu = rolloutCpu(threads) - cpuBefore;
                long resolvingTime = runRollout(template, done, "bench-query-" + (round + 1), queryPlan);
                System.out.printf("round %d: bare jobs %d ms, staged rollout %d ms (%d jobs), orchestrator CPU %d ms;"
                                  + " staged rollout resolving its query target %d ms%n", round, bareTime / 1_000_000,
                        stagedTime / 1_000_000, preview.jobCount(), cpu / 1_000_000, resolvingTime / 1_000_000);
                if (round >= 0) {
                    bare[round] = bareTime;
                    staged[round] = stagedTime;
                    resolving[round] = resolvingTime;
                    orchestratorCpu += cpu;
                }
            }
            context.stop();
            Arrays.sort(bare);
            Arrays.sort(staged);
            Arrays.sort(resolving);
            long bareMedian = bare[ROUNDS / 2];
            double cpuPerDevice = orchestratorCpu / 1000.0 / ((double) DEVICES * ROUNDS);
            System.out.printf("4-stage rollout of %d devices (target: the frozen device ids): median %d ms; same chunks"
                              + " as bare jobs back to back: median %d ms; ratio %.3f (goal <= 1.10)%n", DEVICES,
                    staged[ROUNDS / 2] / 1_000_000, bareMedian / 1_000_000, (double) staged[ROUNDS / 2] / bareMedian);
            System.out.printf("the same rollout resolving its query target at start: median %d ms; ratio %.3f to the"
                              + " bare jobs, which are given their devices%n", resolving[ROUNDS / 2] / 1_000_000,
                    (double) resolving[ROUNDS / 2] / bareMedian);
            System.out.printf("orchestrator CPU per device: %.1f us (goal <= 50 us)%n", cpuPerDevice);
        }
    }

    /** Starts a rollout and waits for its completed event; the wall time from the start call. */
    private static long runRollout(ProducerTemplate template, Map<String, CountDownLatch> done, String id, String plan)
            throws InterruptedException {
        done.put(id, new CountDownLatch(1));
        long start = System.nanoTime();
        template.requestBodyAndHeaders("iotrollout:" + id, plan, Map.of(IotRolloutConstants.OPERATION, "start"));
        if (!done.get(id).await(10, TimeUnit.MINUTES)) {
            throw new IllegalStateException("rollout " + id + " did not complete");
        }
        long time = System.nanoTime() - start;
        RolloutView view = template.requestBodyAndHeaders("iotrollout:" + id, null,
                Map.of(IotRolloutConstants.OPERATION, "get"), RolloutView.class);
        if (view.targetDevices() != DEVICES || view.passedStages().size() != 4) {
            throw new IllegalStateException("rollout " + id + " reached " + view.targetDevices() + " devices in "
                                            + view.passedStages().size() + " stages");
        }
        return time;
    }

    /** The condition of chunk c, as the rollout sends it (the preview holds the devices and the chunk count). */
    private static String chunkCondition(List<String> ids, RolloutPreview.StagePreview stage, int chunk) {
        io.github.iotjobs.camel.rollout.stage.FrozenStage frozen =
                io.github.iotjobs.camel.rollout.stage.FrozenStage.of(stage.stage(), new ArrayList<>(ids));
        return frozen.chunkCondition(chunk);
    }

    /** CPU time of the rollout component's threads (Camel names them ... - iotrollout). */
    private static long rolloutCpu(ThreadMXBean threads) {
        long total = 0;
        for (ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
            if (info != null && info.getThreadName().contains("iotrollout")) {
                long cpu = threads.getThreadCpuTime(info.getThreadId());
                if (cpu > 0) {
                    total += cpu;
                }
            }
        }
        return total;
    }
}
