/*
 * Licensed to the Apache Software Foundation (ASF) under one or more contributor license agreements; and to You
 * under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance with the
 * License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.iotjobs.camel.hub;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.iotjobs.camel.IotJobsComponent;
import io.github.iotjobs.camel.IotJobsConstants;
import io.github.iotjobs.camel.model.IotJob;
import org.apache.camel.AsyncProducer;
import org.apache.camel.Exchange;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Test;

import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the endpoints of one hub share: one connection pool, kept clean of connections the network dropped, and one
 * request budget per class, so that they queue together instead of storming into 429s.
 */
class HubSharedResourcesTest extends HubWireMockSupport {

    @Test
    void endpointsOfOneHubShareOnePool() throws Exception {
        context.getEndpoint("iotjobs:hub?operation=getJob").start();
        context.getEndpoint("iotjobs:hub?operation=listJobs&pageSize=5").start();
        IotJobsComponent component = context.getComponent("iotjobs", IotJobsComponent.class);
        assertThat(component.getSharedResources().openPools()).isEqualTo(1);

        context.getEndpoint("iotjobs:hub?operation=getJob&maxConnections=3").start();
        assertThat(component.getSharedResources().openPools()).isEqualTo(2);
    }

    @Test
    void queriesBeyondTheTiersBudgetQueueAcrossEndpoints() throws Exception {
        hub.stubFor(post(urlPathEqualTo("/devices/query")).willReturn(okJson("[{\"deviceId\":\"d1\"}]")));
        String[] endpoints = { "iotjobs:hub?operation=queryDevices&queryCondition=*&tier=F1",
                "iotjobs:hub?operation=queryDevices&queryCondition=*&tier=F1&pageSize=50" };
        for (int i = 0; i < 20; i++) {
            assertThat(call(endpoints[i % 2], null, Map.of()).getException()).isNull();
        }
        hub.verify(20, postRequestedFor(urlPathEqualTo("/devices/query")));

        // The 21st query of the minute (F1: 20 per minute) waits on the scheduler, not in a thread, and not at the hub.
        AsyncProducer producer = context.getEndpoint(endpoints[0]).createAsyncProducer();
        producer.start();
        CountDownLatch done = new CountDownLatch(1);
        Exchange exchange = new DefaultExchange(context);
        assertThat(producer.process(exchange, sync -> done.countDown())).isFalse();
        hub.verify(20, postRequestedFor(urlPathEqualTo("/devices/query")));

        assertThat(done.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(exchange.getException()).isNull();
        assertThat(exchange.getMessage().getBody(List.class)).containsExactly("d1");
        hub.verify(21, postRequestedFor(urlPathEqualTo("/devices/query")));
        producer.stop();
    }

    @Test
    void anIdleConnectionTheServerDroppedDoesNotMakeACreateAmbiguous() throws Exception {
        try (DroppingServer server = new DroppingServer()) {
            String uri = "iotjobs:hub?baseUrl=http://127.0.0.1:" + server.port() + "&maxRetries=0&operation=";
            Exchange warm = call(uri + "getJob", null, Map.of(IotJobsConstants.JOB_ID, "warm"));
            assertThat(warm.getException()).isNull();
            // The server (a load balancer) closes the pooled connection once it has idled a while.
            assertThat(server.dropped.await(10, TimeUnit.SECONDS)).isTrue();

            Exchange create = call(uri + "scheduleDeviceMethod&methodName=reboot&queryCondition=*", null,
                    Map.of(IotJobsConstants.JOB_ID, "job01"));

            assertThat(create.getException()).isNull();
            assertThat(create.getMessage().getBody(IotJob.class).jobId()).isEqualTo("job01");
            assertThat(server.requests).containsExactly("GET /jobs/v2/warm", "PUT /jobs/v2/job01");
            assertThat(server.connections.get()).isEqualTo(2);
        }
    }

    /**
     * A hub that answers GET warm and PUT job01 with keep-alive, then drops each connection 1.5 s after its last
     * answer, as a load balancer drops idle connections; a GET of job01 fails, so a create that went out on the dead
     * connection could not be settled.
     */
    private static final class DroppingServer implements AutoCloseable {
        private final ServerSocket socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        private final ScheduledExecutorService threads = Executors.newScheduledThreadPool(4);
        private final CountDownLatch dropped = new CountDownLatch(1);
        private final AtomicInteger connections = new AtomicInteger();
        private final List<String> requests = new java.util.concurrent.CopyOnWriteArrayList<>();

        DroppingServer() throws IOException {
            threads.execute(this::accept);
        }

        int port() {
            return socket.getLocalPort();
        }

        private void accept() {
            try {
                while (!socket.isClosed()) {
                    Socket connection = socket.accept();
                    connections.incrementAndGet();
                    threads.execute(() -> serve(connection));
                }
            } catch (IOException closed) {
                // The test is over.
            }
        }

        private void serve(Socket connection) {
            try (connection) {
                InputStream in = connection.getInputStream();
                OutputStream out = connection.getOutputStream();
                while (true) {
                    String head = readHead(in);
                    if (head == null) {
                        return;
                    }
                    String[] requestLine = head.substring(0, head.indexOf('\r')).split(" ");
                    String path = requestLine[1].substring(0, requestLine[1].indexOf('?'));
                    in.readNBytes(contentLength(head));
                    requests.add(requestLine[0] + " " + path);
                    boolean ok = !(requestLine[0].equals("GET") && path.endsWith("job01"));
                    String id = path.substring(path.lastIndexOf('/') + 1);
                    byte[] body = ("{\"jobId\":\"" + id + "\",\"type\":\"scheduleDeviceMethod\",\"status\":"
                                   + "\"queued\"}").getBytes(StandardCharsets.UTF_8);
                    String status = ok ? "200 OK" : "503 Service Unavailable";
                    out.write(("HTTP/1.1 " + status + "\r\nContent-Type: application/json\r\nContent-Length: "
                               + body.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                    out.write(body);
                    out.flush();
                    threads.schedule(() -> drop(connection), 1500, TimeUnit.MILLISECONDS);
                }
            } catch (IOException gone) {
                // Dropped.
            }
        }

        private void drop(Socket connection) {
            try {
                connection.close();
            } catch (IOException ignored) {
                // Already closed.
            }
            dropped.countDown();
        }

        private static String readHead(InputStream in) throws IOException {
            ByteArrayOutputStream head = new ByteArrayOutputStream();
            int b;
            while ((b = in.read()) >= 0) {
                head.write(b);
                String text = head.toString(StandardCharsets.US_ASCII);
                if (text.endsWith("\r\n\r\n")) {
                    return text;
                }
            }
            return null;
        }

        private static int contentLength(String head) {
            for (String line : head.split("\r\n")) {
                if (line.toLowerCase().startsWith("content-length:")) {
                    return Integer.parseInt(line.substring(15).trim());
                }
            }
            return 0;
        }

        @Override
        public void close() throws IOException {
            socket.close();
            threads.shutdownNow();
        }
    }
}
