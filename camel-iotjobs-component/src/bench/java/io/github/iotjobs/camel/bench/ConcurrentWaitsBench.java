/*
 * Licensed to the Apache Software Foundation (ASF) under one or more contributor license agreements; and to You
 * under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance with the
 * License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.iotjobs.camel.bench;

import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpServer;
import io.github.iotjobs.camel.IotJobsConstants;
import io.github.iotjobs.camel.model.IotJob;
import io.github.iotjobs.camel.model.JobStatus;
import org.apache.camel.AsyncProducer;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;

/**
 * 1,000 exchanges waiting for their jobs at once (waitForCompletion through the asynchronous producer) against a local
 * IoT Hub stub whose jobs end after five polls: the threads and heap the waits take, against the baseline of one
 * thread per wait that a blocking producer needs.
 * <p>
 * Run, after {@code ./mvnw -q -DskipTests install}: {@code ./mvnw -q -P bench -pl camel-iotjobs-component
 * test-compile exec:java -Dexec.mainClass=io.github.iotjobs.camel.bench.ConcurrentWaitsBench}
 */
public final class ConcurrentWaitsBench {

    private static final int WAITS = 1_000;
    private static final int POLLS_UNTIL_DONE = 5;

    private ConcurrentWaitsBench() {
    }

    public static void main(String[] args) throws Exception {
        System.setProperty("sun.net.httpserver.nodelay", "true");
        Map<String, AtomicInteger> polls = new ConcurrentHashMap<>();
        HttpServer stub = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        stub.createContext("/jobs/v2/", exchange -> {
            String path = exchange.getRequestURI().getPath();
            String id = path.substring(path.lastIndexOf('/') + 1);
            int seen = polls.computeIfAbsent(id, k -> new AtomicInteger()).incrementAndGet();
            String status = seen > POLLS_UNTIL_DONE ? "completed" : "running";
            byte[] body = ("{\"jobId\":\"" + id + "\",\"type\":\"scheduleDeviceMethod\",\"status\":\"" + status
                           + "\",\"deviceJobStatistics\":{\"deviceCount\":1}}").getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        stub.setExecutor(Executors.newFixedThreadPool(4, BenchSupport.DAEMONS));
        stub.start();
        try (CamelContext context = new DefaultCamelContext()) {
            BenchSupport.stubHub(context, "http://127.0.0.1:" + stub.getAddress().getPort());
            context.start();
            AsyncProducer producer = context.getEndpoint("iotjobs:hub?operation=getJob&waitForCompletion=true"
                                                         + "&pollInterval=200&waitTimeout=600000")
                    .createAsyncProducer();
            producer.start();

            // Warm-up: the same path once for 100 jobs, so that classes, pools and caches exist before measuring.
            CountDownLatch warm = new CountDownLatch(100);
            submit(context, producer, "warm", 100, warm);
            warm.await(1, TimeUnit.MINUTES);

            long heapBefore = usedHeapAfterGc();
            int threadsBefore = ManagementFactory.getThreadMXBean().getThreadCount();
            CountDownLatch done = new CountDownLatch(WAITS);
            long start = System.nanoTime();
            Exchange[] exchanges = submit(context, producer, "job", WAITS, done);
            long submitMillis = (System.nanoTime() - start) / 1_000_000;
            int threadsWaiting = ManagementFactory.getThreadMXBean().getThreadCount();
            long heapWaiting = usedHeapAfterGc();
            long pending = done.getCount();
            if (!done.await(5, TimeUnit.MINUTES)) {
                throw new IllegalStateException("waits did not end");
            }
            long totalMillis = (System.nanoTime() - start) / 1_000_000;
            for (Exchange exchange : exchanges) {
                if (exchange.getException() != null
                    || exchange.getMessage().getBody(IotJob.class).status() != JobStatus.completed) {
                    throw new IllegalStateException("a wait ended badly: " + exchange.getException());
                }
            }
            System.out.printf("%d concurrent waits: all submitted in %d ms, %d still waiting then%n", WAITS,
                    submitMillis, pending);
            System.out.printf("threads while waiting: %d (before: %d), so %d more; a blocking producer needs %d%n",
                    threadsWaiting, threadsBefore, threadsWaiting - threadsBefore, WAITS);
            System.out.printf("heap while waiting: %.1f MB more than before (%.1f KB per wait)%n",
                    (heapWaiting - heapBefore) / 1e6, (heapWaiting - heapBefore) / 1e3 / WAITS);
            System.out.printf("all %d jobs terminal after %d ms (%d polls each, 200 ms apart)%n", WAITS, totalMillis,
                    POLLS_UNTIL_DONE + 1);
            producer.stop();
        } finally {
            stub.stop(0);
        }
    }

    private static Exchange[] submit(CamelContext context, AsyncProducer producer, String prefix, int count,
                                     CountDownLatch done) {
        Exchange[] exchanges = new Exchange[count];
        for (int i = 0; i < count; i++) {
            exchanges[i] = new DefaultExchange(context);
            exchanges[i].getMessage().setHeader(IotJobsConstants.JOB_ID, prefix + i);
            producer.process(exchanges[i], sync -> done.countDown());
        }
        return exchanges;
    }

    private static long usedHeapAfterGc() {
        System.gc();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
