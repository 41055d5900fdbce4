/*
 * Licensed to the Apache Software Foundation (ASF) under one or more contributor license agreements; and to You
 * under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance with the
 * License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.iotjobs.emulator.central;

import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.iotjobs.emulator.json.Json;

/** Validates IoT Central job and scheduled-job bodies (protocol.md §10.4-10.5) and keeps their writable fields. */
final class CentralRequests {

    static final String ID_PATTERN = "[a-zA-Z0-9_-]{1,255}";
    private static final Set<String> JOB_FIELDS = Set.of("displayName", "description", "group", "batch",
            "cancellationThreshold", "data", "organizations", "scheduledJobId");
    private static final Set<String> SCHEDULED_FIELDS = Set.of("displayName", "description", "group", "batch",
            "cancellationThreshold", "data", "organizations", "schedule", "enabled");

    private CentralRequests() {
    }

    static void checkId(String what, String id) {
        if (!id.matches(ID_PATTERN)) {
            throw CentralException.badRequest(what + " must be 1-255 letters, digits, '_' or '-'.");
        }
    }

    /** The swagger spelling of an entry's type; the how-to doc's PropertyJobData style is accepted too. */
    static String dataType(JsonNode entry) {
        String type = entry.path("type").asText("");
        return switch (type) {
            case "PropertyJobData" -> "property";
            case "CommandJobData" -> "command";
            case "CloudPropertyJobData" -> "cloudProperty";
            case "DeviceTemplateMigrationJobData" -> "deviceTemplateMigration";
            default -> type;
        };
    }

    static void checkJob(JsonNode body) {
        if (body == null || !body.isObject()) {
            throw CentralException.badRequest("The request body must be a JSON object.");
        }
        if (!body.path("group").isTextual() || body.get("group").asText().isEmpty()) {
            throw CentralException.invalid("group is required.");
        }
        JsonNode data = body.path("data");
        if (!data.isArray() || data.isEmpty()) {
            throw CentralException.invalid("data must hold at least one entry.");
        }
        String first = null;
        for (JsonNode entry : data) {
            String type = dataType(entry);
            switch (type) {
                case "property", "command", "cloudProperty" -> {
                    if (entry.path("target").asText("").isEmpty() || !entry.path("path").isTextual()) {
                        throw CentralException.invalid("data entries of type " + type + " need target and path.");
                    }
                    if (!type.equals("command") && (entry.get("value") == null || entry.get("value").isNull())) {
                        throw CentralException.invalid("data entries of type " + type + " need a value.");
                    }
                }
                case "deviceTemplateMigration" -> {
                    if (entry.path("template").asText("").isEmpty()) {
                        throw CentralException.invalid("deviceTemplateMigration entries need a template.");
                    }
                }
                default -> throw CentralException.invalid("Unknown data entry type '" + type + "'.");
            }
            if (first != null && !first.equals(type)) {
                throw CentralException.invalid("All data entries must be of the same type.");
            }
            first = type;
        }
        checkAmount("batch", body.get("batch"));
        checkAmount("cancellationThreshold", body.get("cancellationThreshold"));
        JsonNode threshold = body.get("cancellationThreshold");
        if (threshold != null && threshold.has("batch") && !threshold.get("batch").isBoolean()) {
            throw CentralException.invalid("cancellationThreshold.batch must be a boolean.");
        }
    }

    private static void checkAmount(String field, JsonNode node) {
        if (node == null || node.isNull()) {
            return;
        }
        String type = node.path("type").asText("");
        if (!type.equals("number") && !type.equals("percentage")) {
            throw CentralException.invalid(field + ".type must be number or percentage.");
        }
        JsonNode value = node.get("value");
        if (value == null || !value.isNumber() || value.asDouble() <= 0
                || (type.equals("percentage") && value.asDouble() > 100)) {
            throw CentralException.invalid(field + ".value must be a positive number (at most 100 for a percentage).");
        }
    }

    static void checkScheduledJob(JsonNode body) {
        checkJob(body);
        JsonNode schedule = body.path("schedule");
        if (!schedule.isObject()) {
            throw CentralException.invalid("schedule is required.");
        }
        try {
            Instant.parse(schedule.path("start").asText());
        } catch (DateTimeParseException e) {
            throw CentralException.invalid("schedule.start must be a date-time.");
        }
        if (schedule.hasNonNull("recurrence")
                && !Set.of("daily", "weekly", "monthly").contains(schedule.get("recurrence").asText())) {
            throw CentralException.invalid("schedule.recurrence must be daily, weekly or monthly.");
        }
        JsonNode end = schedule.get("end");
        if (end != null && !end.isNull()) {
            switch (end.path("type").asText("")) {
                case "date" -> {
                    try {
                        LocalDate.parse(end.path("date").asText());
                    } catch (DateTimeParseException e) {
                        throw CentralException.invalid("schedule.end.date must be a date.");
                    }
                }
                case "occurrences" -> {
                    int n = end.path("occurrences").asInt(0);
                    if (!end.path("occurrences").isInt() || n < 1 || n > 999) {
                        throw CentralException.invalid("schedule.end.occurrences must be 1 to 999.");
                    }
                }
                default -> throw CentralException.invalid("schedule.end.type must be date or occurrences.");
            }
        }
        if (body.has("enabled") && !body.get("enabled").isBoolean()) {
            throw CentralException.invalid("enabled must be a boolean.");
        }
    }

    static ObjectNode jobDefinition(JsonNode body) {
        return keep(body, JOB_FIELDS);
    }

    static ObjectNode scheduledDefinition(JsonNode body) {
        return keep(body, SCHEDULED_FIELDS);
    }

    private static ObjectNode keep(JsonNode body, Set<String> fields) {
        ObjectNode kept = Json.object();
        body.fields().forEachRemaining(e -> {
            if (fields.contains(e.getKey()) && !e.getValue().isNull()) {
                kept.set(e.getKey(), e.getValue().deepCopy());
            }
        });
        return kept;
    }
}
