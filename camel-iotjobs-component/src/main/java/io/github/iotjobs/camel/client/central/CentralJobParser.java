/*
 * Licensed to the Apache Software Foundation (ASF) under one or more contributor license agreements; and to You
 * under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance with the
 * License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.iotjobs.camel.client.central;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Locale;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.iotjobs.camel.IotJobsPlatform;
import io.github.iotjobs.camel.model.DeviceJob;
import io.github.iotjobs.camel.model.DeviceJobStatus;
import io.github.iotjobs.camel.model.IotJob;
import io.github.iotjobs.camel.model.JobStatistics;
import io.github.iotjobs.camel.model.JobStatus;

/**
 * Maps IoT Central {@code Job} and {@code JobDeviceStatus} documents onto the normalized models. The type of a
 * job is the type of its data entries (all entries share one); the device group stands in the query condition.
 */
public final class CentralJobParser {

    public IotJob job(JsonNode json) {
        String status = text(json, "status");
        JsonNode progress = json.get("progress");
        JobStatistics statistics = progress == null || !progress.isObject() ? null
                : new JobStatistics(progress.path("total").asInt(), progress.path("completed").asInt(),
                        progress.path("failed").asInt(), 0, progress.path("pending").asInt());
        return new IotJob(text(json, "id"), IotJobsPlatform.central.name(), dataType(json), jobStatus(status),
                status, text(json, "group"), null, time(json, "start"), time(json, "end"), statistics, null,
                null, json);
    }

    public DeviceJob deviceJob(String jobId, JsonNode json) {
        String status = text(json, "status");
        return new DeviceJob(jobId, text(json, "id"), deviceStatus(status), status, null, null, null, null, null,
                null, null);
    }

    /** IoT Central's words: pending, running, complete (completed accepted), failed, cancelled, stopped. */
    static JobStatus jobStatus(String status) {
        if (status == null) {
            return JobStatus.unknown;
        }
        return switch (status.toLowerCase(Locale.ROOT)) {
            case "pending" -> JobStatus.queued;
            case "running" -> JobStatus.running;
            case "complete", "completed" -> JobStatus.completed;
            case "failed" -> JobStatus.failed;
            case "cancelled", "canceled" -> JobStatus.cancelled;
            case "stopped" -> JobStatus.stopped;
            default -> JobStatus.unknown;
        };
    }

    static DeviceJobStatus deviceStatus(String status) {
        if (status == null) {
            return DeviceJobStatus.pending;
        }
        return switch (status.toLowerCase(Locale.ROOT)) {
            case "completed", "complete", "succeeded" -> DeviceJobStatus.completed;
            case "failed" -> DeviceJobStatus.failed;
            case "cancelled", "canceled" -> DeviceJobStatus.cancelled;
            case "running" -> DeviceJobStatus.running;
            default -> DeviceJobStatus.pending;
        };
    }

    /** The swagger name of the entries' type; the how-to doc's {@code PropertyJobData} style maps onto it. */
    static String dataType(JsonNode json) {
        String type = json.path("data").path(0).path("type").asText(null);
        String word = CentralDataTypes.swaggerWord(type);
        return word != null ? word : type;
    }

    private static String text(JsonNode json, String field) {
        JsonNode node = json.get(field);
        return node != null && node.isTextual() ? node.asText() : null;
    }

    private static Instant time(JsonNode json, String field) {
        String text = text(json, field);
        if (text == null) {
            return null;
        }
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException unreadable) {
            return null;
        }
    }
}
