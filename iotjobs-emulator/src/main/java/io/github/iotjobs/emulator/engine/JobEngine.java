/*
 * Licensed to the Apache Software Foundation (ASF) under one or more contributor license agreements; and to You
 * under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance with the
 * License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.iotjobs.emulator.engine;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import io.github.iotjobs.emulator.fleet.DeviceTwin;
import io.github.iotjobs.emulator.fleet.Fleet;
import io.github.iotjobs.emulator.query.Condition;
import io.github.iotjobs.emulator.query.QueryException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs jobs over the fleet. Time comes only from the injected clock and work happens only in {@link #tick()}, so a
 * test with a manual clock decides exactly when jobs move; in normal runs a ticker calls tick() frequently.
 */
public final class JobEngine {

    /** Job history is retained 30 days (protocol.md §8). */
    public static final Duration RETENTION = Duration.ofDays(30);

    private static final Logger LOG = LoggerFactory.getLogger(JobEngine.class);

    private final Fleet fleet;
    private final Clock clock;
    private final MethodSimulator methods;
    private volatile int maxActiveJobs;
    private final Map<String, Job> jobs = new ConcurrentHashMap<>();

    public JobEngine(Fleet fleet, Clock clock, MethodSimulator methods, int maxActiveJobs) {
        this.fleet = fleet;
        this.clock = clock;
        this.methods = methods;
        this.maxActiveJobs = maxActiveJobs;
    }

    public Clock clock() {
        return clock;
    }

    public void maxActiveJobs(int value) {
        maxActiveJobs = value;
    }

    /** Accepts a job: scheduled when startTime is in the future, queued otherwise. */
    public synchronized Job create(JobSpec spec) {
        Instant now = clock.instant();
        if (jobs.containsKey(spec.jobId())) {
            throw new JobEngineException(JobEngineException.Reason.ALREADY_EXISTS,
                    "A job with id '" + spec.jobId() + "' already exists.");
        }
        long active = jobs.values().stream().filter(j -> !j.status().terminal()).count();
        if (active >= maxActiveJobs) {
            throw new JobEngineException(JobEngineException.Reason.TOO_MANY_ACTIVE_JOBS,
                    "ThrottlingMaxActiveJobCountExceeded;429");
        }
        boolean future = spec.startTime() != null && spec.startTime().isAfter(now);
        Job job = new Job(spec, now, future ? JobStatus.SCHEDULED : JobStatus.QUEUED);
        jobs.put(spec.jobId(), job);
        LOG.debug("Job {} ({}) accepted as {}", spec.jobId(), spec.type().wire(), job.status().wire());
        return job;
    }

    public Optional<Job> job(String jobId) {
        return Optional.ofNullable(jobs.get(jobId));
    }

    /** Cancels a job that has not started; running or finished jobs cannot be cancelled (node issue #464). */
    public Job cancel(String jobId) {
        Job job = job(jobId).orElseThrow(() -> notFound(jobId));
        synchronized (job) {
            if (job.status() == JobStatus.QUEUED || job.status() == JobStatus.SCHEDULED) {
                job.status(JobStatus.CANCELLED);
                job.endTime = clock.instant();
                return job;
            }
            String shown = Character.toUpperCase(job.status().wire().charAt(0)) + job.status().wire().substring(1);
            throw new JobEngineException(JobEngineException.Reason.INVALID_STATE,
                    "Job cannot be cancelled in '" + shown + "' status.");
        }
    }

    /** All jobs, newest first. */
    public List<Job> jobs() {
        List<Job> list = new ArrayList<>(jobs.values());
        list.sort(Comparator.comparing(Job::createdTime).reversed().thenComparing(j -> j.spec().jobId()));
        return list;
    }

    static JobEngineException notFound(String jobId) {
        return new JobEngineException(JobEngineException.Reason.NOT_FOUND, "Job with id '" + jobId
                + "' not found.");
    }

    /** Does all work that is due at the clock's current instant. Safe to call from any thread. */
    public synchronized void tick() {
        Instant now = clock.instant();
        List<Job> ordered = new ArrayList<>(jobs.values());
        ordered.sort(Comparator.comparing(Job::createdTime));
        for (Job job : ordered) {
            synchronized (job) {
                try {
                    advance(job, now);
                } catch (RuntimeException e) {
                    // One broken job must not stall the others.
                    LOG.warn("Job {} failed inside the engine", job.spec().jobId(), e);
                    job.status(JobStatus.FAILED);
                    job.failureReason = "Internal emulator error";
                    job.endTime = now;
                }
            }
            if (job.status().terminal() && job.endTime != null && !job.endTime.plus(RETENTION).isAfter(now)) {
                jobs.remove(job.spec().jobId());
            }
        }
    }

    private void advance(Job job, Instant now) {
        if (job.status() == JobStatus.SCHEDULED && !job.spec().startTime().isAfter(now)) {
            job.status(JobStatus.QUEUED);
        }
        if (job.status() == JobStatus.QUEUED && (job.spec().startTime() == null
                || !job.spec().startTime().isAfter(now))) {
            start(job, now);
        }
        if (job.status() == JobStatus.RUNNING) {
            run(job, now);
        }
    }

    /** Resolves the device set once, at start; devices added later are not part of the job (§9). */
    private void start(Job job, Instant now) {
        Condition condition;
        try {
            condition = Condition.parse(job.spec().queryCondition());
        } catch (QueryException e) {
            job.status(JobStatus.FAILED);
            job.failureReason = "SQL query parse failed due to following errors: " + e.getMessage();
            job.endTime = now;
            return;
        }
        for (DeviceTwin twin : fleet.all()) {
            if (condition.test(twin)) {
                job.rows.add(new DeviceJob(twin.deviceId(), now));
            }
        }
        job.startedAt = now;
        job.status(JobStatus.RUNNING);
        LOG.debug("Job {} started on {} devices", job.spec().jobId(), job.rows.size());
    }

    private void run(Job job, Instant now) {
        JobSpec spec = job.spec();
        boolean allDone = true;
        for (DeviceJob row : job.rows) {
            if (row.status.terminal()) {
                continue;
            }
            if (spec.type() == JobType.SCHEDULE_UPDATE_TWIN) {
                applyTwin(row, spec, now);
            } else {
                callMethod(row, spec.method(), now);
            }
            allDone &= row.status.terminal();
        }
        // Absurdly large limits (beyond ~100 years) are no limit at all, and must not overflow Instant.
        Instant deadline = spec.maxExecutionTimeInSeconds() > 0 && spec.maxExecutionTimeInSeconds() < 3_153_600_000L
                ? job.startedAt.plusSeconds(spec.maxExecutionTimeInSeconds()) : null;
        if (!allDone && deadline != null && !now.isBefore(deadline)) {
            for (DeviceJob row : job.rows) {
                if (!row.status.terminal()) {
                    row.fail("JobTimeout", "The job reached maxExecutionTimeInSeconds before the device finished.",
                            now);
                }
            }
            job.statusMessage = "maxExecutionTimeInSeconds elapsed";
            allDone = true;
        }
        if (allDone) {
            job.status(JobStatus.COMPLETED);
            job.endTime = now;
        }
    }

    private void applyTwin(DeviceJob row, JobSpec spec, Instant now) {
        if (fleet.patch(row.deviceId, spec.tagsPatch(), spec.desiredPatch()).isPresent()) {
            row.finish(DeviceJobStatus.COMPLETED, now);
        } else {
            row.fail("DeviceNotFound", "The device was removed before the job reached it.", now);
        }
    }

    private void callMethod(DeviceJob row, MethodCall call, Instant now) {
        if (row.status == DeviceJobStatus.PENDING) {
            DeviceTwin twin = fleet.twin(row.deviceId).orElse(null);
            if (twin == null) {
                row.fail("DeviceNotFound", "The device was removed before the job reached it.", now);
                return;
            }
            if (!MethodSimulator.online(twin)) {
                // The hub waits connectTimeoutInSeconds for an offline device, then gives up.
                row.status = DeviceJobStatus.RUNNING;
                row.started = now;
                row.updated = now;
                row.dueAt = now.plusSeconds(Math.max(0, call.connectTimeoutInSeconds()));
                row.errorCode = MethodSimulator.TIMEOUT_CODE;
            } else {
                methods.plan(row, call, now);
            }
        }
        if (row.status == DeviceJobStatus.RUNNING && !now.isBefore(row.dueAt)) {
            methods.answer(row, call, now);
        }
    }
}
