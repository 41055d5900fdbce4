/*
 * Licensed to the Apache Software Foundation (ASF) under one or more contributor license agreements; and to You
 * under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance with the
 * License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.iotjobs.camel.consumer;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.iotjobs.emulator.IotJobsEmulator;
import io.github.iotjobs.emulator.ManualClock;
import io.github.iotjobs.emulator.engine.Job;
import io.github.iotjobs.emulator.engine.JobSpec;
import io.github.iotjobs.emulator.engine.JobType;
import io.github.iotjobs.emulator.engine.MethodBehavior;
import io.github.iotjobs.emulator.engine.MethodCall;

/**
 * An emulator on a manual clock plus an oracle: after each step the test takes, {@link #observe()} lists the events a
 * consumer must emit for what changed, in the consumer's words ({@code jobId jobCreated queued},
 * {@code jobId statusChanged running<-queued}, {@code jobId deviceCompleted device-000001 failed}).
 */
final class EmulatedFleet implements AutoCloseable {

    static final int DEVICES = 10;

    final ManualClock clock = new ManualClock(Instant.now());
    final IotJobsEmulator emulator;
    private final Map<String, String> jobStatus = new HashMap<>();
    private final Set<String> finishedRows = new HashSet<>();

    EmulatedFleet() {
        this(0);
    }

    /** @param offlineFraction the share of devices that do not answer methods until their connect timeout */
    EmulatedFleet(double offlineFraction) {
        emulator = IotJobsEmulator.builder().devices(DEVICES).offlineFraction(offlineFraction).clock(clock)
                .autoTick(false).maxActiveJobs(1000)
                .method("reboot", MethodBehavior.ok().withLatency(Duration.ofSeconds(10)).withFailureRate(0.3))
                .start();
    }

    /**
     * Endpoint options reaching this emulator; failed requests are not retried inside a poll. The consumers poll
     * every few milliseconds, so the hub is declared big enough (S3, 100 units) that the request budget never queues.
     */
    String endpointOptions() {
        return "connectionString=RAW(" + emulator.connectionString() + ")&baseUrl=" + emulator.baseUrl()
               + "&maxRetries=0&tier=S3&units=100";
    }

    /** A reboot method job on every device: running after the first tick, finished 10 s later (30% failures). */
    void methodJob(String jobId, long maxExecutionSeconds) {
        create(new JobSpec(jobId, JobType.SCHEDULE_DEVICE_METHOD, "*", null, maxExecutionSeconds,
                new MethodCall("reboot", null, 30, 0), null, null, null));
    }

    /** A reboot job that waits up to 20 s for offline devices: its statistics move while it runs. */
    void patientJob(String jobId) {
        create(new JobSpec(jobId, JobType.SCHEDULE_DEVICE_METHOD, "*", null, 3600,
                new MethodCall("reboot", null, 30, 20), null, null, null));
    }

    /** A method job starting in an hour: scheduled until then, or until cancelled. */
    void scheduledJob(String jobId) {
        create(new JobSpec(jobId, JobType.SCHEDULE_DEVICE_METHOD, "*", clock.instant().plus(Duration.ofHours(1)),
                3600, new MethodCall("reboot", null, 30, 0), null, null, null));
    }

    /** A twin update: completed on the first tick. */
    void twinJob(String jobId) {
        ObjectNode desired = JsonNodeFactory.instance.objectNode().put("firmware", jobId);
        create(new JobSpec(jobId, JobType.SCHEDULE_UPDATE_TWIN, "*", null, 3600, null, null, null, desired));
    }

    /** A job whose condition does not parse: failed on the first tick. */
    void badQueryJob(String jobId) {
        create(new JobSpec(jobId, JobType.SCHEDULE_DEVICE_METHOD, "tags.building = ", null, 3600,
                new MethodCall("reboot", null, 30, 0), null, null, null));
    }

    private void create(JobSpec spec) {
        emulator.engine().create(spec);
    }

    void cancel(String jobId) {
        emulator.engine().cancel(jobId);
    }

    void advance(Duration duration) {
        emulator.advance(duration);
    }

    /** The events due for what changed since the last call: per job its new final rows, then its new status. */
    List<String> observe() {
        List<String> events = new ArrayList<>();
        List<Job> jobs = new ArrayList<>(emulator.engine().jobs());
        for (Job job : jobs) {
            String jobId = job.spec().jobId();
            for (ObjectNode row : job.deviceRows()) {
                String status = row.path("status").asText();
                boolean last = status.equals("completed") || status.equals("failed") || status.equals("canceled");
                if (last && finishedRows.add(jobId + "/" + row.path("deviceId").asText())) {
                    events.add(jobId + " deviceCompleted " + row.path("deviceId").asText() + " "
                               + (status.equals("canceled") ? "cancelled" : status));
                }
            }
            String now = job.status().wire();
            String before = jobStatus.put(jobId, now);
            if (before == null) {
                events.add(jobId + " jobCreated " + now);
            } else if (!before.equals(now)) {
                events.add(jobId + " statusChanged " + now + "<-" + before);
            }
        }
        return events;
    }

    @Override
    public void close() {
        emulator.close();
    }
}
