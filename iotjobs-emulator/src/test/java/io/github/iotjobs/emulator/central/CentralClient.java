/*
 * Licensed to the Apache Software Foundation (ASF) under one or more contributor license agreements; and to You
 * under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance with the
 * License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.iotjobs.emulator.central;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.iotjobs.emulator.IotJobsEmulator;
import io.github.iotjobs.emulator.json.Json;

/** A tiny IoT Central REST client over java.net.http for the tests, sending the emulator's API token. */
final class CentralClient {

    static final String API = "api-version=2022-07-31";

    private final IotJobsEmulator emulator;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    String authorization;

    CentralClient(IotJobsEmulator emulator) {
        this.emulator = emulator;
        this.authorization = emulator.apiToken();
    }

    HttpResponse<String> send(String method, String path, String body, String... headers) {
        String uri = path.startsWith("http") ? path
                : emulator.baseUrl() + "/api" + path + (path.contains("?") ? "&" : "?") + API;
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(uri)).timeout(Duration.ofSeconds(20))
                .header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (authorization != null) {
            b.header("Authorization", authorization);
        }
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

    JsonNode ok(String method, String path, String body) {
        HttpResponse<String> r = send(method, path, body);
        if (r.statusCode() != 200) {
            throw new AssertionError(method + " " + path + " -> " + r.statusCode() + " " + r.body());
        }
        return json(r);
    }

    JsonNode job(String id) {
        return ok("GET", "/jobs/" + id, null);
    }

    void group(String id, String filter) {
        ok("PUT", "/deviceGroups/" + id, Json.object().put("displayName", id).put("filter", filter).toString());
    }

    static JsonNode json(HttpResponse<String> response) {
        try {
            return Json.MAPPER.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A command job over a group, with optional batch and threshold JSON fragments. */
    static String commandJob(String group, String batch, String threshold) {
        return "{\"displayName\":\"reboot\",\"group\":\"" + group + "\","
                + (batch == null ? "" : "\"batch\":" + batch + ",")
                + (threshold == null ? "" : "\"cancellationThreshold\":" + threshold + ",")
                + "\"data\":[{\"type\":\"command\",\"target\":\"dtmi:iotjobs:thermostat-a;1\",\"path\":\"reboot\","
                + "\"value\":{\"delay\":1}}]}";
    }
}
