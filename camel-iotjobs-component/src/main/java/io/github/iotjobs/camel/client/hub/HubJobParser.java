/*
 * Licensed to the Apache Software Foundation (ASF) under one or more contributor license agreements; and to You
 * under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance with the
 * License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.iotjobs.camel.client.hub;

import java.time.Instant;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.iotjobs.camel.IotJobsPlatform;
import io.github.iotjobs.camel.model.DeviceJob;
import io.github.iotjobs.camel.model.DeviceJobError;
import io.github.iotjobs.camel.model.IotJob;
import io.github.iotjobs.camel.model.JobStatistics;
import io.github.iotjobs.camel.client.PlatformTimes;

/**
 * Reads IoT Hub job responses and device-job rows into the normalized models, accepting every shape the hub has sent:
 * the sparse create response, {@code type} or {@code jobType}, {@code createdTime} or {@code createdDateTimeUtc},
 * times without a zone (UTC), the {@code 9999-12-30} end time of unfinished jobs, both spellings of cancelled, and
 * unknown fields.
 */
public final class HubJobParser {

    public IotJob job(JsonNode node) {
        String platformStatus = text(node, "status");
        return new IotJob(
                text(node, "jobId"),
                IotJobsPlatform.hub.name(),
                firstText(node, "type", "jobType"),
                HubStatusWords.job(platformStatus),
                platformStatus,
                text(node, "queryCondition"),
                time(node, "createdTime", "createdDateTimeUtc"),
                time(node, "startTime", "startTimeUtc"),
                time(node, "endTime", "endTimeUtc"),
                statistics(node.get("deviceJobStatistics")),
                text(node, "failureReason"),
                text(node, "statusMessage"),
                node);
    }

    public DeviceJob deviceJob(JsonNode node) {
        return deviceJob(text(node, "jobId"), text(node, "deviceId"), text(node, "status"), text(node, "jobType"),
                firstText(node, "createdDateTimeUtc", "createdTime"), firstText(node, "startTimeUtc", "startTime"),
                firstText(node, "endTimeUtc", "endTime"), firstText(node, "lastUpdatedDateTimeUtc", "lastUpdatedTime"),
                node.get("outcome"), node.get("error"));
    }

    /** A row from its fields as sent, whichever reader took them apart; the times in the spelling that won. */
    DeviceJob deviceJob(String jobId, String deviceId, String platformStatus, String jobType, String createdTime,
                        String startTime, String endTime, String lastUpdatedTime, JsonNode outcome, JsonNode error) {
        return new DeviceJob(
                jobId,
                deviceId,
                HubStatusWords.device(platformStatus),
                platformStatus,
                jobType,
                PlatformTimes.parse(createdTime),
                PlatformTimes.parse(startTime),
                PlatformTimes.parse(endTime),
                PlatformTimes.parse(lastUpdatedTime),
                outcome == null || outcome.isNull() ? null : outcome,
                error == null || !error.isObject() ? null
                        : new DeviceJobError(text(error, "code"), text(error, "description")));
    }

    private static JobStatistics statistics(JsonNode node) {
        if (node == null || !node.isObject()) {
            return null;
        }
        return new JobStatistics(node.path("deviceCount").asInt(), node.path("succeededCount").asInt(),
                node.path("failedCount").asInt(), node.path("runningCount").asInt(), node.path("pendingCount").asInt());
    }

    private static String firstText(JsonNode node, String name, String alternative) {
        String value = text(node, name);
        return value != null ? value : text(node, alternative);
    }

    private static String text(JsonNode node, String name) {
        JsonNode value = node.get(name);
        return value == null || value.isNull() ? null : value.asText();
    }

    private static Instant time(JsonNode node, String name, String alternative) {
        return PlatformTimes.parse(firstText(node, name, alternative));
    }
}
