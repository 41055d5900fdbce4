/*
 * Licensed to the Apache Software Foundation (ASF) under one or more contributor license agreements; and to You
 * under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance with the
 * License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.iotjobs.emulator.engine;

import java.time.Duration;
import java.time.Instant;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.iotjobs.emulator.json.Json;

/**
 * One device's row of a job (the devices.jobs item, §4.6). Its state is immutable and replaced on each change;
 * with an index lag the replaced states are kept as long as the lagging index may still show them.
 */
final class DeviceJob {

    final String deviceId;
    final Instant created;
    private volatile RowState state;
    // Engine-only, guarded by the owning job's lock: when a method answer is due, and what it will be.
    Instant dueAt;
    boolean willFail;
    boolean timesOut;

    DeviceJob(String deviceId, Instant created) {
        this.deviceId = deviceId;
        this.created = created;
        this.state = RowState.pending(created);
    }

    DeviceJobStatus status() {
        return state.status();
    }

    void running(Instant now, Duration lag) {
        replace(state.running(now), now, lag);
    }

    void complete(Instant now, Integer responseStatus, JsonNode payload, Duration lag) {
        replace(state.completed(now, responseStatus, payload), now, lag);
    }

    void fail(String code, String description, Instant now, Duration lag) {
        fail(code, description, null, null, now, lag);
    }

    void fail(String code, String description, Integer responseStatus, JsonNode payload, Instant now,
              Duration lag) {
        replace(state.failed(now, code, description, responseStatus, payload), now, lag);
    }

    private void replace(RowState next, Instant now, Duration lag) {
        state = lag.isZero() ? next.prunedBefore(now) : next.prunedBefore(now.minus(lag));
    }

    /** The row as an index lagging until {@code cutoff} shows it, or null when the row is not indexed yet. */
    ObjectNode visibleAt(Job job, Instant cutoff) {
        RowState s = state;
        while (s != null && s.updated().isAfter(cutoff)) {
            s = s.older();
        }
        return s == null ? null : toJson(job, s);
    }

    ObjectNode toJson(Job job) {
        return toJson(job, state);
    }

    private ObjectNode toJson(Job job, RowState s) {
        ObjectNode row = Json.object();
        row.put("deviceId", deviceId);
        row.put("jobId", job.spec().jobId());
        row.put("jobType", job.spec().type().wire());
        row.put("status", s.status().wire());
        row.put("startTimeUtc", Json.time(s.started()));
        row.put("endTimeUtc", Json.time(s.ended()));
        row.put("createdDateTimeUtc", Json.time(created));
        row.put("lastUpdatedDateTimeUtc", Json.time(s.updated()));
        ObjectNode outcome = row.putObject("outcome");
        if (s.responseStatus() != null) {
            ObjectNode response = outcome.putObject("deviceMethodResponse");
            response.put("status", s.responseStatus());
            response.set("payload", s.responsePayload() == null ? Json.NODES.nullNode() : s.responsePayload());
        } else {
            outcome.putNull("deviceMethodResponse");
        }
        if (s.errorCode() != null) {
            ObjectNode error = row.putObject("error");
            error.put("code", s.errorCode());
            error.put("description", s.errorDescription());
        }
        return row;
    }
}
