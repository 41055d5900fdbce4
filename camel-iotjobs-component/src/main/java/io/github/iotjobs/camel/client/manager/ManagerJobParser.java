/*
 * Licensed to the Apache Software Foundation (ASF) under one or more contributor license agreements; and to You
 * under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance with the
 * License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.iotjobs.camel.client.manager;

import java.time.Instant;
import java.util.Iterator;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.iotjobs.camel.IotJobsPlatform;
import io.github.iotjobs.camel.model.DeviceJob;
import io.github.iotjobs.camel.model.DeviceJobError;
import io.github.iotjobs.camel.model.IotJob;
import io.github.iotjobs.camel.model.JobStatistics;
import io.github.iotjobs.camel.client.PlatformTimes;
import io.github.iotjobs.camel.client.hub.HubStatusWords;

/**
 * Reads iothub-manager job objects (protocol.md §11.3) in both casings: the .NET service's PascalCase
 * ({@code JobId}, {@code ResultStatistics}) and the Java port's camelCase ({@code jobId}, {@code resultStatistics},
 * with {@code Devices} capitalized), with enums as numbers (§11.2) or names. Job types come out as the hub's words
 * ({@code scheduleDeviceMethod}, {@code scheduleUpdateTwin}) so that {@code jobType} filters read the same on both.
 */
public final class ManagerJobParser {

    public IotJob job(JsonNode node) {
        String platformStatus = enumName(field(node, "Status"), ManagerCodes.JOB_STATUS_NAMES);
        return new IotJob(
                text(node, "JobId"),
                IotJobsPlatform.manager.name(),
                jobType(field(node, "Type")),
                HubStatusWords.job(platformStatus),
                platformStatus,
                text(node, "QueryCondition"),
                time(node, "CreatedTimeUtc"),
                time(node, "StartTimeUtc"),
                time(node, "EndTimeUtc"),
                statistics(field(node, "ResultStatistics")),
                text(node, "FailureReason"),
                text(node, "StatusMessage"),
                node);
    }

    /** The per-device rows of a job read with includeDeviceDetails: {@code Devices} (or {@code devices}). */
    public Iterable<JsonNode> devices(JsonNode job) {
        JsonNode devices = field(job, "Devices");
        return devices == null || !devices.isArray() ? java.util.List.of() : devices;
    }

    public DeviceJob deviceJob(String jobId, String jobType, JsonNode node) {
        String platformStatus = enumName(field(node, "Status"), ManagerCodes.DEVICE_STATUS_NAMES);
        JsonNode outcome = field(node, "Outcome");
        JsonNode error = field(node, "Error");
        return new DeviceJob(
                jobId,
                text(node, "DeviceId"),
                HubStatusWords.device(platformStatus),
                platformStatus,
                jobType,
                time(node, "CreatedDateTimeUtc"),
                time(node, "StartTimeUtc"),
                time(node, "EndTimeUtc"),
                time(node, "LastUpdatedDateTimeUtc"),
                outcome,
                error == null || !error.isObject() ? null
                        : new DeviceJobError(text(error, "Code"), text(error, "Description")));
    }

    private static String jobType(JsonNode value) {
        return value == null ? null : ManagerCodes.jobTypeWord(value.asText());
    }

    /** A number becomes its name; a name is kept as sent. */
    private static String enumName(JsonNode value, String[] names) {
        if (value == null) {
            return null;
        }
        String text = value.asText().trim();
        if (value.isNumber() || text.matches("\\d+")) {
            int code = value.isNumber() ? value.asInt() : Integer.parseInt(text);
            return code >= 0 && code < names.length ? names[code] : text;
        }
        return text;
    }

    private static JobStatistics statistics(JsonNode node) {
        if (node == null || !node.isObject()) {
            return null;
        }
        return new JobStatistics(integer(node, "DeviceCount"), integer(node, "SucceededCount"),
                integer(node, "FailedCount"), integer(node, "RunningCount"), integer(node, "PendingCount"));
    }

    private static int integer(JsonNode node, String name) {
        JsonNode value = field(node, name);
        return value == null ? 0 : value.asInt();
    }

    /** A member by its PascalCase name, its camelCase name, or any casing; JSON null counts as absent. */
    static JsonNode field(JsonNode node, String pascalName) {
        if (node == null || !node.isObject()) {
            return null;
        }
        JsonNode value = node.get(pascalName);
        if (value == null) {
            value = node.get(Character.toLowerCase(pascalName.charAt(0)) + pascalName.substring(1));
        }
        if (value == null) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> e = it.next();
                if (e.getKey().equalsIgnoreCase(pascalName)) {
                    value = e.getValue();
                    break;
                }
            }
        }
        return value == null || value.isNull() || value.isMissingNode() ? null : value;
    }

    private static String text(JsonNode node, String name) {
        JsonNode value = field(node, name);
        return value == null ? null : value.asText();
    }

    private static Instant time(JsonNode node, String name) {
        return PlatformTimes.parse(text(node, name));
    }
}
