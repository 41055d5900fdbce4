/*
 * Licensed to the Apache Software Foundation (ASF) under one or more contributor license agreements; and to You
 * under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance with the
 * License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.iotjobs.emulator.central;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.iotjobs.emulator.fleet.DeviceTwin;
import io.github.iotjobs.emulator.fleet.Fleet;
import io.github.iotjobs.emulator.http.ApiException;
import io.github.iotjobs.emulator.json.Json;

/**
 * IoT Central device groups, jobs and scheduled jobs over the shared fleet. Like the hub engine, time comes only
 * from the clock and work happens only in {@link #tick()}: each tick a running job processes one batch, and due
 * scheduled runs start.
 */
public final class CentralEngine {

    /** "You can't run more than five jobs at the same time" (protocol.md §10.4). */
    public static final int MAX_ACTIVE_JOBS = 5;

    private final Fleet fleet;
    private final Clock clock;
    private final Map<String, ObjectNode> groups = new LinkedHashMap<>();
    private final Map<String, CentralJob> jobs = new LinkedHashMap<>();
    private final Map<String, ScheduledJob> scheduled = new LinkedHashMap<>();

    public CentralEngine(Fleet fleet, Clock clock) {
        this.fleet = fleet;
        this.clock = clock;
        putGroup("all-devices", Json.object().put("displayName", "All devices").put("filter",
                "SELECT * FROM devices"));
    }

    // ---- device groups

    public synchronized ObjectNode putGroup(String id, ObjectNode body) {
        if (!body.path("displayName").isTextual()) {
            throw CentralException.invalid("displayName is required.");
        }
        try {
            GroupFilter.parse(body.path("filter").isTextual() ? body.get("filter").asText() : null);
        } catch (IllegalArgumentException e) {
            throw CentralException.invalid("Invalid filter: " + e.getMessage());
        }
        ObjectNode group = body.deepCopy();
        group.put("id", id);
        group.put("etag", "\"" + UUID.randomUUID() + "\"");
        groups.put(id, group);
        return group.deepCopy();
    }

    public synchronized List<ObjectNode> groups() {
        return groups.values().stream().map(ObjectNode::deepCopy).toList();
    }

    public synchronized ObjectNode group(String id) {
        ObjectNode group = groups.get(id);
        if (group == null) {
            throw CentralException.notFound("Device group", id);
        }
        return group.deepCopy();
    }

    public synchronized void removeGroup(String id) {
        if (groups.remove(id) == null) {
            throw CentralException.notFound("Device group", id);
        }
    }

    /** The group's members now; the filter is evaluated over the fleet on every call. */
    public synchronized List<DeviceTwin> members(String groupId) {
        GroupFilter filter = GroupFilter.parse(group(groupId).get("filter").asText());
        return fleet.all().stream().filter(filter::test).toList();
    }

    // ---- jobs

    public synchronized ObjectNode createJob(String id, ObjectNode body) {
        CentralRequests.checkJob(body);
        String group = body.get("group").asText();
        if (!groups.containsKey(group)) {
            throw CentralException.invalid("Device group '" + group + "' does not exist.");
        }
        List<String> targets = members(group).stream().map(DeviceTwin::deviceId).toList();
        return add(id, CentralRequests.jobDefinition(body), targets).toJson();
    }

    private CentralJob add(String id, ObjectNode definition, List<String> targets) {
        if (jobs.containsKey(id)) {
            throw CentralException.conflict("JobAlreadyExists", "A job with id '" + id + "' already exists.");
        }
        if (jobs.values().stream().filter(CentralJob::active).count() >= MAX_ACTIVE_JOBS) {
            throw new ApiException(429, "ThrottlingMaxActiveJobCountExceeded",
                    "You can't run more than five jobs at the same time.");
        }
        CentralJob job = new CentralJob(id, definition, clock.instant(), targets);
        jobs.put(id, job);
        return job;
    }

    public synchronized ObjectNode job(String id) {
        return existing(id).toJson();
    }

    public synchronized List<ObjectNode> jobs(String scheduledJobId) {
        List<ObjectNode> list = new ArrayList<>();
        for (CentralJob job : jobs.values()) {
            if (scheduledJobId == null || scheduledJobId.equals(job.definition.path("scheduledJobId").asText(null))) {
                list.add(job.toJson());
            }
        }
        return list;
    }

    public synchronized List<JsonNode> jobDevices(String id) {
        CentralJob job = existing(id);
        return job.devices.keySet().stream().map(job::deviceJson).toList();
    }

    public synchronized void stop(String id) {
        CentralJob job = existing(id);
        if (!job.active()) {
            throw CentralException.conflict("InvalidJobState", "Job '" + id + "' is " + job.status
                    + " and cannot be stopped.");
        }
        job.status = CentralJob.STOPPED;
    }

    public synchronized void resume(String id) {
        CentralJob job = existing(id);
        if (!job.status.equals(CentralJob.STOPPED)) {
            throw CentralException.conflict("InvalidJobState", "Job '" + id + "' is " + job.status
                    + " and cannot be resumed.");
        }
        job.status = job.start == null ? CentralJob.PENDING : CentralJob.RUNNING;
    }

    /** A new job with the source's definition over the source's failed devices. */
    public synchronized ObjectNode rerun(String id, String rerunId) {
        CentralJob source = existing(id);
        if (!source.terminal()) {
            throw CentralException.conflict("InvalidJobState", "Job '" + id + "' is " + source.status
                    + "; only a finished job can be rerun.");
        }
        List<String> failed = source.failedDevices();
        if (failed.isEmpty()) {
            throw CentralException.conflict("NoFailedDevices", "Job '" + id + "' has no failed devices to rerun.");
        }
        return add(rerunId, source.definition.deepCopy(), failed).toJson();
    }

    private CentralJob existing(String id) {
        CentralJob job = jobs.get(id);
        if (job == null) {
            throw CentralException.notFound("Job", id);
        }
        return job;
    }

    // ---- scheduled jobs

    public synchronized ObjectNode putScheduledJob(String id, ObjectNode body) {
        CentralRequests.checkScheduledJob(body);
        if (!groups.containsKey(body.get("group").asText())) {
            throw CentralException.invalid("Device group '" + body.get("group").asText() + "' does not exist.");
        }
        ObjectNode definition = CentralRequests.scheduledDefinition(body);
        ScheduledJob existing = scheduled.get(id);
        ScheduledJob job = new ScheduledJob(id, definition, newEtag());
        if (existing != null) {
            job.runs = existing.runs;
        }
        job.completed = !job.allows(job.runs);
        scheduled.put(id, job);
        return job.toJson();
    }

    public synchronized ObjectNode patchScheduledJob(String id, JsonNode patch, String ifMatch) {
        ScheduledJob job = existingScheduled(id);
        if (ifMatch != null && !ifMatch.equals("*") && !ifMatch.equals(job.etag)) {
            throw new ApiException(412, "PreconditionFailed", "The etag does not match.");
        }
        if (jobs.values().stream().anyMatch(j -> j.active() && id.equals(j.definition.path("scheduledJobId")
                .asText(null)))) {
            throw CentralException.conflict("InvalidJobState",
                    "Update is not allowed while a run of the scheduled job is active.");
        }
        ObjectNode merged = job.definition.deepCopy();
        Json.merge(merged, patch);
        CentralRequests.checkScheduledJob(merged);
        job.definition = CentralRequests.scheduledDefinition(merged);
        job.etag = newEtag();
        job.completed = !job.allows(job.runs);
        return job.toJson();
    }

    public synchronized ObjectNode scheduledJob(String id) {
        return existingScheduled(id).toJson();
    }

    public synchronized List<ObjectNode> scheduledJobs() {
        return scheduled.values().stream().map(ScheduledJob::toJson).toList();
    }

    public synchronized void removeScheduledJob(String id) {
        if (scheduled.remove(id) == null) {
            throw CentralException.notFound("Scheduled job", id);
        }
    }

    public synchronized void requireScheduledJob(String id) {
        existingScheduled(id);
    }

    private ScheduledJob existingScheduled(String id) {
        ScheduledJob job = scheduled.get(id);
        if (job == null) {
            throw CentralException.notFound("Scheduled job", id);
        }
        return job;
    }

    private static String newEtag() {
        return "\"" + UUID.randomUUID() + "\"";
    }

    // ---- time

    /** Starts due scheduled runs, then moves every running job by one batch. */
    public synchronized void tick() {
        Instant now = clock.instant();
        for (ScheduledJob schedule : scheduled.values()) {
            startDueRun(schedule, now);
        }
        for (CentralJob job : jobs.values()) {
            if (job.status.equals(CentralJob.PENDING)) {
                job.status = CentralJob.RUNNING;
                job.start = now;
            } else if (job.status.equals(CentralJob.RUNNING)) {
                new BatchRunner(fleet, job).runNextBatch(now);
            }
        }
    }

    private void startDueRun(ScheduledJob schedule, Instant now) {
        if (!schedule.enabled() || schedule.completed || schedule.runTime(schedule.runs).isAfter(now)) {
            return;
        }
        if (jobs.values().stream().filter(CentralJob::active).count() >= MAX_ACTIVE_JOBS) {
            return; // the run waits for a free slot
        }
        String group = schedule.definition.path("group").asText();
        List<String> targets = groups.containsKey(group)
                ? members(group).stream().map(DeviceTwin::deviceId).toList() : List.of();
        int number = schedule.runs + 1;
        ObjectNode definition = CentralRequests.jobDefinition(schedule.definition);
        definition.put("scheduledJobId", schedule.id);
        definition.put("displayName", schedule.definition.path("displayName").asText(schedule.id) + " - " + number);
        String runId = schedule.id + "-" + number;
        while (jobs.containsKey(runId)) {
            runId = runId + "-" + number;
        }
        add(runId, definition, targets);
        schedule.runs = number;
        schedule.completed = !schedule.allows(schedule.runs);
    }

    /** For tests: the number of runs a scheduled job has started. */
    public synchronized Optional<Integer> scheduledRuns(String id) {
        return Optional.ofNullable(scheduled.get(id)).map(s -> s.runs);
    }
}
