/*
 * Licensed to the Apache Software Foundation (ASF) under one or more contributor license agreements; and to You
 * under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance with the
 * License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.iotjobs.camel.bench;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;

import com.sun.net.httpserver.HttpServer;
import io.github.iotjobs.camel.model.IotJob;
import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.impl.DefaultCamelContext;

/**
 * Per-call cost of the producer's getJob against a local stub, as a ratio to a raw JDK HttpClient making the same
 * request in the same run. Both send the same headers to the same loopback server, one call at a time; rounds
 * alternate so that drift hits both equally. The component also parses the job into an IotJob; the baseline reads
 * the body as a String.
 * <p>
 * Run, after {@code ./mvnw -q -DskipTests install}: {@code ./mvnw -q -P bench -pl camel-iotjobs-component
 * test-compile exec:java -Dexec.mainClass=io.github.iotjobs.camel.bench.GetJobBench}
 */
public final class GetJobBench {

    private static final String JOB = "{\"jobId\":\"job01\",\"queryCondition\":\"tags.building = 'b1'\","
                                      + "\"createdTime\":\"2026-11-20T10:00:00.1234567Z\",\"startTime\":"
                                      + "\"2026-11-20T10:00:01Z\",\"endTime\":\"9999-12-30T00:00:00Z\","
                                      + "\"maxExecutionTimeInSeconds\":3600,\"type\":\"scheduleDeviceMethod\","
                                      + "\"cloudToDeviceMethod\":{\"methodName\":\"reboot\",\"payload\":{},"
                                      + "\"responseTimeoutInSeconds\":30,\"connectTimeoutInSeconds\":0},\"status\":"
                                      + "\"running\",\"deviceJobStatistics\":{\"deviceCount\":10,\"failedCount\":1,"
                                      + "\"succeededCount\":6,\"runningCount\":2,\"pendingCount\":1}}";
    private static final int ROUNDS = 7;
    private static final int CALLS_PER_ROUND = 4_000;

    private GetJobBench() {
    }

    public static void main(String[] args) throws Exception {
        HttpServer stub = startStub();
        String baseUrl = "http://127.0.0.1:" + stub.getAddress().getPort();
        try (CamelContext context = new DefaultCamelContext()) {
            BenchSupport.stubHub(context, baseUrl);
            context.start();
            ProducerTemplate template = context.createProducerTemplate();
            String uri = "iotjobs:hub?operation=getJob&jobId=job01";
            HttpClient jdk = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            HttpRequest raw = HttpRequest.newBuilder(URI.create(baseUrl + "/jobs/v2/job01?api-version=2021-04-12"))
                    .header("Authorization", "SharedAccessSignature sr=benchhub.azure-devices.net&sig=x&se=1&skn=p")
                    .header("Accept", "application/json").GET().build();

            Runnable component = () -> {
                IotJob job = template.requestBody(uri, null, IotJob.class);
                if (!"job01".equals(job.jobId())) {
                    throw new IllegalStateException("unexpected job " + job.jobId());
                }
            };
            Runnable baseline = () -> {
                try {
                    HttpResponse<String> response = jdk.send(raw, HttpResponse.BodyHandlers.ofString());
                    if (response.statusCode() != 200 || response.body().isEmpty()) {
                        throw new IllegalStateException("unexpected response " + response.statusCode());
                    }
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(e);
                }
            };

            // Warm-up: JIT, connection pools, SAS token cache.
            BenchSupport.microsPerCall(component, CALLS_PER_ROUND * 3);
            BenchSupport.microsPerCall(baseline, CALLS_PER_ROUND * 3);
            double[] componentMicros = new double[ROUNDS];
            double[] baselineMicros = new double[ROUNDS];
            for (int round = 0; round < ROUNDS; round++) {
                componentMicros[round] = BenchSupport.microsPerCall(component, CALLS_PER_ROUND);
                baselineMicros[round] = BenchSupport.microsPerCall(baseline, CALLS_PER_ROUND);
            }
            double componentMedian = BenchSupport.median(componentMicros);
            double baselineMedian = BenchSupport.median(baselineMicros);
            System.out.printf("getJob via iotjobs producer: %.1f us/call (median of %d rounds x %d calls)%n",
                    componentMedian, ROUNDS, CALLS_PER_ROUND);
            System.out.printf("same GET via raw JDK HttpClient: %.1f us/call%n", baselineMedian);
            System.out.printf("ratio producer / raw JDK HttpClient: %.2f (goal <= 1.10)%n",
                    componentMedian / baselineMedian);
        } finally {
            stub.stop(0);
        }
    }

    private static HttpServer startStub() throws IOException {
        // Without TCP_NODELAY the JDK server's split header/body writes meet delayed ACKs: ~40 ms per call.
        System.setProperty("sun.net.httpserver.nodelay", "true");
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        byte[] body = JOB.getBytes(StandardCharsets.UTF_8);
        server.createContext("/jobs/v2/", exchange -> {
            exchange.getResponseHeaders().add("Content-Type", "application/json; charset=utf-8");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.setExecutor(Executors.newFixedThreadPool(2, BenchSupport.DAEMONS));
        server.start();
        return server;
    }

}
