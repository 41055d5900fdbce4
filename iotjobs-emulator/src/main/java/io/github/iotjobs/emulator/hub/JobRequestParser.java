/*
 * Licensed to the Apache Software Foundation (ASF) under one or more contributor license agreements; and to You
 * under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance with the
 * License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.iotjobs.emulator.hub;

import java.io.IOException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.iotjobs.emulator.engine.JobSpec;
import io.github.iotjobs.emulator.engine.JobType;
import io.github.iotjobs.emulator.engine.MethodCall;
import io.github.iotjobs.emulator.http.ApiException;
import io.github.iotjobs.emulator.json.Json;

/**
 * Validates a jobs v2 JobRequest (protocol.md §2.1) into a {@link JobSpec}. Unknown fields are ignored and explicit
 * nulls are treated as absent, because the Java SDK serializes every null member.
 */
final class JobRequestParser {

    static final Pattern JOB_ID = Pattern.compile("^[A-Za-z0-9-]{1,64}$");
    static final int MAX_METHOD_PAYLOAD = 128 * 1024;

    private JobRequestParser() {
    }

    static void checkJobId(String jobId) {
        if (jobId == null || !JOB_ID.matcher(jobId).matches()) {
            throw invalid("The jobId must be 1 to 64 characters of US-ASCII letters, numbers and '-'.");
        }
    }

    static JobSpec parse(String pathJobId, byte[] body, Instant now) {
        JsonNode root;
        try {
            root = Json.MAPPER.readTree(body);
        } catch (IOException e) {
            throw new ApiException(400, "IotHubFormatError", "The request body is not valid JSON.");
        }
        if (root == null || !root.isObject()) {
            throw new ApiException(400, "IotHubFormatError", "The request body must be a JSON object.");
        }
        String bodyJobId = text(root, "jobId");
        if (bodyJobId != null && !bodyJobId.equals(pathJobId)) {
            throw invalid("The jobId in the body does not match the jobId in the path.");
        }
        String typeText = text(root, "type");
        if (typeText == null) {
            throw new ApiException(400, "ArgumentNull", "The job type is required.");
        }
        JobType type = JobType.fromWire(typeText);
        if (type == null) {
            throw new ApiException(400, "GenericBadRequest", "BadRequest");
        }
        String condition = text(root, "queryCondition");
        if (condition == null || condition.isBlank()) {
            throw invalid("queryCondition is required for job type " + type.wire() + ".");
        }
        if (condition.length() > 8192) {
            throw invalid("queryCondition exceeds 8192 characters.");
        }
        Instant startTime = startTime(root.get("startTime"), now);
        long maxExecution = maxExecution(root.get("maxExecutionTimeInSeconds"));
        if (type == JobType.SCHEDULE_DEVICE_METHOD) {
            return new JobSpec(pathJobId, type, condition, startTime, maxExecution,
                    method(root.get("cloudToDeviceMethod")), null, null, null);
        }
        JsonNode twin = root.get("updateTwin");
        if (twin == null || !twin.isObject()) {
            throw invalid("updateTwin is required for job type scheduleUpdateTwin.");
        }
        String etag = text(twin, "etag");
        if (!"*".equals(etag)) {
            throw invalid("Error: BadRequest {\"Message\":\"ErrorCode:ArgumentInvalid;Missing or invalid etag for job"
                    + " type ScheduleUpdateTwin. ScheduleUpdateTwin job type is a force update, which only accepts"
                    + " '*' as the Etag.\"}");
        }
        JsonNode tags = nullToMissing(twin.get("tags"));
        JsonNode properties = nullToMissing(twin.get("properties"));
        JsonNode desired = properties == null ? null : nullToMissing(properties.get("desired"));
        if (tags != null && !tags.isObject() || desired != null && !desired.isObject()
                || properties != null && !properties.isObject()) {
            throw invalid("updateTwin tags and properties.desired must be JSON objects.");
        }
        if (desired instanceof ObjectNode d) {
            d = d.deepCopy();
            d.remove("$version");
            d.remove("$metadata");
            desired = d;
        }
        if ((tags == null || tags.isEmpty()) && (desired == null || desired.isEmpty())) {
            throw invalid("updateTwin must change tags or properties.desired.");
        }
        checkTwinPatch(tags, "tags");
        checkTwinPatch(desired, "properties.desired");
        return new JobSpec(pathJobId, type, condition, startTime, maxExecution, null, (ObjectNode) twin.deepCopy(),
                tags, desired);
    }

    private static void checkTwinPatch(JsonNode patch, String what) {
        if (patch == null) {
            return;
        }
        if (depth(patch) > 10) {
            throw invalid(what + " is deeper than 10 levels.");
        }
        int size = Json.bytes(patch).length;
        if (size > 32 * 1024) {
            throw invalid(what + " exceeds 32 KB.");
        }
    }

    private static int depth(JsonNode node) {
        int max = 0;
        for (JsonNode child : node) {
            if (child.isContainerNode()) {
                max = Math.max(max, depth(child));
            }
        }
        return max + 1;
    }

    private static MethodCall method(JsonNode node) {
        if (node == null || !node.isObject()) {
            throw invalid("cloudToDeviceMethod is required for job type scheduleDeviceMethod.");
        }
        String name = text(node, "methodName");
        if (name == null || name.isBlank()) {
            throw invalid("cloudToDeviceMethod.methodName is required.");
        }
        if (name.length() > 128) {
            throw invalid("cloudToDeviceMethod.methodName is too long.");
        }
        JsonNode payload = node.get("payload");
        if (payload != null && Json.bytes(payload).length > MAX_METHOD_PAYLOAD) {
            throw invalid("The method payload exceeds 128 KB.");
        }
        int response = timeout(node.get("responseTimeoutInSeconds"), "responseTimeoutInSeconds", 30, 5);
        int connect = timeout(node.get("connectTimeoutInSeconds"), "connectTimeoutInSeconds", 0, 0);
        return new MethodCall(name, payload == null || payload.isNull() ? null : payload.deepCopy(), response,
                connect);
    }

    /** Timeouts are 5..300 s for responses and 0..300 s for connects (§8); absent means the default. */
    private static int timeout(JsonNode node, String field, int fallback, int min) {
        if (node == null || node.isNull()) {
            return fallback;
        }
        if (!node.canConvertToInt() || !node.isIntegralNumber()) {
            throw invalid(field + " must be an integer.");
        }
        int value = node.intValue();
        if (value == 0 && min > 0) {
            return fallback; // C# omits / sends 0 for "use the default"
        }
        if (value < min || value > 300) {
            throw invalid(field + " must be between " + min + " and 300 seconds.");
        }
        return value;
    }

    private static Instant startTime(JsonNode node, Instant now) {
        if (node == null || node.isNull()) {
            return now;
        }
        if (!node.isTextual()) {
            throw invalid("startTime must be an ISO 8601 date-time.");
        }
        String text = node.textValue();
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            try {
                // Dates without a zone (seen in device-job rows) are UTC.
                return LocalDateTime.parse(text).toInstant(ZoneOffset.UTC);
            } catch (DateTimeParseException e2) {
                throw invalid("startTime must be an ISO 8601 date-time.");
            }
        }
    }

    private static long maxExecution(JsonNode node) {
        if (node == null || node.isNull()) {
            return 3600; // what Node sends by default; no documented service default
        }
        if (!node.isIntegralNumber() || !node.canConvertToLong() || node.longValue() < 0) {
            throw invalid("maxExecutionTimeInSeconds must be a non-negative integer.");
        }
        return node.longValue();
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw invalid(field + " must be a string.");
        }
        return value.textValue();
    }

    private static JsonNode nullToMissing(JsonNode node) {
        return node == null || node.isNull() ? null : node;
    }

    static ApiException invalid(String message) {
        return new ApiException(400, "ArgumentInvalid", message);
    }
}
