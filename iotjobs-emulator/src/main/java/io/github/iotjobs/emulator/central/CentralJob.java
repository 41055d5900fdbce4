/*
 * Licensed to the Apache Software Foundation (ASF) under one or more contributor license agreements; and to You
 * under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance with the
 * License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.iotjobs.emulator.central;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.iotjobs.emulator.json.Json;

/** One IoT Central job: its definition as sent, its status and one status per device, guarded by the engine. */
final class CentralJob {

    static final String PENDING = "pending";
    static final String RUNNING = "running";
    static final String COMPLETE = "complete";
    static final String FAILED = "failed";
    static final String CANCELLED = "cancelled";
    static final String STOPPED = "stopped";
    static final String DEVICE_COMPLETED = "completed";

    final String id;
    final ObjectNode definition;
    final Instant created;
    /** Device ids fixed at creation (a rerun's are the failed devices of its source job). */
    final List<String> targets;
    final Map<String, String> devices = new LinkedHashMap<>();
    String status = PENDING;
    Instant start;
    Instant end;
    int cursor;

    CentralJob(String id, ObjectNode definition, Instant created, List<String> targets) {
        this.id = id;
        this.definition = definition;
        this.created = created;
        this.targets = targets;
        targets.forEach(d -> devices.put(d, PENDING));
    }

    boolean active() {
        return status.equals(PENDING) || status.equals(RUNNING);
    }

    boolean terminal() {
        return status.equals(COMPLETE) || status.equals(FAILED) || status.equals(CANCELLED);
    }

    long count(String deviceStatus) {
        return devices.values().stream().filter(deviceStatus::equals).count();
    }

    List<String> failedDevices() {
        List<String> failed = new ArrayList<>();
        devices.forEach((id, s) -> {
            if (s.equals(FAILED)) {
                failed.add(id);
            }
        });
        return failed;
    }

    ObjectNode toJson() {
        ObjectNode json = Json.object();
        json.put("id", id);
        definition.fields().forEachRemaining(e -> json.set(e.getKey(), e.getValue().deepCopy()));
        if (start != null) {
            json.put("start", Json.time(start));
        }
        if (end != null) {
            json.put("end", Json.time(end));
        }
        ObjectNode progress = json.putObject("progress");
        progress.put("total", devices.size());
        progress.put("pending", count(PENDING));
        progress.put("completed", count(DEVICE_COMPLETED));
        progress.put("failed", count(FAILED));
        json.put("status", status);
        return json;
    }

    JsonNode deviceJson(String deviceId) {
        return Json.object().put("id", deviceId).put("status", devices.get(deviceId));
    }
}
