/*
 * Licensed to the Apache Software Foundation (ASF) under one or more contributor license agreements; and to You
 * under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance with the
 * License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.iotjobs.emulator.bench;

import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.iotjobs.emulator.ManualClock;
import io.github.iotjobs.emulator.engine.Job;
import io.github.iotjobs.emulator.engine.JobEngine;
import io.github.iotjobs.emulator.engine.JobSpec;
import io.github.iotjobs.emulator.engine.JobStatus;
import io.github.iotjobs.emulator.engine.JobType;
import io.github.iotjobs.emulator.engine.MethodSimulator;
import io.github.iotjobs.emulator.fleet.DeviceTwin;
import io.github.iotjobs.emulator.fleet.Fleet;
import io.github.iotjobs.emulator.fleet.FleetGenerator;
import io.github.iotjobs.emulator.json.Json;
import io.github.iotjobs.emulator.query.Condition;

/**
 * Rough cost figures for the emulator core (no HTTP):
 * 1. per-device cost of a twin-update job over 100,000 devices, as a ratio to a bare in-memory patch loop;
 * 2. a query condition over 1,000,000 twins;
 * 3. growth of both at 10k / 100k / 1M devices.
 * Run: ./mvnw -q -P bench -pl iotjobs-emulator test-compile exec:java
 *      -Dexec.mainClass=io.github.iotjobs.emulator.bench.EmulatorBench (give Maven ~4 GB heap for 1M twins).
 */
public final class EmulatorBench {

    private static final int WARMUPS = 2;
    private static final int RUNS = 5;

    private EmulatorBench() {
    }

    public static void main(String[] args) {
        int[] sizes = args.length > 0 ? parse(args[0]) : new int[] {10_000, 100_000, 1_000_000};
        System.out.printf("%-10s %14s %14s %8s %14s %12s%n", "devices", "job ns/device", "bare ns/device", "ratio",
                "query ms", "matches");
        for (int size : sizes) {
            Fleet fleet = new Fleet();
            FleetGenerator.generate(fleet, size, 0, 7);
            ObjectNode desired = Json.object().put("firmware", "9.9.9");
            double[] jobs = new double[RUNS];
            double[] bares = new double[RUNS];
            for (int i = 0; i < WARMUPS + RUNS; i++) {
                // A collection before each timed part, so that neither pays for the other's garbage.
                System.gc();
                double j = twinJobNanosPerDevice(fleet, desired, i);
                System.gc();
                double b = bareLoopNanosPerDevice(fleet, desired);
                if (i >= WARMUPS) {
                    jobs[i - WARMUPS] = j;
                    bares[i - WARMUPS] = b;
                }
            }
            double job = median(jobs);
            double bare = median(bares);
            Condition condition = Condition.parse("tags.building = 'b2' AND tags.floor >= 5 AND "
                    + "properties.reported.temperature < 25 AND NOT tags.model IN ['sensor-x']");
            long matches = 0;
            double queryMs = 0;
            for (int i = 0; i < WARMUPS + RUNS; i++) {
                long start = System.nanoTime();
                long count = 0;
                for (DeviceTwin twin : fleet.all()) {
                    if (condition.test(twin)) {
                        count++;
                    }
                }
                double ms = (System.nanoTime() - start) / 1e6;
                if (i >= WARMUPS) {
                    queryMs += ms / RUNS;
                    matches = count;
                }
            }
            System.out.printf("%-10d %14.0f %14.0f %8.2f %14.1f %12d%n", size, job, bare, job / bare, queryMs,
                    matches);
        }
    }

    /** A scheduleUpdateTwin job with queryCondition "*", run to completion by the engine. */
    private static double twinJobNanosPerDevice(Fleet fleet, ObjectNode desired, int run) {
        ManualClock clock = new ManualClock(Instant.parse("2026-01-01T00:00:00Z"));
        JobEngine engine = new JobEngine(fleet, clock, new MethodSimulator(1), 10);
        ObjectNode updateTwin = Json.object().put("etag", "*");
        updateTwin.putObject("properties").set("desired", desired);
        long start = System.nanoTime();
        Job job = engine.create(new JobSpec("bench-" + run, JobType.SCHEDULE_UPDATE_TWIN, "*", null, 0, null,
                updateTwin, null, desired));
        engine.tick();
        long elapsed = System.nanoTime() - start;
        if (job.status() != JobStatus.COMPLETED) {
            throw new IllegalStateException("job did not complete: " + job.status());
        }
        return (double) elapsed / fleet.size();
    }

    /** The same merge on the same twins, in a plain map, with no engine, rows or conditions. */
    private static double bareLoopNanosPerDevice(Fleet fleet, ObjectNode desired) {
        Map<String, DeviceTwin> copy = new HashMap<>(fleet.size() * 2);
        long start = System.nanoTime();
        for (DeviceTwin twin : fleet.all()) {
            copy.put(twin.deviceId(), twin.patched(null, desired));
        }
        long elapsed = System.nanoTime() - start;
        if (copy.size() != fleet.size()) {
            throw new IllegalStateException();
        }
        return (double) elapsed / fleet.size();
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    private static int[] parse(String list) {
        String[] parts = list.split(",");
        int[] sizes = new int[parts.length];
        for (int i = 0; i < parts.length; i++) {
            sizes[i] = Integer.parseInt(parts[i].trim());
        }
        return sizes;
    }
}
