/*
 * Licensed to the Apache Software Foundation (ASF) under one or more contributor license agreements; and to You
 * under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance with the
 * License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.iotjobs.emulator.manager;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.iotjobs.emulator.IotJobsEmulator;
import io.github.iotjobs.emulator.ManualClock;
import io.github.iotjobs.emulator.json.Json;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The iothub-manager /v1 routes over the shared fleet and engine, on a manual clock. */
class ManagerApiTest {

    private final ManualClock clock = new ManualClock(Instant.parse("2026-06-01T08:00:00Z"));
    private final IotJobsEmulator emulator = IotJobsEmulator.builder().devices(4).clock(clock).autoTick(false)
            .start();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @AfterEach
    void stop() {
        emulator.close();
    }

    private HttpResponse<String> send(String method, String path, String body, String authorization) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(emulator.baseUrl() + path))
                .timeout(Duration.ofSeconds(20)).header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (authorization != null) {
            b.header("Authorization", authorization);
        }
        try {
            return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private JsonNode ok(String method, String path, String body) {
        HttpResponse<String> r = send(method, path, body, null);
        assertThat(r.statusCode()).as(method + " " + path + ": " + r.body()).isEqualTo(200);
        try {
            return Json.MAPPER.readTree(r.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> ids(JsonNode array) {
        List<String> ids = new ArrayList<>();
        array.forEach(j -> ids.add(j.get("JobId").asText()));
        return ids;
    }

    @Test
    void methodJobInPascalCaseIsSharedWithTheHubApiAndReportsDevices() {
        emulator.setConnected("device-000002", false);
        JsonNode created = ok("POST", "/v1/jobs", "{\"JobId\":\"reboot-1\",\"QueryCondition\":\"*\","
                + "\"MethodParameter\":{\"Name\":\"reboot\",\"ResponseTimeout\":\"00:00:10\","
                + "\"ConnectionTimeout\":\"00:00:05\",\"JsonPayload\":\"{\\\"delay\\\":1}\"}}");
        assertThat(created.get("Type").asInt()).isEqualTo(3);
        assertThat(created.get("Status").asInt()).isEqualTo(7);
        assertThat(created.get("StartTimeUtc").asText()).isEqualTo("2026-06-01T08:00:00.000+00:00");
        assertThat(created.get("EndTimeUtc").isNull()).isTrue();
        assertThat(created.get("MaxExecutionTimeInSeconds").asLong()).isZero();
        assertThat(created.at("/MethodParameter/ResponseTimeout").asText()).isEqualTo("00:00:10");
        assertThat(created.at("/MethodParameter/JsonPayload").asText()).isEqualTo("{\"delay\":1}");

        // The same job through the hub API.
        HttpResponse<String> hub = send("GET", "/jobs/v2/reboot-1?api-version=2021-04-12", null,
                emulator.sasToken(Duration.ofHours(1)));
        assertThat(hub.statusCode()).isEqualTo(200);
        assertThat(hub.body()).contains("\"cloudToDeviceMethod\"").contains("\"connectTimeoutInSeconds\":5");

        emulator.advance(Duration.ofSeconds(1));
        emulator.advance(Duration.ofSeconds(10));
        JsonNode done = ok("GET", "/v1/jobs/reboot-1?includeDeviceDetails=true", null);
        assertThat(done.get("Status").asInt()).isEqualTo(3);
        assertThat(done.get("EndTimeUtc").isTextual()).isTrue();
        assertThat(done.at("/ResultStatistics/DeviceCount").asInt()).isEqualTo(4);
        assertThat(done.at("/ResultStatistics/FailedCount").asInt()).isEqualTo(1);
        assertThat(done.get("Devices")).hasSize(4);
        JsonNode failed = ok("GET", "/v1/jobs/reboot-1?includeDeviceDetails=true&deviceJobStatus=4", null);
        assertThat(failed.get("Devices")).hasSize(1);
        assertThat(failed.at("/Devices/0/DeviceId").asText()).isEqualTo("device-000002");
        assertThat(failed.at("/Devices/0/Status").asInt()).isEqualTo(4);
        assertThat(failed.at("/Devices/0/Error/Code").asText()).isNotBlank();
        JsonNode completed = ok("GET", "/v1/jobs/reboot-1?includeDeviceDetails=true&deviceJobStatus=Completed", null);
        assertThat(completed.get("Devices")).hasSize(3);
        assertThat(completed.at("/Devices/0/Outcome/Status").asInt()).isEqualTo(200);
        assertThat(ok("GET", "/v1/jobs/reboot-1", null).get("Devices").isNull()).isTrue();
    }

    @Test
    void twinJobInCamelCaseAndHubJobsAreListedWithFilters() {
        JsonNode twin = ok("POST", "/v1/jobs/", "{\"jobId\":\"floor-1\","
                + "\"queryCondition\":\"deviceId = 'device-000001'\","
                + "\"maxExecutionTimeInSeconds\":3600,\"updateTwin\":{\"tags\":{\"floor\":\"2F\"},"
                + "\"properties\":{\"desired\":{\"fw\":\"2.0\"}}}}");
        assertThat(twin.get("Type").asInt()).isEqualTo(4);
        assertThat(twin.at("/UpdateTwin/Tags/floor").asText()).isEqualTo("2F");
        emulator.advance(Duration.ofSeconds(1));
        assertThat(emulator.twin("device-000001").orElseThrow().tags().get("floor").asText()).isEqualTo("2F");
        assertThat(emulator.twin("device-000001").orElseThrow().desired().get("fw").asText()).isEqualTo("2.0");

        clock.advance(Duration.ofHours(2));
        HttpResponse<String> hub = send("PUT", "/jobs/v2/later-1?api-version=2021-04-12",
                "{\"jobId\":\"later-1\",\"type\":\"scheduleDeviceMethod\",\"queryCondition\":\"*\","
                + "\"startTime\":\"2026-06-02T08:00:00Z\",\"cloudToDeviceMethod\":{\"methodName\":\"reboot\"}}",
                emulator.sasToken(Duration.ofHours(1)));
        assertThat(hub.statusCode()).as(hub.body()).isEqualTo(200);

        assertThat(ids(ok("GET", "/v1/jobs", null))).containsExactly("later-1", "floor-1");
        assertThat(ids(ok("GET", "/v1/jobs?jobType=4", null))).containsExactly("floor-1");
        assertThat(ids(ok("GET", "/v1/jobs?jobType=ScheduleDeviceMethod", null))).containsExactly("later-1");
        assertThat(ids(ok("GET", "/v1/jobs?jobType=0", null))).isEmpty();
        assertThat(ids(ok("GET", "/v1/jobs?jobStatus=3", null))).containsExactly("floor-1");
        assertThat(ids(ok("GET", "/v1/jobs?jobStatus=scheduled&pageSize=10", null))).containsExactly("later-1");
        assertThat(ids(ok("GET", "/v1/jobs?from=NOW-PT1H", null))).containsExactly("later-1");
        assertThat(ids(ok("GET", "/v1/jobs?from=NOW-P1D&to=NOW-PT1H", null))).containsExactly("floor-1");
        assertThat(ids(ok("GET", "/v1/jobs?to=NOW%2BPT10M", null))).hasSize(2);
        assertThat(ids(ok("GET", "/v1/jobs?from=NOW+PT10M", null))).isEmpty(); // '+' decoded to a space
        assertThat(ids(ok("GET", "/v1/jobs?from=2026-06-01T09:00:00%2B00:00", null))).containsExactly("later-1");
        assertThat(ids(ok("GET", "/v1/jobs?from=NOW-30D", null))).hasSize(2); // unreadable: no bound
        assertThat(ok("GET", "/v1/jobs/later-1", null).get("Status").asInt()).isEqualTo(6);
    }

    @Test
    void devicePropertiesListTagAndReportedNames() {
        JsonNode properties = ok("GET", "/v1/deviceProperties", null);
        assertThat(properties.get("Tags")).isNotEmpty();
        assertThat(properties.get("Reported")).isNotNull();
        assertThat(properties.at("/$metadata/$type").asText()).isEqualTo("DeviceProperties;1");
    }

    @Test
    void errorsTakeTheDotNetShape() {
        HttpResponse<String> missing = send("GET", "/v1/jobs/nope", null, null);
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(missing.body()).contains("\"Message\":\"An error has occurred.\"")
                .contains("ResourceNotFoundException");
        assertThat(send("GET", "/v1/jobs?jobStatus=sleeping", null, null).statusCode()).isEqualTo(400);
        assertThat(send("POST", "/v1/jobs", "{\"JobId\":\"x\",\"QueryCondition\":\"*\"}", null).statusCode())
                .isEqualTo(400);
        String job = "{\"JobId\":\"dup\",\"QueryCondition\":\"*\",\"MethodParameter\":{\"Name\":\"reboot\"}}";
        assertThat(send("POST", "/v1/jobs", job, "Bearer abc").statusCode()).isEqualTo(200);
        assertThat(send("POST", "/v1/jobs", job, null).statusCode()).isEqualTo(409);
        emulator.engine().maxActiveJobs(1);
        HttpResponse<String> throttled = send("POST", "/v1/jobs", job.replace("dup", "second"), null);
        assertThat(throttled.statusCode()).isEqualTo(429);
        assertThat(throttled.headers().firstValue("Retry-After")).contains("1");
        assertThat(send("GET", "/v1/jobs", null, "SharedAccessSignature sr=x").statusCode()).isEqualTo(401);
        assertThat(send("DELETE", "/v1/jobs/dup", null, null).statusCode()).isEqualTo(405);
    }
}
