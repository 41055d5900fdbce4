/*
 * Licensed to the Apache Software Foundation (ASF) under one or more contributor license agreements; and to You
 * under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance with the
 * License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.iotjobs.emulator.admin;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Iterator;
import java.util.List;
import java.util.function.Consumer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.iotjobs.emulator.engine.JobEngine;
import io.github.iotjobs.emulator.engine.MethodBehavior;
import io.github.iotjobs.emulator.engine.MethodSimulator;
import io.github.iotjobs.emulator.fleet.Fleet;
import io.github.iotjobs.emulator.http.ApiException;
import io.github.iotjobs.emulator.http.Fault;
import io.github.iotjobs.emulator.http.FaultInjector;
import io.github.iotjobs.emulator.http.Handler;
import io.github.iotjobs.emulator.http.Request;
import io.github.iotjobs.emulator.http.Response;
import io.github.iotjobs.emulator.json.Json;
import io.github.iotjobs.emulator.quota.Quotas;

/**
 * The emulator's own control API under /_emulator/, without authentication, never throttled nor faulted: health,
 * quota counters, fault injection, method behaviour, device connection and (with a manual clock) time. It lets
 * tests in any language script what the Java builder sets (docs/emulator-guide.md lists every route).
 */
public final class AdminApi implements Handler {

    public static final String PREFIX = "/_emulator/";

    private final Quotas quotas;
    private final FaultInjector faults;
    private final MethodSimulator methods;
    private final Fleet fleet;
    private final JobEngine engine;
    private final Clock clock;
    private final Consumer<Duration> advance;

    /** @param advance moves a manual clock and runs due work; null when the emulator runs on a real clock */
    public AdminApi(Quotas quotas, FaultInjector faults, MethodSimulator methods, Fleet fleet, JobEngine engine,
                    Clock clock, Consumer<Duration> advance) {
        this.quotas = quotas;
        this.faults = faults;
        this.methods = methods;
        this.fleet = fleet;
        this.engine = engine;
        this.clock = clock;
        this.advance = advance;
    }

    @Override
    public boolean serves(String rawPath) {
        return rawPath.startsWith(PREFIX);
    }

    @Override
    public Response error(ApiException error) {
        ObjectNode body = Json.object();
        ObjectNode inner = body.putObject("error");
        inner.put("code", error.code());
        inner.put("message", error.getMessage());
        return Response.json(error.status(), body);
    }

    @Override
    public Response handle(Request request) {
        List<String> s = request.segments();
        if (s.isEmpty() || !s.get(0).equals("_emulator") || s.size() < 2) {
            return null;
        }
        String route = request.method() + " " + String.join("/", s.subList(1, Math.min(s.size(), 2)));
        return switch (route) {
            case "GET health" -> Response.json(200, Json.object().put("status", "UP").put("devices", fleet.size())
                    .put("jobs", engine.jobs().size()).put("time", Json.time(clock.instant())));
            case "GET stats" -> Response.json(200, quotas.toJson());
            case "DELETE stats" -> {
                quotas.resetCounters();
                yield Response.raw(204, "");
            }
            case "POST faults" -> {
                faults.add(fault(body(request)));
                yield Response.raw(201, "");
            }
            case "DELETE faults" -> {
                faults.clear();
                yield Response.raw(204, "");
            }
            case "PUT methods" -> {
                if (s.size() != 3) {
                    throw notFound(request);
                }
                methods.define(s.get(2), behavior(body(request)));
                yield Response.raw(204, "");
            }
            case "PUT default-method" -> {
                methods.defineDefault(behavior(body(request)));
                yield Response.raw(204, "");
            }
            case "PUT devices" -> connection(request, s);
            case "POST clock" -> advanceClock(request, s);
            default -> throw notFound(request);
        };
    }

    private Response connection(Request request, List<String> s) {
        if (s.size() != 4 || !s.get(3).equals("connection")) {
            throw notFound(request);
        }
        JsonNode connected = body(request).get("connected");
        if (connected == null || !connected.isBoolean()) {
            throw invalid("connected must be true or false");
        }
        if (fleet.twin(s.get(2)).isEmpty()) {
            throw new ApiException(404, "DeviceNotFound", "No device '" + s.get(2) + "'");
        }
        fleet.setConnected(s.get(2), connected.booleanValue());
        return Response.raw(204, "");
    }

    private Response advanceClock(Request request, List<String> s) {
        if (s.size() != 3 || !s.get(2).equals("advance")) {
            throw notFound(request);
        }
        if (advance == null) {
            throw new ApiException(409, "NoManualClock", "The emulator runs on a real clock; start it with a "
                    + "manual clock to move time");
        }
        Duration duration = duration(body(request), "duration");
        if (duration == null || duration.isNegative()) {
            throw invalid("duration must be a non-negative ISO-8601 duration, e.g. PT10M");
        }
        advance.accept(duration);
        return Response.json(200, Json.object().put("time", Json.time(clock.instant())));
    }

    /** {"kind": "status"|"latency"|"dropConnection"|"malformedBody", "status", "retryAfterSeconds", "delay", "path", "method", "times"} */
    static Fault fault(JsonNode body) {
        String kind = body.path("kind").asText(body.has("status") ? "status" : "");
        Fault fault = switch (kind) {
            case "status" -> {
                int status = body.path("status").asInt(0);
                if (status < 400 || status > 599) {
                    throw invalid("status must be 4xx or 5xx");
                }
                Fault f = Fault.status(status);
                if (body.has("retryAfterSeconds")) {
                    f.retryAfterSeconds(body.get("retryAfterSeconds").asInt());
                }
                yield f;
            }
            case "latency" -> {
                Duration delay = duration(body, "delay");
                if (delay == null || delay.isNegative()) {
                    throw invalid("delay must be a non-negative ISO-8601 duration, e.g. PT0.5S");
                }
                yield Fault.latency(delay);
            }
            case "dropConnection" -> Fault.dropConnection();
            case "malformedBody" -> Fault.malformedBody();
            default -> throw invalid("kind must be status, latency, dropConnection or malformedBody");
        };
        if (body.hasNonNull("path")) {
            try {
                fault.onPath(body.get("path").asText());
            } catch (java.util.regex.PatternSyntaxException e) {
                throw invalid("path must be a regular expression: " + e.getDescription());
            }
        }
        if (body.hasNonNull("method")) {
            fault.onMethod(body.get("method").asText());
        }
        if (body.hasNonNull("times")) {
            int times = body.get("times").asInt(0);
            if (times < 1) {
                throw invalid("times must be at least 1");
            }
            fault.times(times);
        }
        return fault;
    }

    /**
     * {"latency": "PT2S", "failureRate": 0.1, "status": 200, "payload": {...}, "failFirst": {"device-1": 1}}, each
     * optional; failFirst: devices that fail their first N calls of the method.
     */
    static MethodBehavior behavior(JsonNode body) {
        MethodBehavior behavior = MethodBehavior.ok();
        try {
            Duration latency = duration(body, "latency");
            if (latency != null) {
                behavior = behavior.withLatency(latency);
            }
            if (body.has("failureRate")) {
                behavior = behavior.withFailureRate(body.get("failureRate").asDouble(-1));
            }
            JsonNode failFirst = body.path("failFirst");
            for (Iterator<String> ids = failFirst.fieldNames(); ids.hasNext();) {
                String id = ids.next();
                behavior = behavior.withFailFirst(id, failFirst.get(id).asInt(0));
            }
        } catch (IllegalArgumentException e) {
            throw invalid(e.getMessage());
        }
        if (body.has("status") || body.has("payload")) {
            JsonNode payload = body.get("payload");
            behavior = behavior.withResponse(body.path("status").asInt(200),
                    payload == null || payload.isNull() ? null : payload);
        }
        return behavior;
    }

    private static Duration duration(JsonNode body, String field) {
        JsonNode value = body.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        try {
            return Duration.parse(value.asText());
        } catch (DateTimeParseException e) {
            throw invalid(field + " must be an ISO-8601 duration, e.g. PT2S");
        }
    }

    private static JsonNode body(Request request) {
        if (request.body().length == 0) {
            return Json.object();
        }
        try {
            JsonNode body = Json.MAPPER.readTree(request.body());
            if (body == null || !body.isObject()) {
                throw invalid("The body must be a JSON object");
            }
            return body;
        } catch (IOException e) {
            throw invalid("The body is not valid JSON");
        }
    }

    private static ApiException invalid(String message) {
        return new ApiException(400, "InvalidArgument", message);
    }

    private static ApiException notFound(Request request) {
        return new ApiException(404, "NotFound", "No admin route for " + request.method() + " " + request.path());
    }
}
