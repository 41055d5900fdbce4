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

import com.fasterxml.jackson.databind.JsonNode;
import io.github.iotjobs.emulator.json.Json;

/** A tiny IoT Hub REST client over java.net.http for the tests: signs every request like the SDKs do. */
final class HubClient {

    static final String API = "api-version=2021-04-12";

    private final IotJobsEmulator emulator;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    HubClient(IotJobsEmulator emulator) {
        this.emulator = emulator;
    }

    HttpResponse<String> send(String method, String pathAndQuery, String body, String... headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(emulator.baseUrl() + pathAndQuery))
                .timeout(Duration.ofSeconds(20))
                .header("Authorization", emulator.sasToken(Duration.ofHours(1)))
                .header("Content-Type", "application/json; charset=utf-8")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (headers.length > 0) {
            b.headers(headers);
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

    HttpResponse<String> createJob(String jobId, String body) {
        return send("PUT", "/jobs/v2/" + jobId + "?" + API, body);
    }

    JsonNode getJob(String jobId) {
        HttpResponse<String> r = send("GET", "/jobs/v2/" + jobId + "?" + API, null);
        if (r.statusCode() != 200) {
            throw new AssertionError("GET job " + jobId + " -> " + r.statusCode() + " " + r.body());
        }
        return json(r);
    }

    HttpResponse<String> query(String sql, String... headers) {
        return send("POST", "/devices/query?" + API, Json.object().put("query", sql).toString(), headers);
    }

    static JsonNode json(HttpResponse<String> response) {
        try {
            return Json.MAPPER.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String twinJob(String jobId, String condition, String desiredJson) {
        return "{\"jobId\":\"" + jobId + "\",\"type\":\"scheduleUpdateTwin\",\"cloudToDeviceMethod\":null,"
                + "\"updateTwin\":{\"deviceId\":null,\"etag\":\"*\",\"tags\":{},\"properties\":{\"desired\":"
                + desiredJson + ",\"reported\":{}}},\"queryCondition\":\"" + condition + "\","
                + "\"startTime\":null,\"maxExecutionTimeInSeconds\":3600}";
    }

    static String methodJob(String jobId, String condition, String method, String startTime, long maxSeconds) {
        return "{\"jobId\":\"" + jobId + "\",\"type\":\"scheduleDeviceMethod\",\"cloudToDeviceMethod\":{"
                + "\"methodName\":\"" + method + "\",\"payload\":{\"a\":1},\"responseTimeoutInSeconds\":200,"
                + "\"connectTimeoutInSeconds\":0},\"updateTwin\":null,\"queryCondition\":\"" + condition + "\","
                + "\"startTime\":" + (startTime == null ? "null" : "\"" + startTime + "\"")
                + ",\"maxExecutionTimeInSeconds\":" + maxSeconds + "}";
    }
}
