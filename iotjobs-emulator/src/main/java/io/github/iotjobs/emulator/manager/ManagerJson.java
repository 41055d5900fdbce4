/*
 * Licensed to the Apache Software Foundation (ASF) under one or more contributor license agreements; and to You
 * under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance with the
 * License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.iotjobs.emulator.manager;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Iterator;
import java.util.Map;
import java.util.function.Predicate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.iotjobs.emulator.engine.Job;
import io.github.iotjobs.emulator.http.ApiException;
import io.github.iotjobs.emulator.json.Json;

/**
 * The .NET {@code JobApiModel} (protocol.md §11.3): PascalCase keys, numeric enums, {@code DateTimeOffset} times with
 * an explicit offset, TimeSpan timeouts as {@code hh:mm:ss}, the method payload as a JSON string. Built from the
 * engine's hub-shaped job, so both APIs describe the same job.
 */
final class ManagerJson {

    private static final DateTimeFormatter OFFSET = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSxxx")
            .withZone(ZoneOffset.UTC);

    private ManagerJson() {
    }

    /** @param rows null for no Devices; otherwise which device rows to include */
    static ObjectNode job(Job job, Predicate<ObjectNode> rows) {
        ObjectNode hub = job.toJson();
        ObjectNode out = Json.object();
        out.put("JobId", hub.path("jobId").asText());
        out.put("QueryCondition", hub.path("queryCondition").asText());
        out.put("CreatedTimeUtc", time(hub.path("createdTime").asText(null)));
        out.put("StartTimeUtc", time(hub.path("startTime").asText(null)));
        // EndTimeUtc is null unless the job is finished (.NET JobServiceModel).
        out.put("EndTimeUtc", job.status().terminal() ? time(hub.path("endTime").asText(null)) : null);
        out.put("MaxExecutionTimeInSeconds", hub.path("maxExecutionTimeInSeconds").asLong());
        out.put("Type", ManagerEnums.typeCode(job.spec().type()));
        out.put("Status", ManagerEnums.Status.of(job.status()).code);
        JsonNode method = hub.get("cloudToDeviceMethod");
        if (method != null) {
            ObjectNode m = out.putObject("MethodParameter");
            m.put("Name", method.path("methodName").asText());
            m.put("ResponseTimeout", timeSpan(method.path("responseTimeoutInSeconds").asInt()));
            m.put("ConnectionTimeout", timeSpan(method.path("connectTimeoutInSeconds").asInt()));
            JsonNode payload = method.get("payload");
            m.put("JsonPayload", payload == null || payload.isNull() ? null : payload.toString());
        } else {
            out.putNull("MethodParameter");
        }
        JsonNode twin = hub.get("updateTwin");
        if (twin != null) {
            ObjectNode t = out.putObject("UpdateTwin");
            t.put("ETag", twin.path("etag").asText(null));
            t.putNull("DeviceId");
            ObjectNode p = t.putObject("Properties");
            p.set("Reported", Json.object());
            JsonNode desired = twin.path("properties").get("desired");
            p.set("Desired", desired == null ? Json.object() : desired.deepCopy());
            JsonNode tags = twin.get("tags");
            t.set("Tags", tags == null ? Json.object() : tags.deepCopy());
            t.put("IsSimulated", false);
        } else {
            out.putNull("UpdateTwin");
        }
        out.put("FailureReason", hub.path("failureReason").asText(null));
        out.put("StatusMessage", hub.path("statusMessage").asText(null));
        JsonNode stats = hub.path("deviceJobStatistics");
        ObjectNode s = out.putObject("ResultStatistics");
        for (String name : new String[] {"deviceCount", "failedCount", "succeededCount", "runningCount",
            "pendingCount"}) {
            s.put(pascal(name), stats.path(name).asInt());
        }
        if (rows != null) {
            var devices = out.putArray("Devices");
            for (ObjectNode row : job.deviceRows()) {
                if (rows.test(row)) {
                    devices.add(deviceRow(row));
                }
            }
        } else {
            out.putNull("Devices");
        }
        return out;
    }

    private static ObjectNode deviceRow(ObjectNode row) {
        ObjectNode out = Json.object();
        out.put("DeviceId", row.path("deviceId").asText());
        out.put("Status", ManagerEnums.DeviceStatus.code(row.path("status").asText()));
        out.put("StartTimeUtc", time(row.path("startTimeUtc").asText(null)));
        out.put("EndTimeUtc", time(row.path("endTimeUtc").asText(null)));
        out.put("CreatedDateTimeUtc", time(row.path("createdDateTimeUtc").asText(null)));
        out.put("LastUpdatedDateTimeUtc", time(row.path("lastUpdatedDateTimeUtc").asText(null)));
        JsonNode response = row.path("outcome").get("deviceMethodResponse");
        if (response != null && response.isObject()) {
            ObjectNode outcome = out.putObject("Outcome");
            outcome.put("Status", response.path("status").asInt());
            JsonNode payload = response.get("payload");
            outcome.put("JsonPayload", payload == null || payload.isNull() ? null : payload.toString());
        }
        JsonNode error = row.get("error");
        if (error != null && error.isObject()) {
            ObjectNode e = out.putObject("Error");
            e.put("Code", error.path("code").asText(null));
            e.put("Description", error.path("description").asText(null));
        }
        return out;
    }

    /** A field by name in either casing (.NET model binding is case-insensitive); JSON null counts as absent. */
    static JsonNode field(JsonNode node, String name) {
        JsonNode value = node.get(name);
        if (value == null) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> e = it.next();
                if (e.getKey().equalsIgnoreCase(name)) {
                    value = e.getValue();
                    break;
                }
            }
        }
        return value == null || value.isNull() ? null : value;
    }

    static String text(JsonNode node, String name) {
        JsonNode value = field(node, name);
        if (value == null) {
            return null;
        }
        if (!value.isValueNode()) {
            throw ManagerApi.invalid(name + " must be a string.");
        }
        return value.asText();
    }

    /** A TimeSpan as a number of seconds, {@code [d.]hh:mm:ss}, or an ISO-8601 duration. */
    static int seconds(JsonNode node, int fallback) {
        if (node == null) {
            return fallback;
        }
        if (node.isNumber()) {
            return node.asInt();
        }
        String text = node.asText().trim();
        try {
            if (text.startsWith("P") || text.startsWith("p")) {
                return (int) java.time.Duration.parse(text).getSeconds();
            }
            if (text.matches("\\d+")) {
                return Integer.parseInt(text);
            }
            String[] dayAndTime = text.split("\\.", 2);
            int days = 0;
            String clock = text;
            if (dayAndTime.length == 2 && !dayAndTime[0].contains(":")) {
                days = Integer.parseInt(dayAndTime[0]);
                clock = dayAndTime[1];
            }
            String[] parts = clock.split(":");
            if (parts.length != 3) {
                throw new NumberFormatException(text);
            }
            double secs = Double.parseDouble(parts[2]);
            return days * 86400 + Integer.parseInt(parts[0]) * 3600 + Integer.parseInt(parts[1]) * 60 + (int) secs;
        } catch (RuntimeException e) {
            throw new ApiException(400, "InvalidInputException", "'" + text + "' is not a TimeSpan.");
        }
    }

    static Instant parseTime(String text) {
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            try {
                return LocalDateTime.parse(text).toInstant(ZoneOffset.UTC);
            } catch (DateTimeParseException e2) {
                return null;
            }
        }
    }

    private static String time(String hubTime) {
        if (hubTime == null) {
            return null;
        }
        Instant instant = parseTime(hubTime);
        return instant == null ? null : OFFSET.format(instant);
    }

    private static String timeSpan(int seconds) {
        return String.format("%02d:%02d:%02d", seconds / 3600, seconds / 60 % 60, seconds % 60);
    }

    private static String pascal(String name) {
        return Character.toUpperCase(name.charAt(0)) + name.substring(1);
    }
}
