/*
 * Licensed to the Apache Software Foundation (ASF) under one or more contributor license agreements; and to You
 * under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance with the
 * License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.iotjobs.emulator.engine;

import java.time.Instant;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.iotjobs.emulator.json.Json;

/** One device's row of a job (the devices.jobs item, §4.6). Guarded by the owning job's lock. */
final class DeviceJob {

    final String deviceId;
    final Instant created;
    DeviceJobStatus status = DeviceJobStatus.PENDING;
    Instant started;
    Instant ended;
    Instant updated;
    // Method jobs: when the simulated answer is due, and what it will be.
    Instant dueAt;
    Integer responseStatus;
    JsonNode responsePayload;
    String errorCode;
    String errorDescription;
    boolean willFail;

    DeviceJob(String deviceId, Instant created) {
        this.deviceId = deviceId;
        this.created = created;
        this.updated = created;
    }

    void finish(DeviceJobStatus terminal, Instant now) {
        status = terminal;
        if (started == null) {
            started = now;
        }
        ended = now;
        updated = now;
    }

    void fail(String code, String description, Instant now) {
        errorCode = code;
        errorDescription = description;
        finish(DeviceJobStatus.FAILED, now);
    }

    ObjectNode toJson(Job job) {
        ObjectNode row = Json.object();
        row.put("deviceId", deviceId);
        row.put("jobId", job.spec().jobId());
        row.put("jobType", job.spec().type().wire());
        row.put("status", status.wire());
        row.put("startTimeUtc", Json.time(started));
        row.put("endTimeUtc", Json.time(ended));
        row.put("createdDateTimeUtc", Json.time(created));
        row.put("lastUpdatedDateTimeUtc", Json.time(updated));
        ObjectNode outcome = row.putObject("outcome");
        if (responseStatus != null) {
            ObjectNode response = outcome.putObject("deviceMethodResponse");
            response.put("status", responseStatus);
            response.set("payload", responsePayload == null ? Json.NODES.nullNode() : responsePayload);
        } else {
            outcome.putNull("deviceMethodResponse");
        }
        if (errorCode != null) {
            ObjectNode error = row.putObject("error");
            error.put("code", errorCode);
            error.put("description", errorDescription);
        }
        return row;
    }
}
