/*
 * Licensed to the Apache Software Foundation (ASF) under one or more contributor license agreements; and to You
 * under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance with the
 * License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.iotjobs.camel.bench;

import java.io.IOException;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.github.iotjobs.camel.IotJobsConsumer;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.core.config.Configurator;

/**
 * The consumer tracking 10,000 jobs on a local IoT Hub stub: HTTP requests and CPU time of one poll. The stub serves
 * {@code GET /jobs/v2/query} in pages of at most 100 (the hub's limit) and an empty {@code POST /devices/query}.
 * Polls run one at a time on the calling thread ({@code startScheduler=false}); CPU is that thread's CPU time, which
 * includes the HTTP client, JSON parsing, state look-ups and event routing, but not the stub.
 * <p>
 * Scenarios: the first poll (every job new: 10,000 jobCreated events, each finished job's device rows read once);
 * steady polls (nothing changed: the goal is at most ceil(N / pageSize) + 1 requests); steady polls after 50 of the
 * jobs were replaced by 50 new running ones, whose statistics count 7 final rows each that the stub's device index
 * does not show (a running job's rows are listed again only when its statistics move, or after a pause).
 * <p>
 * Run, after {@code ./mvnw -q -DskipTests install}: {@code ./mvnw -q -P bench -pl camel-iotjobs-component
 * test-compile exec:java -Dexec.mainClass=io.github.iotjobs.camel.bench.ConsumerPollBench}
 */
public final class ConsumerPollBench {

    private static final int JOBS = 10_000;
    private static final int PAGE_SIZE = 100;
    private static final int RUNNING = 50;
    private static final int POLLS = 25;

    private static final AtomicInteger JOB_PAGES = new AtomicInteger();
    private static final AtomicInteger DEVICE_QUERIES = new AtomicInteger();
    private static volatile int running;

    private ConsumerPollBench() {
    }

    public static void main(String[] args) throws Exception {
        // The test resources log the component at TRACE into a file; a bench measures the component, not the log.
        Configurator.setLevel("io.github.iotjobs", Level.INFO);
        HttpServer stub = startStub();
        AtomicInteger events = new AtomicInteger();
        try (CamelContext context = new DefaultCamelContext()) {
            BenchSupport.stubHub(context, "http://127.0.0.1:" + stub.getAddress().getPort());
            context.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from("iotjobs:hub?startScheduler=false&deviceEvents=true&pageSize=" + PAGE_SIZE)
                            .routeId("poll")
                            .process(exchange -> events.incrementAndGet());
                }
            });
            context.start();
            IotJobsConsumer consumer = (IotJobsConsumer) context.getRoute("poll").getConsumer();
            ThreadMXBean threads = ManagementFactory.getThreadMXBean();

            Measure first = poll(consumer, threads);
            System.out.printf("first poll, %d new jobs: %d job pages + %d device queries, %d events, %.1f ms CPU%n",
                    JOBS, first.jobPages, first.deviceQueries, events.get(), first.cpuMillis);

            // Warm-up, then the steady state: nothing changed since the last poll.
            for (int i = 0; i < POLLS; i++) {
                poll(consumer, threads);
            }
            report("steady poll, " + JOBS + " tracked jobs, none changed", consumer, threads, events);

            running = RUNNING;
            int beforeNew = events.get();
            poll(consumer, threads);
            System.out.printf("first poll after %d jobs were replaced by %d new running ones: %d events%n", RUNNING,
                    RUNNING, events.get() - beforeNew);
            report("steady poll, " + JOBS + " tracked jobs, " + RUNNING + " running", consumer, threads, events);
        } finally {
            stub.stop(0);
        }
    }

    private static void report(String scenario, IotJobsConsumer consumer, ThreadMXBean threads, AtomicInteger events) {
        int eventsBefore = events.get();
        double[] cpu = new double[POLLS];
        Measure last = null;
        for (int i = 0; i < POLLS; i++) {
            last = poll(consumer, threads);
            cpu[i] = last.cpuMillis;
        }
        Arrays.sort(cpu);
        int requests = last.jobPages + last.deviceQueries;
        int goal = (JOBS + PAGE_SIZE - 1) / PAGE_SIZE + 1;
        System.out.printf("%s: %d requests per poll (%d job pages + %d device queries; goal without running jobs"
                          + " <= %d), CPU per poll median %.1f ms (min %.1f, max %.1f), %d events in %d polls%n",
                scenario, requests, last.jobPages, last.deviceQueries, goal, cpu[POLLS / 2], cpu[0], cpu[POLLS - 1],
                events.get() - eventsBefore, POLLS);
    }

    private record Measure(int jobPages, int deviceQueries, double cpuMillis) {
    }

    private static Measure poll(IotJobsConsumer consumer, ThreadMXBean threads) {
        int pages = JOB_PAGES.get();
        int devices = DEVICE_QUERIES.get();
        long cpu = threads.getCurrentThreadCpuTime();
        consumer.run();
        double cpuMillis = (threads.getCurrentThreadCpuTime() - cpu) / 1_000_000.0;
        return new Measure(JOB_PAGES.get() - pages, DEVICE_QUERIES.get() - devices, cpuMillis);
    }

    private static HttpServer startStub() throws IOException {
        // Without TCP_NODELAY the JDK server's split header/body writes meet delayed ACKs: ~40 ms per call.
        System.setProperty("sun.net.httpserver.nodelay", "true");
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        byte[][] pages = new byte[JOBS / PAGE_SIZE][];
        byte[][] runningFirstPage = new byte[1][];
        Instant created = Instant.parse("2026-11-01T00:00:00Z");
        for (int page = 0; page < pages.length; page++) {
            pages[page] = page(page, created, 0);
        }
        runningFirstPage[0] = page(0, created, RUNNING);
        server.createContext("/jobs/v2/query", exchange -> {
            JOB_PAGES.incrementAndGet();
            String token = exchange.getRequestHeaders().getFirst("x-ms-continuation");
            int page = token == null ? 0 : Integer.parseInt(token);
            if (page + 1 < pages.length) {
                exchange.getResponseHeaders().add("x-ms-continuation", Integer.toString(page + 1));
            }
            send(exchange, page == 0 && running > 0 ? runningFirstPage[0] : pages[page]);
        });
        byte[] noRows = "[]".getBytes(StandardCharsets.UTF_8);
        server.createContext("/devices/query", exchange -> {
            DEVICE_QUERIES.incrementAndGet();
            exchange.getRequestBody().readAllBytes();
            send(exchange, noRows);
        });
        server.setExecutor(Executors.newFixedThreadPool(2, BenchSupport.DAEMONS));
        server.start();
        return server;
    }

    /** One page of jobs, newest first as the hub lists them; the first {@code runningJobs} of it are running. */
    private static byte[] page(int page, Instant base, int runningJobs) {
        StringBuilder json = new StringBuilder("[");
        for (int i = 0; i < PAGE_SIZE; i++) {
            int n = JOBS - 1 - (page * PAGE_SIZE + i);
            boolean isRunning = i < runningJobs;
            if (i > 0) {
                json.append(',');
            }
            json.append(isRunning ? "{\"jobId\":\"live-" : "{\"jobId\":\"job-").append(n).append("\",\"queryCondition\":\"tags.building = 'b1'\",")
                    .append("\"createdTime\":\"").append(base.plusSeconds(n)).append("\",")
                    .append("\"startTime\":\"").append(base.plusSeconds(n + 1)).append("\",")
                    .append("\"endTime\":\"").append(isRunning ? "9999-12-30T00:00:00Z" : base.plusSeconds(n + 60))
                    .append("\",\"maxExecutionTimeInSeconds\":3600,\"type\":\"scheduleDeviceMethod\",")
                    .append("\"cloudToDeviceMethod\":{\"methodName\":\"reboot\",\"payload\":{},")
                    .append("\"responseTimeoutInSeconds\":30,\"connectTimeoutInSeconds\":0},")
                    .append("\"status\":\"").append(isRunning ? "running" : "completed").append("\",")
                    // The stub lists no device rows: a finished job targeted no device, so that it is drained once
                    // listed; a running one counts 7 final rows the index does not show yet, as a lagging index would.
                    .append("\"deviceJobStatistics\":{\"deviceCount\":").append(isRunning ? 10 : 0)
                    .append(",\"failedCount\":").append(isRunning ? 1 : 0).append(",\"succeededCount\":")
                    .append(isRunning ? 6 : 0).append(",\"runningCount\":").append(isRunning ? 3 : 0)
                    .append(",\"pendingCount\":0}}");
        }
        return json.append(']').toString().getBytes(StandardCharsets.UTF_8);
    }

    private static void send(HttpExchange exchange, byte[] body) throws IOException {
        exchange.getResponseHeaders().add("Content-Type", "application/json; charset=utf-8");
        exchange.sendResponseHeaders(200, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }
}
