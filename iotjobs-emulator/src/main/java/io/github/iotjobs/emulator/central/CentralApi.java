/*
 * Licensed to the Apache Software Foundation (ASF) under one or more contributor license agreements; and to You
 * under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance with the
 * License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.iotjobs.emulator.central;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.iotjobs.emulator.http.ApiException;
import io.github.iotjobs.emulator.http.Handler;
import io.github.iotjobs.emulator.http.Request;
import io.github.iotjobs.emulator.http.Response;
import io.github.iotjobs.emulator.json.Json;

/**
 * The IoT Central data-plane routes under {@code /api} (protocol.md §10): jobs, scheduled jobs and device groups,
 * with {@code api-version} required, API-token or bearer auth, {@code nextLink} paging and the
 * {@code {"error":{...}}} shape with {@code x-ms-error-code}.
 */
public final class CentralApi implements Handler {

    static final int MAX_PAGE = 100;

    private final CentralEngine engine;
    private final CentralAuth auth;
    private final Clock clock;
    private final String scheme;

    /** @param auth null turns authentication off */
    public CentralApi(CentralEngine engine, CentralAuth auth, Clock clock, boolean https) {
        this.engine = engine;
        this.auth = auth;
        this.clock = clock;
        this.scheme = https ? "https" : "http";
    }

    @Override
    public boolean serves(String rawPath) {
        return rawPath.equals("/api") || rawPath.startsWith("/api/");
    }

    @Override
    public Response handle(Request request) {
        if (!serves(request.path())) {
            return null;
        }
        try {
            return route(request);
        } catch (ApiException e) {
            return error(e);
        }
    }

    private Response route(Request request) {
        if (auth != null) {
            auth.check(request.header("Authorization"));
        }
        String version = request.queryParam("api-version");
        if (version == null || version.isBlank()) {
            throw CentralException.badRequest("The api-version query parameter is required.");
        }
        List<String> s = request.segments().subList(1, request.segments().size());
        String method = request.method();
        if (s.isEmpty()) {
            throw notFound(request);
        }
        if (s.size() >= 2) {
            CentralRequests.checkId("The id", s.get(1));
        }
        switch (s.get(0)) {
            case "jobs":
                return jobs(request, s, method);
            case "scheduledJobs":
                return scheduledJobs(request, s, method);
            case "deviceGroups":
                return deviceGroups(request, s, method);
            default:
                throw notFound(request);
        }
    }

    private Response jobs(Request request, List<String> s, String method) {
        if (s.size() == 1 && method.equals("GET")) {
            return page(request, engine.jobs(null));
        }
        if (s.size() == 2) {
            return switch (method) {
                case "GET" -> ok(engine.job(s.get(1)));
                case "PUT" -> ok(engine.createJob(s.get(1), body(request)));
                default -> throw methodNotAllowed();
            };
        }
        String id = s.get(1);
        if (s.size() == 3 && s.get(2).equals("devices") && method.equals("GET")) {
            return page(request, engine.jobDevices(id));
        }
        if (s.size() == 3 && s.get(2).equals("stop") && method.equals("POST")) {
            engine.stop(id);
            return Response.raw(204, "");
        }
        if (s.size() == 3 && s.get(2).equals("resume") && method.equals("POST")) {
            engine.resume(id);
            return Response.raw(204, "");
        }
        if (s.size() == 4 && s.get(2).equals("rerun") && method.equals("PUT")) {
            CentralRequests.checkId("rerunId", s.get(3));
            return ok(engine.rerun(id, s.get(3)));
        }
        throw notFound(request);
    }

    private Response scheduledJobs(Request request, List<String> s, String method) {
        if (s.size() == 1 && method.equals("GET")) {
            return page(request, engine.scheduledJobs());
        }
        if (s.size() == 2) {
            String id = s.get(1);
            switch (method) {
                case "GET":
                    return ok(engine.scheduledJob(id));
                case "PUT":
                    return ok(engine.putScheduledJob(id, body(request)));
                case "PATCH":
                    return ok(engine.patchScheduledJob(id, body(request), request.header("If-Match")));
                case "DELETE":
                    engine.removeScheduledJob(id);
                    return Response.raw(204, "");
                default:
                    throw methodNotAllowed();
            }
        }
        if (s.size() == 3 && s.get(2).equals("jobs") && method.equals("GET")) {
            engine.requireScheduledJob(s.get(1));
            return page(request, engine.jobs(s.get(1)));
        }
        throw notFound(request);
    }

    private Response deviceGroups(Request request, List<String> s, String method) {
        if (s.size() == 1 && method.equals("GET")) {
            return page(request, engine.groups());
        }
        if (s.size() == 2) {
            String id = s.get(1);
            switch (method) {
                case "GET":
                    return ok(engine.group(id));
                case "PUT":
                    return ok(engine.putGroup(id, body(request)));
                case "DELETE":
                    engine.removeGroup(id);
                    return Response.raw(204, "");
                default:
                    throw methodNotAllowed();
            }
        }
        if (s.size() == 3 && s.get(2).equals("devices") && method.equals("GET")) {
            List<JsonNode> devices = engine.members(s.get(1)).stream().map(twin -> (JsonNode) Json.object()
                    .put("id", twin.deviceId()).put("displayName", twin.deviceId())
                    .put("template", DeviceTemplates.template(twin)).put("enabled", true)
                    .put("provisioned", true).put("simulated", true)).toList();
            return page(request, devices);
        }
        throw notFound(request);
    }

    /** One page of {@code items}: {@code maxpagesize} (1-100, default 100) from the opaque {@code skiptoken}. */
    private Response page(Request request, List<? extends JsonNode> items) {
        int size = MAX_PAGE;
        String max = request.queryParam("maxpagesize");
        if (max != null) {
            try {
                size = Integer.parseInt(max);
            } catch (NumberFormatException e) {
                size = -1;
            }
            if (size < 1 || size > MAX_PAGE) {
                throw CentralException.badRequest("maxpagesize must be 1 to 100.");
            }
        }
        int skip = 0;
        String token = request.queryParam("skiptoken");
        if (token != null) {
            try {
                skip = Integer.parseInt(new String(Base64.getUrlDecoder().decode(token),
                        StandardCharsets.UTF_8));
            } catch (IllegalArgumentException e) {
                throw CentralException.badRequest("The skiptoken is invalid.");
            }
        }
        ObjectNode body = Json.object();
        ArrayNode value = body.putArray("value");
        int end = Math.min(items.size(), Math.max(0, skip) + size);
        for (int i = Math.max(0, skip); i < end; i++) {
            value.add(items.get(i));
        }
        if (end < items.size()) {
            String next = Base64.getUrlEncoder().withoutPadding().encodeToString(
                    String.valueOf(end).getBytes(StandardCharsets.UTF_8));
            String host = request.hostHeader() == null ? "localhost" : request.hostHeader();
            body.put("nextLink", scheme + "://" + host + request.path() + "?api-version="
                    + request.queryParam("api-version") + (max != null ? "&maxpagesize=" + size : "")
                    + "&skiptoken=" + next);
        }
        return Response.json(200, body);
    }

    private static ObjectNode body(Request request) {
        try {
            JsonNode node = Json.MAPPER.readTree(request.body());
            if (node == null || !node.isObject()) {
                throw CentralException.badRequest("The request body must be a JSON object.");
            }
            return (ObjectNode) node;
        } catch (IOException e) {
            throw CentralException.badRequest("The request body is not valid JSON.");
        }
    }

    private static Response ok(JsonNode body) {
        return Response.json(200, body);
    }

    private static ApiException notFound(Request request) {
        return new ApiException(404, "NotFound", "No route for " + request.method() + " " + request.path());
    }

    private static ApiException methodNotAllowed() {
        return new ApiException(405, "MethodNotAllowed", "The method is not allowed on this resource.");
    }

    /** {"error":{"code","message","requestId","time"}} with time in RFC 1123, and x-ms-error-code. */
    @Override
    public Response error(ApiException error) {
        String requestId = UUID.randomUUID().toString();
        ObjectNode body = Json.object();
        body.putObject("error").put("code", error.code()).put("message", error.getMessage())
                .put("requestId", requestId)
                .put("time", DateTimeFormatter.RFC_1123_DATE_TIME.format(clock.instant().atOffset(ZoneOffset.UTC)));
        Response response = Response.json(error.status(), body).header("x-ms-error-code", error.code())
                .header("x-ms-request-id", requestId);
        if (error.retryAfter() != null) {
            response.header("Retry-After", error.retryAfter());
        }
        return response;
    }
}
