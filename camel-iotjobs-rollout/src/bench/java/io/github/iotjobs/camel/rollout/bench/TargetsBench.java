/*
 * Licensed to the Apache Software Foundation (ASF) under one or more contributor license agreements; and to You
 * under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance with the
 * License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.iotjobs.camel.rollout.bench;

import java.nio.file.Files;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import io.github.iotjobs.camel.IotJobsComponent;
import io.github.iotjobs.camel.IotJobsConfiguration;
import io.github.iotjobs.camel.IotJobsTier;
import io.github.iotjobs.camel.rollout.IotRolloutComponent;
import io.github.iotjobs.camel.rollout.IotRolloutConstants;
import io.github.iotjobs.camel.rollout.engine.RolloutEvent;
import io.github.iotjobs.camel.rollout.stage.HubTier;
import io.github.iotjobs.emulator.IotJobsEmulator;
import io.github.iotjobs.emulator.Tier;
import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;

/**
 * One 4-stage rollout over two S1 hubs ({@code targets}: each stage on both, one gate) against its baseline measured
 * in the same run: two single-hub rollouts of the same plan, one per hub (each its own iotrollout component), started
 * together and waited for together. The ratio is what the global gate costs: each stage waits for the slower hub.
 * <p>
 * Run, after {@code ./mvnw -q -DskipTests install}: {@code ./mvnw -q -P bench -pl camel-iotjobs-rollout
 * test-compile exec:java -Dexec.mainClass=io.github.iotjobs.camel.rollout.bench.TargetsBench}
 */
public final class TargetsBench {

    private static final int DEVICES = Integer.getInteger("bench.devices", 2000);
    private static final int ROUNDS = Integer.getInteger("bench.rounds", 5);
    private static final long POLL_MILLIS = 50;
    private static final String STAGES = "stages: [{devices: 20}, {percent: 10}, {percent: 50}, {percent: 100}]\n";

    private TargetsBench() {
    }

    private static IotJobsEmulator hub() {
        return IotJobsEmulator.builder().devices(DEVICES).tier(Tier.S1).noThrottling().maxActiveJobs(1).start();
    }

    private static void connect(IotJobsComponent component, IotJobsEmulator hub) {
        IotJobsConfiguration jobs = component.getConfiguration();
        jobs.setConnectionString(hub.connectionString());
        jobs.setBaseUrl(hub.baseUrl());
        // The client's request budget is not what is measured: a budget no run reaches.
        jobs.setTier(IotJobsTier.S3);
        jobs.setUnits(10);
    }

    private static IotRolloutComponent rollouts(String jobsEndpoint) throws Exception {
        IotRolloutComponent rollout = new IotRolloutComponent();
        rollout.setJobsEndpoint(jobsEndpoint);
        rollout.setTier(HubTier.S1);
        rollout.setPollInterval(POLL_MILLIS);
        rollout.setStoreDirectory(Files.createTempDirectory("targets-bench").toString());
        return rollout;
    }

    public static void main(String[] args) throws Exception {
        try (IotJobsEmulator eu = hub(); IotJobsEmulator us = hub()) {
            CamelContext context = new DefaultCamelContext();
            connect(context.getComponent("iotjobs", IotJobsComponent.class), eu);
            IotJobsComponent usJobs = new IotJobsComponent();
            connect(usJobs, us);
            context.addComponent("us", usJobs);
            context.addComponent("iotrollout", rollouts("iotjobs:hub"));
            context.addComponent("usrollout", rollouts("us:hub"));
            Map<String, CountDownLatch> done = new ConcurrentHashMap<>();
            context.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from("iotrollout:*?deviceResults=false").process(e -> completed(done, e.getMessage()
                            .getBody(RolloutEvent.class)));
                    from("usrollout:*?deviceResults=false").process(e -> completed(done, e.getMessage()
                            .getBody(RolloutEvent.class)));
                }
            });
            context.start();
            ProducerTemplate template = context.createProducerTemplate();

            long[] apart = new long[ROUNDS];
            long[] together = new long[ROUNDS];
            // Round -1 warms the JIT up and is not counted.
            for (int round = -1; round < ROUNDS; round++) {
                String action = "action: {twinPatch: {properties: {desired: {round: \"" + round + "\"}}}}\n";
                String single = "target: {query: \"*\"}\n" + action + STAGES;
                String both = """
                        targets:
                          - {name: eu, jobsEndpoint: "iotjobs:hub", tier: S1, query: "*"}
                          - {name: us, jobsEndpoint: "us:hub", tier: S1, query: "*"}
                        """ + action.replace("round", "both") + STAGES;
                long start = System.nanoTime();
                start(template, done, "iotrollout", "eu-" + (round + 1), single);
                start(template, done, "usrollout", "us-" + (round + 1), single);
                await(done, "eu-" + (round + 1));
                await(done, "us-" + (round + 1));
                long apartTime = System.nanoTime() - start;
                start = System.nanoTime();
                start(template, done, "iotrollout", "both-" + (round + 1), both);
                await(done, "both-" + (round + 1));
                long togetherTime = System.nanoTime() - start;
                System.out.printf("round %d: two single-hub rollouts side by side %d ms; one rollout over both hubs"
                                  + " %d ms%n", round, apartTime / 1_000_000, togetherTime / 1_000_000);
                if (round >= 0) {
                    apart[round] = apartTime;
                    together[round] = togetherTime;
                }
            }
            context.stop();
            Arrays.sort(apart);
            Arrays.sort(together);
            System.out.printf("4-stage rollout over 2 hubs of %d devices each: median %d ms; two single-hub rollouts"
                              + " side by side: median %d ms; ratio %.3f (goal <= 1.10)%n", DEVICES,
                    together[ROUNDS / 2] / 1_000_000, apart[ROUNDS / 2] / 1_000_000,
                    (double) together[ROUNDS / 2] / apart[ROUNDS / 2]);
        }
    }

    private static void completed(Map<String, CountDownLatch> done, RolloutEvent event) {
        if (event.type().name().equals("completed")) {
            done.get(event.rolloutId()).countDown();
        }
    }

    private static void start(ProducerTemplate template, Map<String, CountDownLatch> done, String scheme, String id,
            String plan) {
        done.put(id, new CountDownLatch(1));
        template.requestBodyAndHeaders(scheme + ":" + id, plan, Map.of(IotRolloutConstants.OPERATION, "start"));
    }

    private static void await(Map<String, CountDownLatch> done, String id) throws InterruptedException {
        if (!done.get(id).await(10, TimeUnit.MINUTES)) {
            throw new IllegalStateException("rollout " + id + " did not complete");
        }
    }
}
