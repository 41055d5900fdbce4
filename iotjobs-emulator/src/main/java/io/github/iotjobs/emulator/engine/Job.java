/*
 * Licensed to the Apache Software Foundation (ASF) under one or more contributor license agreements; and to You
 * under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance with the
 * License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.iotjobs.emulator.engine;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;
import java.util.function.Predicate;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.iotjobs.emulator.json.Json;

/**
 * One job and its device rows. All mutable state is guarded by this object's monitor. Rows are fixed when the job
 * starts; the engine reaches them in order ({@link #nextPending}), and method calls wait in {@link #inFlight} until
 * their answer is due, so each tick costs the work it does, not the size of the job.
 */
public final class Job {

    private final JobSpec spec;
    private final Instant createdTime;
    private volatile JobStatus status;
    Instant startedAt;
    Instant endTime;
    String failureReason;
    String statusMessage;
    /** Published once, complete, when the job starts; never changed after. */
    volatile List<DeviceJob> rows = List.of();
    int nextPending;
    final PriorityQueue<DeviceJob> inFlight = new PriorityQueue<>(Comparator.comparing((DeviceJob r) -> r.dueAt));
    int succeeded;
    int failed;

    Job(JobSpec spec, Instant createdTime, JobStatus status) {
        this.spec = spec;
        this.createdTime = createdTime;
        this.status = status;
    }

    public JobSpec spec() {
        return spec;
    }

    public Instant createdTime() {
        return createdTime;
    }

    public JobStatus status() {
        return status;
    }

    void status(JobStatus value) {
        status = value;
    }

    /** When the job ended (completed, failed or cancelled), or null while it has not. */
    public synchronized Instant endTime() {
        return endTime;
    }

    /** Counts a row that has just become terminal. */
    void settled(DeviceJob row) {
        if (row.status() == DeviceJobStatus.COMPLETED) {
            succeeded++;
        } else {
            failed++;
        }
    }

    /** The create response is sparse: only jobId, type and status (protocol.md §2.1). */
    public synchronized ObjectNode toSparseJson() {
        ObjectNode json = Json.object();
        json.put("jobId", spec.jobId());
        json.put("type", spec.type().wire());
        json.put("status", status.wire());
        return json;
    }

    /** The full JobResponse (§4.2); endTime is absent until the job is terminal. */
    public synchronized ObjectNode toJson() {
        ObjectNode json = Json.object();
        json.put("jobId", spec.jobId());
        json.put("queryCondition", spec.queryCondition());
        json.put("createdTime", Json.time(createdTime));
        json.put("startTime", Json.time(spec.startTime()));
        if (endTime != null) {
            json.put("endTime", Json.time(endTime));
        }
        json.put("maxExecutionTimeInSeconds", spec.maxExecutionTimeInSeconds());
        json.put("type", spec.type().wire());
        if (spec.method() != null) {
            ObjectNode method = json.putObject("cloudToDeviceMethod");
            method.put("methodName", spec.method().methodName());
            method.set("payload", spec.method().payload() == null ? Json.NODES.nullNode()
                    : spec.method().payload().deepCopy());
            method.put("responseTimeoutInSeconds", spec.method().responseTimeoutInSeconds());
            method.put("connectTimeoutInSeconds", spec.method().connectTimeoutInSeconds());
        }
        if (spec.updateTwin() != null) {
            json.set("updateTwin", spec.updateTwin().deepCopy());
        }
        json.put("status", status.wire());
        if (failureReason != null) {
            json.put("failureReason", failureReason);
        }
        if (statusMessage != null) {
            json.put("statusMessage", statusMessage);
        }
        json.set("deviceJobStatistics", statistics());
        return json;
    }

    /** Exact counts; deviceCount = pending + running + succeeded + failed (canceled rows count as failed). */
    synchronized ObjectNode statistics() {
        ObjectNode stats = Json.object();
        stats.put("deviceCount", rows.size());
        stats.put("failedCount", failed);
        stats.put("succeededCount", succeeded);
        stats.put("runningCount", inFlight.size());
        stats.put("pendingCount", rows.size() - nextPending);
        return stats;
    }

    /** The number of device rows (fixed once the job has started). */
    public int rowCount() {
        return rows.size();
    }

    /** Snapshot of the device rows as devices.jobs items, as they are now. */
    public synchronized List<ObjectNode> deviceRows() {
        List<ObjectNode> result = new ArrayList<>(rows.size());
        for (DeviceJob row : rows) {
            result.add(row.toJson(this));
        }
        return result;
    }

    /**
     * Reads rows from index {@code from} on as an index lagging until {@code cutoff} shows them, keeping those the
     * filter accepts, until {@code limit} are found; returns the index after the last row read (where the next page
     * starts), so a page costs what it reads, not the size of the job.
     */
    public int readRows(int from, Instant cutoff, Predicate<ObjectNode> filter, int limit,
                                     List<ObjectNode> into) {
        List<DeviceJob> all = rows;
        int i = Math.max(0, from);
        int found = 0;
        while (i < all.size() && found < limit) {
            ObjectNode row = all.get(i++).visibleAt(this, cutoff);
            if (row != null && filter.test(row)) {
                into.add(row);
                found++;
            }
        }
        return i;
    }
}
