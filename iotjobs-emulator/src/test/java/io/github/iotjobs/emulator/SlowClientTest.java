/*
 * Licensed to the Apache Software Foundation (ASF) under one or more contributor license agreements; and to You
 * under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance with the
 * License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.iotjobs.emulator;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A client that starts a request and never finishes it loses its connection once the request time bound passes
 * (30 s by default; the test JVM sets sun.net.httpserver.maxReqTime to 2 s), so it cannot hold a server thread.
 */
class SlowClientTest {

    @Test
    void anUnfinishedRequestIsCutOff() throws Exception {
        try (IotJobsEmulator emulator = IotJobsEmulator.builder().noThrottling().start();
             Socket socket = new Socket("127.0.0.1", emulator.port())) {
            socket.setSoTimeout((int) Duration.ofSeconds(20).toMillis());
            OutputStream out = socket.getOutputStream();
            out.write(("PUT /jobs/v2/slow?api-version=2021-04-12 HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                    + "Content-Type: application/json\r\nContent-Length: 1000\r\n\r\n{\"jobId\":").getBytes(
                    StandardCharsets.US_ASCII));
            out.flush();
            long start = System.nanoTime();
            InputStream in = socket.getInputStream();
            byte[] buffer = new byte[4096];
            while (in.read(buffer) >= 0) {
                // an error answer may come first; the connection must end
            }
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(15));
            // The server still serves others.
            assertThat(new HubClient(emulator).send("GET", "/jobs/v2/query?" + HubClient.API, null).statusCode())
                    .isEqualTo(200);
        }
    }
}
