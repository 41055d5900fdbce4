/*
 * Licensed to the Apache Software Foundation (ASF) under one or more contributor license agreements; and to You
 * under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance with the
 * License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.iotjobs.emulator.central;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.iotjobs.emulator.fleet.DeviceTwin;
import io.github.iotjobs.emulator.fleet.Fleet;
import io.github.iotjobs.emulator.json.Json;

/**
 * Applies one batch of a job's data entries to its next devices, then enforces the cancellation threshold. Without
 * a batch setting the whole job is one batch. A threshold is reached when failures reach its value (a count, or a
 * percentage of the batch or of the job, rounded up).
 */
final class BatchRunner {

    private final Fleet fleet;
    private final CentralJob job;

    BatchRunner(Fleet fleet, CentralJob job) {
        this.fleet = fleet;
        this.job = job;
    }

    void runNextBatch(Instant now) {
        int total = job.targets.size();
        int size = batchSize(total);
        List<String> batch = new ArrayList<>(job.targets.subList(job.cursor, Math.min(total, job.cursor + size)));
        int failed = 0;
        for (String deviceId : batch) {
            boolean ok = apply(deviceId);
            job.devices.put(deviceId, ok ? CentralJob.DEVICE_COMPLETED : CentralJob.FAILED);
            failed += ok ? 0 : 1;
        }
        job.cursor += batch.size();
        if (thresholdReached(failed, batch.size(), total)) {
            job.status = CentralJob.CANCELLED;
            job.end = now;
        } else if (job.cursor >= total) {
            job.status = job.count(CentralJob.FAILED) > 0 ? CentralJob.FAILED : CentralJob.COMPLETE;
            job.end = now;
        }
    }

    private int batchSize(int total) {
        JsonNode batch = job.definition.path("batch");
        if (!batch.isObject()) {
            return Math.max(1, total);
        }
        return Math.max(1, amount(batch, total));
    }

    private boolean thresholdReached(int batchFailures, int batchSize, int total) {
        JsonNode threshold = job.definition.path("cancellationThreshold");
        if (!threshold.isObject()) {
            return false;
        }
        boolean perBatch = threshold.path("batch").asBoolean(false);
        int limit = amount(threshold, perBatch ? batchSize : total);
        long failures = perBatch ? batchFailures : job.count(CentralJob.FAILED);
        return limit > 0 && failures >= limit;
    }

    private static int amount(JsonNode setting, int base) {
        double value = setting.path("value").asDouble();
        return "percentage".equals(setting.path("type").asText())
                ? (int) Math.ceil(base * value / 100.0) : (int) Math.ceil(value);
    }

    /** One device: every data entry must succeed. Commands need a connected device. */
    private boolean apply(String deviceId) {
        DeviceTwin twin = fleet.twin(deviceId).orElse(null);
        if (twin == null) {
            return false;
        }
        for (JsonNode entry : job.definition.path("data")) {
            String type = CentralRequests.dataType(entry);
            JsonNode value = entry.get("value");
            switch (type) {
                case "property" -> fleet.patch(deviceId, null, nested(entry.path("path").asText(), value));
                case "cloudProperty" -> fleet.patch(deviceId, nested(entry.path("path").asText(), value), null);
                case "deviceTemplateMigration" -> fleet.patch(deviceId,
                        Json.object().put(DeviceTemplates.TAG, entry.path("template").asText()), null);
                case "command" -> {
                    if (!fleet.twin(deviceId).map(DeviceTwin::connected).orElse(false)) {
                        return false;
                    }
                }
                default -> {
                    return false;
                }
            }
        }
        return true;
    }

    /** "component.property" becomes {"component":{"property":value}}. */
    private static ObjectNode nested(String path, JsonNode value) {
        String[] parts = path.split("\\.");
        ObjectNode root = Json.object();
        ObjectNode at = root;
        for (int i = 0; i < parts.length - 1; i++) {
            at = at.putObject(parts[i]);
        }
        at.set(parts[parts.length - 1], value == null ? Json.NODES.nullNode() : value.deepCopy());
        return root;
    }
}
