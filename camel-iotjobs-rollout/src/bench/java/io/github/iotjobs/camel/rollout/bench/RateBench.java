/*
 * Licensed to the Apache Software Foundation (ASF) under one or more contributor license agreements; and to You
 * under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance with the
 * License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.iotjobs.camel.rollout.bench;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
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
import io.github.iotjobs.emulator.quota.ThrottleClass;
import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;

/**
 * The rate governor against the hub's quotas, on emulators with their quotas on (real clock, same JVM):
 * <ol>
 * <li>devices per minute a one-stage twin-patch rollout reaches on S1 and on S3 (one unit each), against the ceiling
 * protocol.md §8 allows: the lower of the device operations (10/s on S1, 50/s/unit on S3) and what the job limits
 * allow (concurrent jobs, job creations per minute, times the devices a job holds); goal at least 0.90;</li>
 * <li>a rollback's wall time against the forward stage it undoes (a twin patch with {@code rollback: {}}, stage 0
 * passed and awaiting approval, then the {@code rollback} operation), on S3; goal at most 1.2.</li>
 * </ol>
 * Every run also prints the hub's throttled counters (429s), which the governor keeps at zero.
 * <p>
 * Run, after {@code ./mvnw -q -DskipTests install}: {@code ./mvnw -q -P bench -pl camel-iotjobs-rollout
 * test-compile exec:java -Dexec.mainClass=io.github.iotjobs.camel.rollout.bench.RateBench}
 */
public final class RateBench {

    private static final int S1_DEVICES = Integer.getInteger("bench.s1Devices", 600);
    private static final int S3_DEVICES = Integer.getInteger("bench.s3Devices", 3000);
    private static final int ROLLBACK_DEVICES = Integer.getInteger("bench.rollbackDevices", 1000);
    private static final long POLL_MILLIS = 100;

    private RateBench() {
    }

    public static void main(String[] args) throws Exception {
        System.out.printf("load average at start: %.1f on %d cores%n",
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(),
                Runtime.getRuntime().availableProcessors());
        ceiling(Tier.S1, HubTier.S1, IotJobsTier.S1, S1_DEVICES);
        ceiling(Tier.S3, HubTier.S3, IotJobsTier.S3, S3_DEVICES);
        rollback();
        System.out.printf("load average at end: %.1f%n",
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    }

    /** One rollout of every device in one stage, as fast as the governor lets it. */
    private static void ceiling(Tier tier, HubTier hubTier, IotJobsTier clientTier, int devices) throws Exception {
        try (IotJobsEmulator hub = IotJobsEmulator.builder().devices(devices).tier(tier).start();
                Node node = new Node(hub, hubTier, clientTier)) {
            String plan = "{\"target\":{\"query\":\"*\"},\"action\":{\"twinPatch\":{\"properties\":{\"desired\":"
                          + "{\"fw\":\"2\"}}}},\"stages\":[{\"percent\":100}]}";
            int jobs = node.template.requestBodyAndHeaders("iotrollout:ceiling", plan,
                    Map.of(IotRolloutConstants.OPERATION, "preview"),
                    io.github.iotjobs.camel.rollout.stage.RolloutPreview.class).jobCount();
            long start = System.nanoTime();
            node.run("ceiling", plan, "completed");
            double minutes = (System.nanoTime() - start) / 60e9;
            double achieved = devices / minutes;
            double deviceOps = hubTier.deviceOperationsPerSecond(1) * 60;
            double perJob = (double) devices / jobs;
            // Jobs in a row: as many at once as the tier allows, each as long as its devices take at the quota.
            double byJobLimits = Math.min(hubTier.jobOperationsPerMinute(1) * perJob,
                    hubTier.concurrentJobs() * 60.0 / (perJob / hubTier.deviceOperationsPerSecond(1)) * perJob);
            double ceiling = Math.min(deviceOps, byJobLimits);
            System.out.printf("%s: %d devices in %d jobs in %.1f s: %.0f devices/min; ceiling %.0f/min (%s binds:"
                              + " device operations %.0f/min, job limits %.0f/min); ratio %.3f (goal >= 0.90);"
                              + " 429s: jobs %d, queries %d%n", tier, devices, jobs, minutes * 60, achieved, ceiling,
                    deviceOps <= byJobLimits ? "the device-operation quota" : "the job limit", deviceOps,
                    byJobLimits, achieved / ceiling, hub.throttled(ThrottleClass.JOBS),
                    hub.throttled(ThrottleClass.QUERIES));
        }
    }

    /** Stage 0 of a twin patch, then its rollback, timed by the rollout's own events. */
    private static void rollback() throws Exception {
        try (IotJobsEmulator hub = IotJobsEmulator.builder().devices(2 * ROLLBACK_DEVICES).tier(Tier.S3).start();
                Node node = new Node(hub, HubTier.S3, IotJobsTier.S3)) {
            String plan = "{\"target\":{\"query\":\"*\"},\"action\":{\"twinPatch\":{\"properties\":{\"desired\":"
                          + "{\"fw\":\"2\"}}}},\"stages\":[{\"devices\":" + ROLLBACK_DEVICES + "},{\"percent\":100}],"
                          + "\"approval\":\"manual\",\"rollback\":{}}";
            node.run("undo", plan, "approvalRequested");
            node.command("undo", "rollback", "rolledBack");
            Duration forward = Duration.between(node.at("undo", "stageStarted"), node.at("undo", "gatePassed"));
            Duration back = Duration.between(node.at("undo", "rollbackStarted"), node.at("undo", "rolledBack"));
            System.out.printf("rollback of %d devices (S3): forward stage %d ms, rollback %d ms; ratio %.3f"
                              + " (goal <= 1.2); 429s: jobs %d, queries %d%n", ROLLBACK_DEVICES, forward.toMillis(),
                    back.toMillis(), (double) back.toMillis() / forward.toMillis(), hub.throttled(ThrottleClass.JOBS),
                    hub.throttled(ThrottleClass.QUERIES));
        }
    }

    /** A CamelContext whose client and rollouts pace by the hub's real quotas; records when each event came. */
    private static final class Node implements AutoCloseable {
        private final CamelContext context = new DefaultCamelContext();
        private final ProducerTemplate template;
        private final Map<String, Instant> seen = new ConcurrentHashMap<>();
        private final Map<String, CountDownLatch> awaited = new ConcurrentHashMap<>();

        Node(IotJobsEmulator hub, HubTier tier, IotJobsTier clientTier) throws Exception {
            IotJobsConfiguration jobs = context.getComponent("iotjobs", IotJobsComponent.class).getConfiguration();
            jobs.setConnectionString(hub.connectionString());
            jobs.setBaseUrl(hub.baseUrl());
            jobs.setTier(clientTier);
            jobs.setUnits(1);
            IotRolloutComponent rollout = context.getComponent("iotrollout", IotRolloutComponent.class);
            rollout.setTier(tier);
            rollout.setPollInterval(POLL_MILLIS);
            rollout.setStoreDirectory(Files.createTempDirectory("rate-bench").toString());
            context.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from("iotrollout:*?deviceResults=false").process(e -> {
                        RolloutEvent event = e.getMessage().getBody(RolloutEvent.class);
                        String key = event.rolloutId() + "/" + event.type().name();
                        seen.putIfAbsent(key, event.at());
                        CountDownLatch latch = awaited.get(key);
                        if (latch != null) {
                            latch.countDown();
                        }
                    });
                }
            });
            context.start();
            template = context.createProducerTemplate();
        }

        void run(String rolloutId, String plan, String until) throws InterruptedException {
            CountDownLatch done = expect(rolloutId, until);
            template.requestBodyAndHeaders("iotrollout:" + rolloutId, plan,
                    Map.of(IotRolloutConstants.OPERATION, "start"));
            awaitEvent(done, rolloutId, until);
        }

        void command(String rolloutId, String operation, String until) throws InterruptedException {
            CountDownLatch done = expect(rolloutId, until);
            template.requestBodyAndHeaders("iotrollout:" + rolloutId, null,
                    Map.of(IotRolloutConstants.OPERATION, operation));
            awaitEvent(done, rolloutId, until);
        }

        Instant at(String rolloutId, String event) {
            return seen.get(rolloutId + "/" + event);
        }

        private CountDownLatch expect(String rolloutId, String event) {
            return awaited.computeIfAbsent(rolloutId + "/" + event, key -> new CountDownLatch(1));
        }

        private static void awaitEvent(CountDownLatch latch, String rolloutId, String event)
                throws InterruptedException {
            if (!latch.await(10, TimeUnit.MINUTES)) {
                throw new IllegalStateException("rollout " + rolloutId + ": no " + event);
            }
        }

        @Override
        public void close() {
            context.stop();
        }
    }
}
