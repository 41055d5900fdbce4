/*
 * Licensed to the Apache Software Foundation (ASF) under one or more contributor license agreements; and to You
 * under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance with the
 * License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.iotjobs.emulator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The admin API over plain HTTP without credentials, as a script in any language would use it. */
class AdminApiTest {

    private final ManualClock clock = new ManualClock(Instant.parse("2026-06-01T00:00:00Z"));
    private final IotJobsEmulator emulator = IotJobsEmulator.builder().devices(5).clock(clock).autoTick(false)
            .tier(Tier.S1).start();
    private final HubClient hub = new HubClient(emulator);
    private final HttpClient http = HttpClient.newHttpClient();

    @AfterEach
    void stop() {
        emulator.close();
    }

    private HttpResponse<String> admin(String method, String path, String body) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(emulator.baseUrl() + "/_emulator/" + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body)).build();
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Test
    void healthAndStatsCountRequestsAndThrottledPerClassUntilReset() {
        JsonNode health = HubClient.json(admin("GET", "health", null));
        assertThat(health.get("status").asText()).isEqualTo("UP");
        assertThat(health.get("devices").asInt()).isEqualTo(5);

        for (int i = 0; i < 21; i++) {
            hub.query("SELECT * FROM devices");
        }
        hub.send("GET", "/jobs/v2/query?" + HubClient.API, null);
        JsonNode stats = HubClient.json(admin("GET", "stats", null));
        assertThat(stats.at("/requests/queries").asLong()).isEqualTo(20);
        assertThat(stats.at("/throttled/queries").asLong()).isEqualTo(1);
        assertThat(stats.at("/requests/jobs").asLong()).isEqualTo(1);
        assertThat(stats.at("/throttled/jobs").asLong()).isZero();
        assertThat(stats.at("/requests/deviceOps").asLong()).isZero();
        assertThat(stats.at("/limits/queries").asText()).isEqualTo("20/min");

        assertThat(admin("DELETE", "stats", null).statusCode()).isEqualTo(204);
        JsonNode reset = HubClient.json(admin("GET", "stats", null));
        assertThat(reset.at("/requests/queries").asLong()).isZero();
        assertThat(reset.at("/throttled/queries").asLong()).isZero();
    }

    @Test
    void faultsAreInjectedAndClearedOverHttpAndNeverHitTheAdminApi() {
        assertThat(admin("POST", "faults", "{\"status\":503,\"path\":\"/jobs/v2/.*\",\"method\":\"GET\","
                + "\"times\":1,\"retryAfterSeconds\":4}").statusCode()).isEqualTo(201);
        assertThat(admin("POST", "faults", "{\"kind\":\"dropConnection\",\"path\":\"/nothing\"}").statusCode())
                .isEqualTo(201);
        HttpResponse<String> faulted = hub.send("GET", "/jobs/v2/query?" + HubClient.API, null);
        assertThat(faulted.statusCode()).isEqualTo(503);
        assertThat(faulted.headers().firstValue("Retry-After")).hasValue("4");
        assertThat(hub.send("GET", "/jobs/v2/query?" + HubClient.API, null).statusCode()).isEqualTo(200);

        admin("POST", "faults", "{\"status\":500,\"path\":\".*\"}");
        assertThat(admin("GET", "health", null).statusCode()).isEqualTo(200);
        assertThat(hub.query("SELECT * FROM devices").statusCode()).isEqualTo(500);
        assertThat(admin("DELETE", "faults", null).statusCode()).isEqualTo(204);
        assertThat(hub.query("SELECT * FROM devices").statusCode()).isEqualTo(200);
    }

    @Test
    void methodBehaviourConnectionAndTimeAreScriptable() {
        assertThat(admin("PUT", "methods/reboot", "{\"latency\":\"PT30S\",\"status\":201,\"payload\":{\"ok\":1}}")
                .statusCode()).isEqualTo(204);
        assertThat(admin("PUT", "default-method", "{\"failureRate\":1.0}").statusCode()).isEqualTo(204);
        assertThat(admin("PUT", "devices/device-000002/connection", "{\"connected\":false}").statusCode())
                .isEqualTo(204);
        assertThat(emulator.twin("device-000002").orElseThrow().connected()).isFalse();

        hub.createJob("r", HubClient.methodJob("r", "deviceId IN ['device-000001']", "reboot", null, 600));
        emulator.tick();
        JsonNode time = HubClient.json(admin("POST", "clock/advance", "{\"duration\":\"PT30S\"}"));
        assertThat(time.get("time").asText()).isEqualTo("2026-06-01T00:00:30.000Z");
        JsonNode row = HubClient.json(hub.query("SELECT * FROM devices.jobs WHERE devices.jobs.jobId = 'r'")).get(0);
        assertThat(row.get("status").asText()).isEqualTo("completed");
        assertThat(row.at("/outcome/deviceMethodResponse/status").asInt()).isEqualTo(201);
        assertThat(row.at("/outcome/deviceMethodResponse/payload/ok").asInt()).isEqualTo(1);

        hub.createJob("f", HubClient.methodJob("f", "deviceId IN ['device-000003']", "other", null, 600));
        admin("POST", "clock/advance", "{\"duration\":\"PT1S\"}");
        assertThat(hub.getJob("f").at("/deviceJobStatistics/failedCount").asInt()).isEqualTo(1);
    }

    @Test
    void badInputIsRefusedNamingTheField() {
        assertError(admin("POST", "faults", "{\"status\":200}"), 400, "status");
        assertError(admin("POST", "faults", "{\"kind\":\"latency\",\"delay\":\"soon\"}"), 400, "delay");
        assertError(admin("POST", "faults", "{\"status\":503,\"path\":\"[\"}"), 400, "path");
        assertError(admin("POST", "faults", "{\"status\":503,\"times\":0}"), 400, "times");
        assertError(admin("PUT", "methods/reboot", "{\"failureRate\":2}"), 400, "failureRate");
        assertError(admin("PUT", "methods/reboot", "{\"failFirst\":{\"device-000001\":0}}"), 400, "failFirst");
        assertError(admin("PUT", "devices/device-000001/connection", "{}"), 400, "connected");
        assertError(admin("PUT", "devices/nope/connection", "{\"connected\":true}"), 404, "nope");
        assertError(admin("POST", "clock/advance", "{\"duration\":\"-PT1S\"}"), 400, "duration");
        assertError(admin("POST", "faults", "not json"), 400, "JSON");
        assertError(admin("GET", "nothing", null), 404, "nothing");
    }

    @Test
    void advancingARealClockIsRefused() {
        try (IotJobsEmulator real = IotJobsEmulator.builder().start()) {
            HttpRequest request = HttpRequest.newBuilder(URI.create(real.baseUrl() + "/_emulator/clock/advance"))
                    .POST(HttpRequest.BodyPublishers.ofString("{\"duration\":\"PT1S\"}")).build();
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).isEqualTo(409);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void assertError(HttpResponse<String> response, int status, String mentioned) {
        assertThat(response.statusCode()).isEqualTo(status);
        assertThat(HubClient.json(response).at("/error/message").asText()).contains(mentioned);
    }
}
