/*
 * Licensed to the Apache Software Foundation (ASF) under one or more contributor license agreements; and to You
 * under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance with the
 * License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.iotjobs.camel.client.central;

import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Set;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.iotjobs.camel.validation.IotJobsValidationException;

/**
 * IoT Central input rules (protocol.md §10.4-10.5), checked before any request and naming the field: ids, job
 * definitions (group, data[], batch, cancellationThreshold), schedules and scheduled-job merge patches. Data types
 * are read in both spellings and rewritten to the swagger's words, which is what is sent.
 */
public final class CentralInputRules {

    private static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]{1,255}");
    private static final Set<String> RECURRENCES = Set.of("daily", "weekly", "monthly");
    private static final int MAX_OCCURRENCES = 999;

    private CentralInputRules() {
    }

    public static void id(String field, String id) {
        if (!ID.matcher(id).matches()) {
            throw new IotJobsValidationException(field, field + " '" + id + "' must be 1 to 255 letters, digits,"
                                                        + " '_' or '-'");
        }
    }

    public static void job(String field, ObjectNode job) {
        group(field, job.get("group"));
        data(field, job.get("data"));
        amount(field + ".batch", job.get("batch"));
        threshold(field + ".cancellationThreshold", job.get("cancellationThreshold"));
    }

    public static void scheduledJob(String field, ObjectNode job) {
        job(field, job);
        JsonNode schedule = job.get("schedule");
        if (schedule == null || !schedule.isObject()) {
            throw new IotJobsValidationException(field + ".schedule", field + ".schedule is required: an object with"
                                                                      + " start, and optional recurrence and end");
        }
        schedule(field + ".schedule", schedule, true);
        enabled(field, job.get("enabled"));
    }

    /** A merge patch: each field present is checked; null removes, and may only remove optional fields. */
    public static void scheduledJobPatch(String field, ObjectNode patch) {
        if (patch.isEmpty()) {
            throw new IotJobsValidationException(field, field + " (message body) changes nothing");
        }
        for (String required : new String[] {"group", "data", "schedule"}) {
            if (patch.has(required) && patch.get(required).isNull()) {
                throw new IotJobsValidationException(field + "." + required, field + "." + required
                                                                             + " is required and cannot be removed");
            }
        }
        if (patch.has("group")) {
            group(field, patch.get("group"));
        }
        if (patch.has("data")) {
            data(field, patch.get("data"));
        }
        amount(field + ".batch", patch.get("batch"));
        threshold(field + ".cancellationThreshold", patch.get("cancellationThreshold"));
        if (patch.has("schedule")) {
            if (!patch.get("schedule").isObject()) {
                throw new IotJobsValidationException(field + ".schedule", field + ".schedule must be an object");
            }
            schedule(field + ".schedule", patch.get("schedule"), false);
        }
        enabled(field, patch.get("enabled"));
    }

    private static void group(String field, JsonNode group) {
        if (group == null || !group.isTextual() || group.asText().isBlank()) {
            throw new IotJobsValidationException(field + ".group", field + ".group is required: the id of the"
                                                                   + " device group the job runs on");
        }
    }

    private static void data(String field, JsonNode data) {
        String name = field + ".data";
        if (data == null || !data.isArray() || data.isEmpty()) {
            throw new IotJobsValidationException(name, name + " is required: at least one property, command,"
                                                       + " cloudProperty or deviceTemplateMigration entry");
        }
        String firstType = null;
        for (int i = 0; i < data.size(); i++) {
            String entryName = name + "[" + i + "]";
            JsonNode entry = data.get(i);
            String sent = entry.path("type").asText("");
            String type = CentralDataTypes.swaggerWord(sent);
            if (type == null) {
                throw new IotJobsValidationException(entryName + ".type", entryName + ".type '" + sent + "' is not"
                                                                          + " one of " + CentralDataTypes.WORDS
                                                                          + " (or PropertyJobData, ...)");
            }
            if (CentralDataTypes.isCapability(type)) {
                requireText(entryName + ".target", entry.get("target"));
                requireText(entryName + ".path", entry.get("path"));
                JsonNode value = entry.get("value");
                if (!type.equals(CentralDataTypes.COMMAND) && (value == null || value.isNull())) {
                    throw new IotJobsValidationException(entryName + ".value", entryName + ".value is required for"
                                                                               + " a " + type + " entry");
                }
            } else {
                requireText(entryName + ".template", entry.get("template"));
            }
            if (firstType != null && !firstType.equals(type)) {
                throw new IotJobsValidationException(entryName + ".type", "all " + name + " entries must have the"
                                                                          + " same type; got " + firstType + " and "
                                                                          + type);
            }
            firstType = type;
            if (entry.isObject() && !type.equals(sent)) {
                ((ObjectNode) entry).put("type", type);
            }
        }
    }

    private static void requireText(String field, JsonNode node) {
        if (node == null || !node.isTextual() || node.asText().isEmpty()) {
            throw new IotJobsValidationException(field, field + " is required and must be a non-empty string");
        }
    }

    /** batch and cancellationThreshold: {"type":"number"|"percentage","value":N}. */
    private static void amount(String field, JsonNode node) {
        if (node == null || node.isNull()) {
            return;
        }
        if (!node.isObject()) {
            throw new IotJobsValidationException(field, field + " must be an object with type and value");
        }
        String type = node.path("type").asText("");
        if (!type.equals("number") && !type.equals("percentage")) {
            throw new IotJobsValidationException(field + ".type", field + ".type '" + type + "' is not one of"
                                                                  + " number, percentage");
        }
        JsonNode value = node.get("value");
        if (value == null || !value.isNumber()) {
            throw new IotJobsValidationException(field + ".value", field + ".value is required and must be a number");
        }
        double v = value.asDouble();
        if (type.equals("percentage") && (v <= 0 || v > 100)) {
            throw new IotJobsValidationException(field + ".value", field + ".value " + value + " must be a percentage"
                                                                   + " above 0 and at most 100");
        }
        if (type.equals("number") && (v < 1 || v != Math.rint(v))) {
            throw new IotJobsValidationException(field + ".value", field + ".value " + value + " must be a whole"
                                                                   + " number of devices, at least 1");
        }
    }

    private static void threshold(String field, JsonNode node) {
        amount(field, node);
        if (node != null && node.has("batch") && !node.get("batch").isBoolean()) {
            throw new IotJobsValidationException(field + ".batch", field + ".batch must be true (per batch) or false"
                                                                   + " (the whole job)");
        }
    }

    private static void schedule(String field, JsonNode schedule, boolean complete) {
        JsonNode start = schedule.get("start");
        if (complete || schedule.has("start")) {
            if (start == null || !start.isTextual() || !isInstant(start.asText())) {
                throw new IotJobsValidationException(field + ".start", field + ".start is required: an ISO-8601"
                                                                       + " date-time such as 2026-05-24T22:29:01Z");
            }
        }
        JsonNode recurrence = schedule.get("recurrence");
        if (recurrence != null && !recurrence.isNull() && !RECURRENCES.contains(recurrence.asText())) {
            throw new IotJobsValidationException(field + ".recurrence", field + ".recurrence '" + recurrence.asText()
                                                                        + "' is not one of daily, weekly, monthly");
        }
        JsonNode end = schedule.get("end");
        if (end == null || end.isNull()) {
            return;
        }
        String type = end.path("type").asText("");
        switch (type) {
            case "date" -> {
                try {
                    LocalDate.parse(end.path("date").asText(""));
                } catch (DateTimeParseException e) {
                    throw new IotJobsValidationException(field + ".end.date", field + ".end.date must be a date such"
                                                                              + " as 2026-12-30");
                }
            }
            case "occurrences" -> {
                JsonNode n = end.get("occurrences");
                if (n == null || !n.canConvertToInt() || !n.isIntegralNumber() || n.asInt() < 1
                    || n.asInt() > MAX_OCCURRENCES) {
                    throw new IotJobsValidationException(field + ".end.occurrences", field + ".end.occurrences must"
                                                                                     + " be a whole number from 1 to"
                                                                                     + " 999");
                }
            }
            default -> throw new IotJobsValidationException(field + ".end.type", field + ".end.type '" + type
                                                                                 + "' is not one of date, occurrences");
        }
    }

    private static void enabled(String field, JsonNode enabled) {
        if (enabled != null && !enabled.isNull() && !enabled.isBoolean()) {
            throw new IotJobsValidationException(field + ".enabled", field + ".enabled must be true or false");
        }
    }

    private static boolean isInstant(String text) {
        try {
            Instant.parse(text);
            return true;
        } catch (DateTimeParseException e) {
            return false;
        }
    }
}
