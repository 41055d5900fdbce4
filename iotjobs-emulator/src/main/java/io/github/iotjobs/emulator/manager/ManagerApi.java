/*
 * Licensed to the Apache Software Foundation (ASF) under one or more contributor license agreements; and to You
 * under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance with the
 * License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.iotjobs.emulator.manager;

import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;
import java.util.function.Supplier;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.iotjobs.emulator.engine.Job;
import io.github.iotjobs.emulator.engine.JobEngine;
import io.github.iotjobs.emulator.engine.JobEngineException;
import io.github.iotjobs.emulator.engine.JobSpec;
import io.github.iotjobs.emulator.engine.JobType;
import io.github.iotjobs.emulator.engine.MethodCall;
import io.github.iotjobs.emulator.fleet.DeviceTwin;
import io.github.iotjobs.emulator.fleet.Fleet;
import io.github.iotjobs.emulator.http.ApiException;
import io.github.iotjobs.emulator.http.Handler;
import io.github.iotjobs.emulator.http.Request;
import io.github.iotjobs.emulator.http.Response;
import io.github.iotjobs.emulator.json.Json;

/**
 * The Remote Monitoring IoTHub Manager routes (protocol.md §11): {@code /v1/jobs} and {@code /v1/deviceProperties},
 * over the same fleet and job engine as the IoT Hub API, so a job created through one is visible through the other.
 * Answers in the .NET service's shape: PascalCase keys, enums as numbers. Requests are read in either casing, with
 * enums as numbers or names. No authentication; an Authorization header, when sent, must be a non-empty Bearer token.
 */
public final class ManagerApi implements Handler {

    private static final Pattern JOB_ID = Pattern.compile("^[A-Za-z0-9-]{1,64}$");

    private final Fleet fleet;
    private final JobEngine engine;
    private final Clock clock;

    public ManagerApi(Fleet fleet, JobEngine engine, Clock clock) {
        this.fleet = fleet;
        this.engine = engine;
        this.clock = clock;
    }

    @Override
    public boolean serves(String rawPath) {
        return rawPath.startsWith("/v1/");
    }

    @Override
    public Response error(ApiException error) {
        ObjectNode body = Json.object();
        body.put("Message", "An error has occurred.");
        body.put("ExceptionMessage", error.getMessage());
        body.put("ExceptionType", "Microsoft.Azure.IoTSolutions.IotHubManager.Services.Exceptions." + error.code());
        Response response = Response.json(error.status(), body);
        if (error.retryAfter() != null) {
            response.header("Retry-After", error.retryAfter());
        }
        return response;
    }

    @Override
    public Response handle(Request request) {
        List<String> s = request.segments();
        if (s.size() < 2 || !s.get(0).equals("v1")) {
            return null;
        }
        boolean jobs = s.get(1).equals("jobs") && s.size() <= 3;
        boolean properties = s.get(1).equals("deviceProperties") && s.size() == 2;
        if (!jobs && !properties) {
            return null;
        }
        authorize(request);
        if (properties) {
            requireMethod(request, "GET");
            return Response.json(200, deviceProperties());
        }
        if (s.size() == 2) {
            return switch (request.method()) {
                case "GET" -> list(request);
                case "POST" -> create(request);
                default -> throw methodNotAllowed(request.method());
            };
        }
        requireMethod(request, "GET");
        return get(s.get(2), request);
    }

    private static void authorize(Request request) {
        String header = request.header("authorization");
        if (header != null && (!header.regionMatches(true, 0, "Bearer ", 0, 7) || header.substring(7).isBlank())) {
            throw new ApiException(401, "NotAuthorizedException", "The Authorization header must be a bearer token.");
        }
    }

    private Response create(Request request) {
        JsonNode root;
        try {
            root = Json.MAPPER.readTree(request.body());
        } catch (IOException e) {
            throw invalid("The request body is not valid JSON.");
        }
        if (root == null || !root.isObject()) {
            throw invalid("The request body must be a job object.");
        }
        String jobId = ManagerJson.text(root, "JobId");
        if (jobId == null || !JOB_ID.matcher(jobId).matches()) {
            throw invalid("JobId must be 1 to 64 characters of US-ASCII letters, numbers and '-'.");
        }
        String condition = ManagerJson.text(root, "QueryCondition");
        if (condition == null || condition.isBlank()) {
            throw invalid("QueryCondition is required.");
        }
        Instant now = clock.instant();
        String startText = ManagerJson.text(root, "StartTimeUtc");
        Instant start = startText == null ? now : ManagerJson.parseTime(startText);
        if (start == null) {
            throw invalid("StartTimeUtc is not a date-time.");
        }
        JsonNode maxNode = ManagerJson.field(root, "MaxExecutionTimeInSeconds");
        long maxSeconds = 0; // .NET: MaxExecutionTimeInSeconds ?? 0 (no limit here)
        if (maxNode != null) {
            if (!maxNode.canConvertToLong() || maxNode.asLong() < 0) {
                throw invalid("MaxExecutionTimeInSeconds must be a non-negative integer.");
            }
            maxSeconds = maxNode.asLong();
        }
        JsonNode twin = ManagerJson.field(root, "UpdateTwin");
        JsonNode method = ManagerJson.field(root, "MethodParameter");
        JobSpec spec;
        if (twin != null && twin.isObject()) {
            spec = twinJob(jobId, condition, start, maxSeconds, twin);
        } else if (method != null && method.isObject()) {
            spec = new JobSpec(jobId, JobType.SCHEDULE_DEVICE_METHOD, condition, start, maxSeconds,
                    methodCall(method), null, null, null);
        } else {
            throw invalid("The job needs UpdateTwin or MethodParameter.");
        }
        Job job = engineCall(() -> engine.create(spec));
        return Response.json(200, ManagerJson.job(job, null));
    }

    private static JobSpec twinJob(String jobId, String condition, Instant start, long maxSeconds, JsonNode twin) {
        JsonNode tags = ManagerJson.field(twin, "Tags");
        JsonNode properties = ManagerJson.field(twin, "Properties");
        JsonNode desired = properties == null ? null : ManagerJson.field(properties, "Desired");
        if (tags != null && !tags.isObject() || desired != null && !desired.isObject()) {
            throw invalid("UpdateTwin.Tags and UpdateTwin.Properties.Desired must be JSON objects.");
        }
        if ((tags == null || tags.isEmpty()) && (desired == null || desired.isEmpty())) {
            throw invalid("UpdateTwin must change Tags or Properties.Desired.");
        }
        // Stored in the hub's shape, so that the hub API shows the job as if it had been created there.
        ObjectNode hubTwin = Json.object();
        hubTwin.put("etag", "*");
        if (tags != null) {
            hubTwin.set("tags", tags.deepCopy());
        }
        if (desired != null) {
            hubTwin.putObject("properties").set("desired", desired.deepCopy());
        }
        return new JobSpec(jobId, JobType.SCHEDULE_UPDATE_TWIN, condition, start, maxSeconds, null, hubTwin,
                tags == null ? null : tags.deepCopy(), desired == null ? null : desired.deepCopy());
    }

    private static MethodCall methodCall(JsonNode method) {
        String name = ManagerJson.text(method, "Name");
        if (name == null || name.isBlank()) {
            throw invalid("MethodParameter.Name is required.");
        }
        String payloadText = ManagerJson.text(method, "JsonPayload");
        JsonNode payload = null;
        if (payloadText != null && !payloadText.isBlank()) {
            try {
                payload = Json.MAPPER.readTree(payloadText);
            } catch (IOException e) {
                throw invalid("MethodParameter.JsonPayload is not JSON.");
            }
        }
        int response = ManagerJson.seconds(ManagerJson.field(method, "ResponseTimeout"), 30);
        int connect = ManagerJson.seconds(ManagerJson.field(method, "ConnectionTimeout"), 0);
        if (response < 5 || response > 300 || connect < 0 || connect > 300) {
            throw invalid("MethodParameter timeouts must be 5 to 300 s (response) and 0 to 300 s (connection).");
        }
        return new MethodCall(name, payload, response, connect);
    }

    private Response list(Request request) {
        JobType type = ManagerEnums.jobType(request.queryParam("jobType"));
        ManagerEnums.Status status = ManagerEnums.jobStatus(request.queryParam("jobStatus"));
        String pageSize = request.queryParam("pageSize");
        if (pageSize != null && !pageSize.isBlank() && !pageSize.trim().matches("\\d{1,9}")) {
            throw invalid("pageSize must be a positive integer.");
        }
        Instant now = clock.instant();
        Instant from = TimeBound.parse(request.queryParam("from"), now, Instant.MIN);
        Instant to = TimeBound.parse(request.queryParam("to"), now, Instant.MAX);
        ArrayNode items = Json.NODES.arrayNode();
        boolean unknownType = ManagerEnums.isUnknownType(request.queryParam("jobType"));
        for (Job job : engine.jobs()) {
            if (unknownType || type != null && job.spec().type() != type
                    || status != null && !status.matches(job.status())
                    || job.createdTime().isBefore(from) || job.createdTime().isAfter(to)) {
                continue;
            }
            items.add(ManagerJson.job(job, null));
        }
        return Response.json(200, items);
    }

    private Response get(String jobId, Request request) {
        Job job = engine.job(jobId).orElseThrow(() -> new ApiException(404, "ResourceNotFoundException",
                "The job '" + jobId + "' does not exist."));
        boolean details = "true".equalsIgnoreCase(String.valueOf(request.queryParam("includeDeviceDetails")).trim());
        ManagerEnums.DeviceStatus deviceStatus = ManagerEnums.deviceJobStatus(request.queryParam("deviceJobStatus"));
        return Response.json(200, ManagerJson.job(job, details ? row -> deviceStatus == null
                || deviceStatus.wire().equals(row.path("status").asText()) : null));
    }

    private ObjectNode deviceProperties() {
        TreeSet<String> tags = new TreeSet<>();
        TreeSet<String> reported = new TreeSet<>();
        for (DeviceTwin twin : fleet.all()) {
            twin.tags().fieldNames().forEachRemaining(tags::add);
            for (Iterator<String> it = twin.reported().fieldNames(); it.hasNext();) {
                String name = it.next();
                if (!name.startsWith("$")) {
                    reported.add(name);
                }
            }
        }
        ObjectNode body = Json.object();
        tags.forEach(body.putArray("Tags")::add);
        reported.forEach(body.putArray("Reported")::add);
        ObjectNode metadata = body.putObject("$metadata");
        metadata.put("$type", "DeviceProperties;1");
        metadata.put("$url", "/v1/deviceProperties");
        return body;
    }

    private static void requireMethod(Request request, String expected) {
        if (!request.method().equals(expected)) {
            throw methodNotAllowed(request.method());
        }
    }

    private static ApiException methodNotAllowed(String method) {
        return new ApiException(405, "InvalidInputException", "The HTTP method " + method.toUpperCase(Locale.ROOT)
                + " is not allowed here.");
    }

    static ApiException invalid(String message) {
        return new ApiException(400, "InvalidInputException", message);
    }

    private static <T> T engineCall(Supplier<T> call) {
        try {
            return call.get();
        } catch (JobEngineException e) {
            throw switch (e.reason()) {
                case NOT_FOUND -> new ApiException(404, "ResourceNotFoundException", e.getMessage());
                case ALREADY_EXISTS -> new ApiException(409, "ConflictingResourceException", e.getMessage());
                case TOO_MANY_ACTIVE_JOBS -> new ApiException(429, "ThrottlingMaxActiveJobCountExceeded",
                        "Too many active jobs.", "1");
                case INVALID_STATE -> new ApiException(400, "InvalidInputException", e.getMessage());
            };
        }
    }
}
