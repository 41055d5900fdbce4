/*
 * Licensed to the Apache Software Foundation (ASF) under one or more contributor license agreements; and to You
 * under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance with the
 * License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.iotjobs.emulator.central;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.iotjobs.emulator.json.Json;

/** A scheduled job definition and where its schedule stands: runs started so far, next due run, completion. */
final class ScheduledJob {

    final String id;
    ObjectNode definition;
    String etag;
    int runs;
    boolean completed;

    ScheduledJob(String id, ObjectNode definition, String etag) {
        this.id = id;
        this.definition = definition;
        this.etag = etag;
    }

    boolean enabled() {
        return definition.path("enabled").asBoolean(true);
    }

    JsonNode schedule() {
        return definition.path("schedule");
    }

    /** The start time of run number {@code index} (0-based), from the schedule's start and recurrence. */
    Instant runTime(int index) {
        Instant start = Instant.parse(schedule().path("start").asText());
        String recurrence = schedule().path("recurrence").asText("");
        var utc = start.atZone(ZoneOffset.UTC);
        return switch (recurrence) {
            case "daily" -> utc.plusDays(index).toInstant();
            case "weekly" -> utc.plusWeeks(index).toInstant();
            case "monthly" -> utc.plusMonths(index).toInstant();
            default -> start;
        };
    }

    /** Whether run number {@code index} may still happen under the recurrence and end rules. */
    boolean allows(int index) {
        if (index > 0 && !schedule().hasNonNull("recurrence")) {
            return false;
        }
        JsonNode end = schedule().path("end");
        if ("occurrences".equals(end.path("type").asText())) {
            return index < end.path("occurrences").asInt();
        }
        if ("date".equals(end.path("type").asText())) {
            LocalDate last = LocalDate.parse(end.path("date").asText());
            return !runTime(index).atZone(ZoneOffset.UTC).toLocalDate().isAfter(last);
        }
        return true;
    }

    ObjectNode toJson() {
        ObjectNode json = Json.object();
        json.put("id", id);
        definition.fields().forEachRemaining(e -> json.set(e.getKey(), e.getValue().deepCopy()));
        json.put("enabled", enabled());
        json.put("completed", completed);
        json.put("etag", etag);
        return json;
    }
}
