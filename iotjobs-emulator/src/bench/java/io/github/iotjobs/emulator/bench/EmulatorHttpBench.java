/*
 * Licensed to the Apache Software Foundation (ASF) under one or more contributor license agreements; and to You
 * under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance with the
 * License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.iotjobs.emulator.bench;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;

import com.sun.net.httpserver.HttpServer;
import io.github.iotjobs.emulator.IotJobsEmulator;

/**
 * Requests per second of the emulator's {@code GET /jobs/v2/{id}} (SAS check, job lookup, JSON) at 32 concurrent
 * clients, as a ratio to a bare JDK HttpServer endpoint that returns the same bytes, measured in the same run with
 * the same clients.
 * <p>
 * Run: {@code ./mvnw -q -P bench -pl iotjobs-emulator test-compile exec:java
 * -Dexec.mainClass=io.github.iotjobs.emulator.bench.EmulatorHttpBench}
 */
public final class EmulatorHttpBench {

    /** Daemon threads, so that the JVM (or exec:java) ends when main returns. */
    private static final ThreadFactory DAEMONS = task -> {
        Thread thread = new Thread(task);
        thread.setDaemon(true);
        return thread;
    };

    private static final int CLIENTS = 32;
    private static final Duration WARMUP = Duration.ofSeconds(3);
    private static final Duration MEASURE = Duration.ofSeconds(8);

    private EmulatorHttpBench() {
    }

    public static void main(String[] args) throws Exception {
        System.setProperty("sun.net.httpserver.nodelay", "true");
        // Quotas lifted: this measures the HTTP path, not a hub's 100 jobs operations a minute.
        try (IotJobsEmulator emulator = IotJobsEmulator.builder().devices(1_000).noThrottling().start()) {
            String authorization = emulator.sasToken(Duration.ofHours(1));
            HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                    .executor(Executors.newFixedThreadPool(4, DAEMONS)).build();
            String jobUrl = emulator.baseUrl() + "/jobs/v2/bench-job?api-version=2021-04-12";
            HttpResponse<String> created = client.send(HttpRequest.newBuilder(URI.create(jobUrl))
                    .header("Authorization", authorization).header("Content-Type", "application/json")
                    .PUT(HttpRequest.BodyPublishers.ofString("{\"jobId\":\"bench-job\",\"type\":\"scheduleUpdateTwin\","
                                                             + "\"updateTwin\":{\"tags\":{\"ring\":\"a\"},\"etag\":\"*\"},"
                                                             + "\"queryCondition\":\"deviceId = 'none'\","
                                                             + "\"startTime\":\"2099-01-01T00:00:00.000Z\","
                                                             + "\"maxExecutionTimeInSeconds\":3600}"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            if (created.statusCode() != 200) {
                throw new IllegalStateException("job create answered " + created.statusCode() + created.body());
            }
            HttpRequest emulated = HttpRequest.newBuilder(URI.create(jobUrl)).header("Authorization", authorization)
                    .GET().build();
            byte[] sameBody = client.send(emulated, HttpResponse.BodyHandlers.ofByteArray()).body();

            HttpServer bare = bareServer(sameBody);
            try {
                HttpRequest baseline = HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                                                                         + bare.getAddress().getPort()
                                                                         + "/jobs/v2/bench-job"))
                        .header("Authorization", authorization).GET().build();
                run(client, emulated, WARMUP);
                run(client, baseline, WARMUP);
                double emulatorRate = run(client, emulated, MEASURE);
                double bareRate = run(client, baseline, MEASURE);
                System.out.printf("emulator GET /jobs/v2/{id}: %.0f requests/s at %d clients%n", emulatorRate,
                        CLIENTS);
                System.out.printf("bare JDK HttpServer, same bytes: %.0f requests/s%n", bareRate);
                System.out.printf("ratio emulator / bare: %.2f%n", emulatorRate / bareRate);
            } finally {
                bare.stop(0);
            }
        }
    }

    private static HttpServer bareServer(byte[] body) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 256);
        server.createContext("/", exchange -> {
            exchange.getResponseHeaders().add("Content-Type", "application/json; charset=utf-8");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.setExecutor(Executors.newFixedThreadPool(Runtime.getRuntime().availableProcessors() * 2, DAEMONS));
        server.start();
        return server;
    }

    /** Requests per second that {@link #CLIENTS} clients, each waiting for its answer, complete in the period. */
    private static double run(HttpClient client, HttpRequest request, Duration period) throws Exception {
        AtomicBoolean stop = new AtomicBoolean();
        LongAdder done = new LongAdder();
        ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
        List<Future<?>> running = new ArrayList<>();
        for (int i = 0; i < CLIENTS; i++) {
            running.add(clients.submit(() -> {
                while (!stop.get()) {
                    HttpResponse<byte[]> response = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
                    if (response.statusCode() != 200) {
                        throw new IllegalStateException("answered " + response.statusCode() + " "
                                                        + new String(response.body(), StandardCharsets.UTF_8));
                    }
                    done.increment();
                }
                return null;
            }));
        }
        long start = System.nanoTime();
        Thread.sleep(period.toMillis());
        stop.set(true);
        for (Future<?> future : running) {
            future.get();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        clients.shutdown();
        return done.sum() / seconds;
    }
}
