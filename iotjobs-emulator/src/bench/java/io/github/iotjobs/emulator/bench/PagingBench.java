/*
 * Licensed to the Apache Software Foundation (ASF) under one or more contributor license agreements; and to You
 * under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance with the
 * License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.iotjobs.emulator.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Optional;

import io.github.iotjobs.emulator.IotJobsEmulator;
import io.github.iotjobs.emulator.ManualClock;
import io.github.iotjobs.emulator.engine.JobStatus;

/**
 * Listing every devices.jobs row of one job over HTTP, 100 rows a page, as a raw client (and the component) does:
 * the time for a 1,000,000-device job as a ratio to a 10,000-device job in the same run (goal: linear, at most 110),
 * the cost of one page at 1M rows vs 10k rows (goal: at most 2), and the heap the emulator holds with 1M devices
 * and a completed 1M-device job.
 * <p>
 * Run: {@code MAVEN_OPTS=-Xmx8g ./mvnw -q -P bench -pl iotjobs-emulator test-compile exec:java
 * -Dexec.mainClass=io.github.iotjobs.emulator.bench.PagingBench}
 */
public final class PagingBench {

    private static final int SMALL = 10_000;
    private static final int LARGE = 1_000_000;
    private static final String JOB = "bench-rows";

    private PagingBench() {
    }

    public static void main(String[] args) throws Exception {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        long baseHeap = usedHeap();
        double[] small;
        try (IotJobsEmulator emulator = emulatorWithJob(SMALL)) {
            for (int i = 0; i < 5; i++) {
                listAll(client, emulator); // warm-up: JIT of the whole request path
            }
            small = new double[7];
            for (int i = 0; i < small.length; i++) {
                small[i] = listAll(client, emulator);
            }
        }
        double smallMs = median(small);
        double[] large = new double[3];
        long heap;
        try (IotJobsEmulator emulator = emulatorWithJob(LARGE)) {
            heap = usedHeap() - baseHeap;
            for (int i = 0; i < large.length; i++) {
                large[i] = listAll(client, emulator);
            }
        }
        double largeMs = median(large);
        double smallPage = smallMs / (SMALL / 100.0);
        double largePage = largeMs / (LARGE / 100.0);
        System.out.printf("%-32s %12s %12s%n", "", "10k rows", "1M rows");
        System.out.printf("%-32s %12.1f %12.1f%n", "list every row, ms (median)", smallMs, largeMs);
        System.out.printf("%-32s %12.3f %12.3f%n", "per page of 100, ms", smallPage, largePage);
        System.out.printf("time ratio 1M/10k: %.1f (goal <= 110, linear = 100)%n", largeMs / smallMs);
        System.out.printf("per-page ratio 1M/10k: %.2f (goal <= 2)%n", largePage / smallPage);
        System.out.printf("heap with 1M devices and a 1M-row job: %d MB%n", heap / (1024 * 1024));
    }

    /** An emulator (quotas lifted) whose twin-update job over every device has completed. */
    private static IotJobsEmulator emulatorWithJob(int devices) throws Exception {
        ManualClock clock = new ManualClock(Instant.parse("2026-01-01T00:00:00Z"));
        IotJobsEmulator emulator = IotJobsEmulator.builder().devices(devices).clock(clock).autoTick(false)
                .noThrottling().start();
        HttpClient client = HttpClient.newHttpClient();
        String body = "{\"jobId\":\"" + JOB + "\",\"type\":\"scheduleUpdateTwin\",\"updateTwin\":{\"etag\":\"*\","
                + "\"properties\":{\"desired\":{\"fw\":\"2\"}}},\"queryCondition\":\"*\","
                + "\"startTime\":\"2026-01-01T00:00:00.000Z\",\"maxExecutionTimeInSeconds\":3600}";
        HttpResponse<String> created = client.send(HttpRequest.newBuilder(URI.create(emulator.baseUrl() + "/jobs/v2/"
                + JOB + "?api-version=2021-04-12")).header("Authorization", emulator.sasToken(Duration.ofHours(2)))
                .PUT(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        if (created.statusCode() != 200) {
            throw new IllegalStateException("create: " + created.statusCode() + " " + created.body());
        }
        emulator.tick();
        if (emulator.engine().job(JOB).orElseThrow().status() != JobStatus.COMPLETED) {
            throw new IllegalStateException("the job did not complete");
        }
        return emulator;
    }

    /** Pages through every row; returns the elapsed milliseconds after checking the row count. */
    private static double listAll(HttpClient client, IotJobsEmulator emulator) throws Exception {
        String authorization = emulator.sasToken(Duration.ofHours(1));
        URI uri = URI.create(emulator.baseUrl() + "/devices/query?api-version=2021-04-12");
        String query = "{\"query\":\"SELECT * FROM devices.jobs WHERE devices.jobs.jobId = '" + JOB + "'\"}";
        long rows = 0;
        Optional<String> token = Optional.empty();
        long start = System.nanoTime();
        do {
            HttpRequest.Builder request = HttpRequest.newBuilder(uri).header("Authorization", authorization)
                    .header("Content-Type", "application/json").header("x-ms-max-item-count", "100")
                    .POST(HttpRequest.BodyPublishers.ofString(query));
            token.ifPresent(t -> request.header("x-ms-continuation", t));
            HttpResponse<String> page = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
            if (page.statusCode() != 200) {
                throw new IllegalStateException("page: " + page.statusCode() + " " + page.body());
            }
            rows += countRows(page.body());
            token = page.headers().firstValue("x-ms-continuation");
        } while (token.isPresent());
        double ms = (System.nanoTime() - start) / 1e6;
        int expected = emulator.engine().job(JOB).orElseThrow().rowCount();
        if (rows != expected) {
            throw new IllegalStateException("listed " + rows + " rows of " + expected);
        }
        return ms;
    }

    private static int countRows(String body) {
        int count = 0;
        for (int i = body.indexOf("\"deviceId\""); i >= 0; i = body.indexOf("\"deviceId\"", i + 1)) {
            count++;
        }
        return count;
    }

    private static long usedHeap() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        Runtime rt = Runtime.getRuntime();
        return rt.totalMemory() - rt.freeMemory();
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }
}
