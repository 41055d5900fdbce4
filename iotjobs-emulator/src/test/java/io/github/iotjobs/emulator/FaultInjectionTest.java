/*
 * Licensed to the Apache Software Foundation (ASF) under one or more contributor license agreements; and to You
 * under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance with the
 * License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.iotjobs.emulator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.time.Duration;

import io.github.iotjobs.emulator.http.Fault;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FaultInjectionTest {

    @RegisterExtension
    static IotJobsEmulatorExtension extension = new IotJobsEmulatorExtension(IotJobsEmulator.builder().devices(3));

    @AfterEach
    void clear() {
        extension.emulator().clearFaults();
    }

    @Test
    void statusFaultWithRetryAfterForAChosenPathAndCount() {
        IotJobsEmulator emulator = extension.emulator();
        HubClient hub = new HubClient(emulator);
        emulator.injectFault(Fault.status(429).retryAfterSeconds(2).onPath("/jobs/v2/.*").onMethod("PUT").times(2));
        String body = HubClient.twinJob("f1", "*", "{\"f\":1}");
        HttpResponse<String> first = hub.createJob("f1", body);
        assertThat(first.statusCode()).isEqualTo(429);
        assertThat(first.headers().firstValue("Retry-After")).contains("2");
        assertThat(first.headers().firstValue("iothub-errorcode")).contains("ThrottlingException");
        assertThat(hub.send("GET", "/jobs/v2/query?" + HubClient.API, null).statusCode()).isEqualTo(200);
        assertThat(hub.createJob("f1", body).statusCode()).isEqualTo(429);
        assertThat(hub.createJob("f1", body).statusCode()).isEqualTo(200);
    }

    @Test
    void serviceUnavailable() {
        IotJobsEmulator emulator = extension.emulator();
        emulator.injectFault(Fault.status(503).onPath("/devices/query"));
        HttpResponse<String> r = new HubClient(emulator).query("SELECT * FROM devices");
        assertThat(r.statusCode()).isEqualTo(503);
        assertThat(r.headers().firstValue("Retry-After")).isEmpty();
        assertThat(HubClient.json(r).get("Message").asText()).startsWith("ErrorCode:ServiceUnavailable;");
    }

    @Test
    void addedLatency() {
        IotJobsEmulator emulator = extension.emulator();
        emulator.injectFault(Fault.latency(Duration.ofMillis(400)).times(1));
        long start = System.nanoTime();
        assertThat(new HubClient(emulator).query("SELECT * FROM devices").statusCode()).isEqualTo(200);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(400));
    }

    @Test
    void droppedConnectionThenRecovers() {
        IotJobsEmulator emulator = extension.emulator();
        HubClient hub = new HubClient(emulator);
        // Unlimited while active: java.net.http retries an idempotent GET once on a closed connection.
        emulator.injectFault(Fault.dropConnection().onPath("/jobs/v2/query"));
        assertThatThrownBy(() -> hub.send("GET", "/jobs/v2/query?" + HubClient.API, null))
                .isInstanceOf(UncheckedIOException.class).hasCauseInstanceOf(IOException.class);
        emulator.clearFaults();
        assertThat(hub.send("GET", "/jobs/v2/query?" + HubClient.API, null).statusCode()).isEqualTo(200);
    }

    @Test
    void malformedBody() {
        IotJobsEmulator emulator = extension.emulator();
        emulator.injectFault(Fault.malformedBody().onPath("/jobs/v2/.*").times(1));
        HttpResponse<String> r = new HubClient(emulator).send("GET", "/jobs/v2/query?" + HubClient.API, null);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThatThrownBy(() -> HubClient.json(r)).isInstanceOf(UncheckedIOException.class);
    }
}
