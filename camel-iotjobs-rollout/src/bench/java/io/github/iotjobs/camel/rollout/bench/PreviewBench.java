/*
 * Licensed to the Apache Software Foundation (ASF) under one or more contributor license agreements; and to You
 * under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance with the
 * License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.iotjobs.camel.rollout.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import io.github.iotjobs.camel.IotJobsComponent;
import io.github.iotjobs.camel.IotJobsConfiguration;
import io.github.iotjobs.camel.IotJobsTier;
import io.github.iotjobs.camel.IotJobsConstants;
import io.github.iotjobs.camel.rollout.IotRolloutComponent;
import io.github.iotjobs.camel.rollout.IotRolloutConstants;
import io.github.iotjobs.camel.rollout.engine.RolloutRun;
import io.github.iotjobs.camel.rollout.plan.RolloutPlan;
import io.github.iotjobs.camel.rollout.stage.HubTier;
import io.github.iotjobs.camel.rollout.stage.RolloutPreview;
import io.github.iotjobs.camel.rollout.stage.StageResolver;
import io.github.iotjobs.camel.rollout.store.FileRolloutStore;
import io.github.iotjobs.camel.rollout.store.RolloutRecord;
import io.github.iotjobs.emulator.IotJobsEmulator;
import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.impl.DefaultCamelContext;

/**
 * {@code preview} of a 1,000,000-device target against the bare {@code queryDevices} that resolves it (same page size, both through
 * Camel, same emulator, same run, rounds alternating); then the state a rollout of 10,000, 100,000 and 1,000,000
 * devices stores in the file store, in bytes per device.
 * <p>
 * Run, after {@code ./mvnw -q -DskipTests install}: {@code MAVEN_OPTS=-Xmx8g ./mvnw -q -P bench -pl
 * camel-iotjobs-rollout test-compile exec:java -Dexec.mainClass=io.github.iotjobs.camel.rollout.bench.PreviewBench}
 * ({@code -Dbench.devices=N} for a smaller fleet).
 */
public final class PreviewBench {

    private static final int DEVICES = Integer.getInteger("bench.devices", 1_000_000);
    private static final int ROUNDS = Integer.getInteger("bench.rounds", 3);
    private static final String PLAN = "{\"target\":{\"query\":\"*\"},\"action\":{\"method\":{\"name\":\"reboot\"}},"
                                       + "\"stages\":[{\"devices\":100},{\"percent\":10},{\"percent\":50},"
                                       + "{\"percent\":100}]}";

    private PreviewBench() {
    }

    public static void main(String[] args) throws Exception {
        List<String> deviceIds;
        try (IotJobsEmulator hub = IotJobsEmulator.builder().noThrottling().devices(DEVICES).start()) {
            CamelContext context = new DefaultCamelContext();
            IotJobsConfiguration jobs = context.getComponent("iotjobs", IotJobsComponent.class).getConfiguration();
            jobs.setConnectionString(hub.connectionString());
            jobs.setBaseUrl(hub.baseUrl());
            // The client's request budget is not what is measured: a budget no run reaches.
            jobs.setTier(IotJobsTier.S3);
            jobs.setUnits(100);
            context.getComponent("iotrollout", IotRolloutComponent.class).setTier(HubTier.S3);
            context.getComponent("iotrollout", IotRolloutComponent.class)
                    .setStoreDirectory(Files.createTempDirectory("preview-bench").toString());
            context.start();
            ProducerTemplate template = context.createProducerTemplate();
            long[] query = new long[ROUNDS];
            long[] preview = new long[ROUNDS];
            List<?> ids = null;
            for (int round = 0; round < ROUNDS; round++) {
                long start = System.nanoTime();
                ids = template.requestBodyAndHeaders("iotjobs:hub?operation=queryDevices&pageSize=1000", null,
                        Map.of(IotJobsConstants.QUERY_CONDITION, "*"), List.class);
                query[round] = System.nanoTime() - start;
                start = System.nanoTime();
                RolloutPreview result = template.requestBodyAndHeaders("iotrollout:bench", PLAN,
                        Map.of(IotRolloutConstants.OPERATION, "preview"), RolloutPreview.class);
                preview[round] = System.nanoTime() - start;
                System.out.printf("round %d: queryDevices %d ms (%d ids), preview %d ms (%d devices, %d jobs)%n",
                        round, query[round] / 1_000_000, ids.size(), preview[round] / 1_000_000,
                        result.targetDevices(), result.jobCount());
            }
            context.stop();
            Arrays.sort(query);
            Arrays.sort(preview);
            System.out.printf("preview of %d devices: median %d ms; bare queryDevices: median %d ms; ratio %.3f"
                              + " (goal <= 1.5)%n", DEVICES, preview[ROUNDS / 2] / 1_000_000,
                    query[ROUNDS / 2] / 1_000_000, (double) preview[ROUNDS / 2] / query[ROUNDS / 2]);
            deviceIds = new ArrayList<>(ids.size());
            for (Object id : ids) {
                deviceIds.add((String) id);
            }
        }
        RolloutPlan plan = io.github.iotjobs.camel.rollout.plan.PlanReader.read(PLAN);
        for (int size : new int[] {DEVICES / 100, DEVICES / 10, DEVICES}) {
            List<String> target = deviceIds.subList(0, size);
            RolloutRecord record = new RolloutRecord("size-" + size, plan, StageResolver.resolve(plan, target),
                    Instant.now());
            Path dir = Files.createTempDirectory("rollout-state");
            FileRolloutStore store = new FileRolloutStore(dir);
            store.create(record, RolloutRun.initialProgress(record, record.createdAt()));
            long bytes = size(dir);
            System.out.printf("state of a rollout of %d devices: %d bytes, %.2f bytes per device%n", size, bytes,
                    (double) bytes / size);
        }
    }

    private static long size(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).mapToLong(f -> {
                try {
                    return Files.size(f);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }).sum();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
