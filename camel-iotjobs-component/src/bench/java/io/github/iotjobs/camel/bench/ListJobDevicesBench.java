/*
 * Licensed to the Apache Software Foundation (ASF) under one or more contributor license agreements; and to You
 * under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance with the
 * License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.iotjobs.camel.bench;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.concurrent.Executors;
import java.util.function.LongConsumer;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.sun.net.httpserver.HttpServer;
import io.github.iotjobs.camel.model.DeviceJob;
import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.impl.DefaultCamelContext;

/**
 * 100,000 device rows of one job through {@code listJobDevices} (pages of 100, the hub's page size, followed by
 * {@code x-ms-continuation}) against a local IoT Hub stub, as a ratio to raw paging of the same pages with the JDK
 * HttpClient and Jackson's streaming parser, counting rows without building them. Heap, measured three ways: the
 * peak of the heap pools (garbage included, an upper bound), the heap retained after a full GC at every 50th page of
 * the listing, and the same listing in a child JVM limited to {@code -Xmx128m}, which must complete.
 * <p>
 * Run, after {@code ./mvnw -q -DskipTests install}: {@code ./mvnw -q -P bench -pl camel-iotjobs-component
 * test-compile exec:java -Dexec.mainClass=io.github.iotjobs.camel.bench.ListJobDevicesBench}
 */
public final class ListJobDevicesBench {

    private static final int ROWS = 100_000;
    private static final int PAGE = 100;
    private static final int ROUNDS = 5;
    private static final JsonFactory JSON = new JsonFactory();
    private static final String CHILD = "--list-in-child";

    private ListJobDevicesBench() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 2 && CHILD.equals(args[0])) {
            listInThisJvm(args[1]);
            return;
        }
        HttpServer stub = startStub();
        String baseUrl = "http://127.0.0.1:" + stub.getAddress().getPort();
        try (CamelContext context = new DefaultCamelContext()) {
            BenchSupport.stubHub(context, baseUrl);
            context.start();
            ProducerTemplate template = context.createProducerTemplate();
            HttpClient jdk = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

            Counted component = () -> listJobDevices(template, row -> { });
            Counted baseline = () -> rawPaging(jdk, baseUrl);

            check(component.run());
            check(baseline.run());
            double[] componentMillis = new double[ROUNDS];
            double[] baselineMillis = new double[ROUNDS];
            long componentPeak = 0;
            long baselinePeak = 0;
            for (int round = 0; round < ROUNDS; round++) {
                resetPeaks();
                componentMillis[round] = time(component);
                componentPeak = Math.max(componentPeak, peakHeap());
                resetPeaks();
                baselineMillis[round] = time(baseline);
                baselinePeak = Math.max(baselinePeak, peakHeap());
            }
            double c = BenchSupport.median(componentMillis);
            double b = BenchSupport.median(baselineMillis);
            System.out.printf("listJobDevices, %,d rows: %.0f ms (median of %d), peak heap %.0f MB%n", ROWS, c, ROUNDS,
                    componentPeak / 1e6);
            System.out.printf("raw paging with Jackson streaming: %.0f ms, peak heap %.0f MB%n", b, baselinePeak / 1e6);
            System.out.printf("ratio listJobDevices / raw streaming: %.2f (goal <= 2.0)%n", c / b);
            long[] retained = new long[1];
            listJobDevices(template, row -> {
                if (row % (PAGE * 50L) == 0) {
                    retained[0] = Math.max(retained[0], retainedHeap());
                }
            });
            System.out.printf("listJobDevices, heap retained after GC at every 50th page: at most %.1f MB%n",
                    retained[0] / 1e6);
            System.out.printf("listJobDevices in a child JVM with -Xmx128m: %s (heap goal <= 128 MB)%n",
                    childJvmLists(baseUrl) ? "completed" : "FAILED");
        } finally {
            stub.stop(0);
        }
    }

    @FunctionalInterface
    private interface Counted {
        long run() throws Exception;
    }

    /** Iterates the whole listing, telling {@code atRow} the number of each row as it passes. */
    private static long listJobDevices(ProducerTemplate template, LongConsumer atRow) {
        Iterator<?> rows = template.requestBody("iotjobs:hub?operation=listJobDevices&jobId=big&pageSize=" + PAGE, null,
                Iterator.class);
        long count = 0;
        while (rows.hasNext()) {
            if (((DeviceJob) rows.next()).deviceId() == null) {
                throw new IllegalStateException("row without device");
            }
            atRow.accept(++count);
        }
        return count;
    }

    /** The child's side: the listing against the parent's stub, in a JVM whose heap is capped by its command line. */
    private static void listInThisJvm(String baseUrl) throws Exception {
        try (CamelContext context = new DefaultCamelContext()) {
            BenchSupport.stubHub(context, baseUrl);
            context.start();
            check(listJobDevices(context.createProducerTemplate(), row -> { }));
        }
    }

    private static boolean childJvmLists(String baseUrl) throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(java, "-Xmx128m", "-cp", classPath(), ListJobDevicesBench.class.getName(),
                CHILD, baseUrl).inheritIO().start();
        return child.waitFor() == 0;
    }

    /** The bench's class path: exec:java runs it in a class loader of its own, not on java.class.path. */
    private static String classPath() {
        ClassLoader loader = ListJobDevicesBench.class.getClassLoader();
        if (!(loader instanceof URLClassLoader urls)) {
            return System.getProperty("java.class.path");
        }
        StringBuilder path = new StringBuilder();
        for (URL url : urls.getURLs()) {
            try {
                path.append(path.isEmpty() ? "" : File.pathSeparator).append(Path.of(url.toURI()));
            } catch (URISyntaxException e) {
                throw new IllegalStateException(e);
            }
        }
        return path.toString();
    }

    private static long retainedHeap() {
        System.gc();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    private static long rawPaging(HttpClient jdk, String baseUrl) throws IOException, InterruptedException {
        long count = 0;
        String continuation = null;
        byte[] query = "{\"query\":\"SELECT * FROM devices.jobs WHERE devices.jobs.jobId = 'big'\"}"
                .getBytes(StandardCharsets.UTF_8);
        do {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + "/devices/query?api-version="
                                                                            + "2021-04-12"))
                    .header("Authorization", "SharedAccessSignature sr=benchhub.azure-devices.net&sig=x&se=1&skn=p")
                    .header("Content-Type", "application/json; charset=utf-8").header("x-ms-max-item-count", "100")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(query));
            if (continuation != null) {
                request.header("x-ms-continuation", continuation);
            }
            HttpResponse<InputStream> response = jdk.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream body = response.body(); JsonParser parser = JSON.createParser(body)) {
                int depth = 0;
                for (JsonToken token = parser.nextToken(); token != null; token = parser.nextToken()) {
                    if (token == JsonToken.START_OBJECT && depth++ == 1) {
                        count++;
                    } else if (token == JsonToken.START_ARRAY) {
                        depth++;
                    } else if (token.isStructEnd()) {
                        depth--;
                    }
                }
            }
            continuation = response.headers().firstValue("x-ms-continuation").orElse(null);
        } while (continuation != null);
        return count;
    }

    private static HttpServer startStub() throws IOException {
        System.setProperty("sun.net.httpserver.nodelay", "true");
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/devices/query", exchange -> {
            exchange.getRequestBody().readAllBytes();
            String token = exchange.getRequestHeaders().getFirst("x-ms-continuation");
            int from = token == null ? 0 : Integer.parseInt(token);
            int to = Math.min(ROWS, from + PAGE);
            StringBuilder page = new StringBuilder("[");
            for (int i = from; i < to; i++) {
                if (i > from) {
                    page.append(',');
                }
                page.append("{\"deviceId\":\"device-").append(i).append("\",\"jobId\":\"big\",\"jobType\":")
                        .append("\"scheduleDeviceMethod\",\"status\":\"completed\",\"startTimeUtc\":")
                        .append("\"2026-11-20T10:00:01.1234567\",\"endTimeUtc\":\"2026-11-20T10:00:02.1234567\",")
                        .append("\"createdDateTimeUtc\":\"2026-11-20T10:00:00.1234567Z\",\"lastUpdatedDateTimeUtc\":")
                        .append("\"2026-11-20T10:00:02.1234567Z\",\"outcome\":{\"deviceMethodResponse\":")
                        .append("{\"status\":200,\"payload\":{\"ok\":true}}}}");
            }
            byte[] body = page.append(']').toString().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json; charset=utf-8");
            exchange.getResponseHeaders().add("x-ms-item-type", "DeviceJob");
            if (to < ROWS) {
                exchange.getResponseHeaders().add("x-ms-continuation", Integer.toString(to));
            }
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.setExecutor(Executors.newFixedThreadPool(2, BenchSupport.DAEMONS));
        server.start();
        return server;
    }

    private static void check(long count) {
        if (count != ROWS) {
            throw new IllegalStateException("expected " + ROWS + " rows, got " + count);
        }
    }

    private static double time(Counted run) throws Exception {
        long start = System.nanoTime();
        check(run.run());
        return (System.nanoTime() - start) / 1e6;
    }

    private static void resetPeaks() {
        System.gc();
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                pool.resetPeakUsage();
            }
        }
    }

    /** The sum of the heap pools' peaks since the last reset: an upper bound of the heap the run needed. */
    private static long peakHeap() {
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                peak += pool.getPeakUsage().getUsed();
            }
        }
        return peak;
    }

}
