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
import java.util.PriorityQueue;
import java.util.concurrent.ConcurrentHashMap;

import io.github.iotjobs.emulator.fleet.DeviceTwin;
import io.github.iotjobs.emulator.fleet.Fleet;
import io.github.iotjobs.emulator.query.Condition;
import io.github.iotjobs.emulator.query.QueryException;
import io.github.iotjobs.emulator.quota.Quotas;
import io.github.iotjobs.emulator.quota.ThrottleClass;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs jobs over the fleet. Time comes only from the injected clock and work happens only in {@link #tick()}, so a
 * test with a manual clock decides exactly when jobs move; in normal runs a ticker calls tick() frequently.
 * A tick holds no engine-wide lock that requests need: each job is locked for a bounded chunk of rows at a time,
 * and the device set of a starting job is resolved without any lock.
 */
public final class JobEngine {

    /** Job history is retained 30 days (protocol.md §8). */
    public static final Duration RETENTION = Duration.ofDays(30);

    /** Device operations done under one job lock before it is released for readers. */
    private static final int CHUNK = 1024;

    private static final Logger LOG = LoggerFactory.getLogger(JobEngine.class);

    private final Fleet fleet;
    private final Clock clock;
    private final MethodSimulator methods;
    private final Quotas quotas;
    private final Duration indexLag;
    private final MethodObserver observer;
    private volatile int maxActiveJobs;
    private final Map<String, Job> jobs = new ConcurrentHashMap<>();
    private final Object tickMonitor = new Object();

    /** An engine without quotas or index lag (benchmarks, tools). */
    public JobEngine(Fleet fleet, Clock clock, MethodSimulator methods, int maxActiveJobs) {
        this(fleet, clock, methods, maxActiveJobs, new Quotas(Map.of(), clock), Duration.ZERO, MethodObserver.NONE);
    }

    public JobEngine(Fleet fleet, Clock clock, MethodSimulator methods, int maxActiveJobs, Quotas quotas,
                     Duration indexLag, MethodObserver observer) {
        this.fleet = fleet;
        this.clock = clock;
        this.methods = methods;
        this.maxActiveJobs = maxActiveJobs;
        this.quotas = quotas;
        this.indexLag = indexLag;
        this.observer = observer;
    }

    public Clock clock() {
        return clock;
    }

    public void maxActiveJobs(int value) {
        maxActiveJobs = value;
    }

    /** How far the devices.jobs index lags behind the jobs (zero: always current). */
    public Duration indexLag() {
        return indexLag;
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
    public void tick() {
        synchronized (tickMonitor) {
            Instant now = clock.instant();
            List<Job> ordered = new ArrayList<>(jobs.values());
            ordered.sort(Comparator.comparing(Job::createdTime));
            boolean[] budgetSpent = {false};
            for (Job job : ordered) {
                try {
                    advance(job, now, budgetSpent);
                } catch (RuntimeException | Error e) {
                    // One broken job must not stall the others, nor stop the engine.
                    LOG.warn("Job {} failed inside the engine", job.spec().jobId(), e);
                    synchronized (job) {
                        job.status(JobStatus.FAILED);
                        job.failureReason = "Internal emulator error";
                        job.endTime = now;
                    }
                }
                Instant ended = job.endTime();
                if (job.status().terminal() && ended != null && !ended.plus(RETENTION).isAfter(now)) {
                    jobs.remove(job.spec().jobId(), job);
                }
            }
            if (budgetSpent[0]) {
                quotas.recordThrottled(ThrottleClass.DEVICE_OPS);
            }
        }
    }

    /**
     * Moves one job. A job whose work fits in one chunk moves under one lock, so readers see it before or after the
     * tick, never in between; a larger one releases its lock between chunks.
     */
    private void advance(Job job, Instant now, boolean[] budgetSpent) {
        boolean due;
        synchronized (job) {
            if (job.status() == JobStatus.SCHEDULED && !job.spec().startTime().isAfter(now)) {
                job.status(JobStatus.QUEUED);
            }
            due = job.status() == JobStatus.QUEUED && (job.spec().startTime() == null
                    || !job.spec().startTime().isAfter(now));
        }
        List<DeviceJob> resolved = due ? resolve(job, now) : null;
        boolean more = true;
        while (more) {
            synchronized (job) {
                if (resolved != null) {
                    if (job.status() != JobStatus.QUEUED) {
                        return; // cancelled while its devices were resolved
                    }
                    job.rows = resolved;
                    job.startedAt = now;
                    job.status(JobStatus.RUNNING);
                    LOG.debug("Job {} started on {} devices", job.spec().jobId(), resolved.size());
                    resolved = null;
                }
                if (job.status() != JobStatus.RUNNING) {
                    return;
                }
                more = runChunk(job, now, budgetSpent);
                if (!more) {
                    finishIfDone(job, job.spec(), now);
                }
            }
        }
    }

    /**
     * Resolves the device set once, at start, with no lock held; devices added later are not part of it (§9).
     * Returns null when the condition does not parse (the job has failed).
     */
    private List<DeviceJob> resolve(Job job, Instant now) {
        Condition condition;
        try {
            condition = Condition.parse(job.spec().queryCondition());
        } catch (QueryException e) {
            synchronized (job) {
                if (job.status() == JobStatus.QUEUED) {
                    job.status(JobStatus.FAILED);
                    job.failureReason = "SQL query parse failed due to following errors: " + e.getMessage();
                    job.endTime = now;
                }
            }
            return null;
        }
        List<DeviceJob> rows = new ArrayList<>();
        for (DeviceTwin twin : fleet.all()) {
            if (condition.test(twin)) {
                rows.add(new DeviceJob(twin.deviceId(), now));
            }
        }
        return rows;
    }

    /**
     * Answers what is due and performs up to one chunk of device operations within the deviceOps budget; returns
     * whether a full chunk was done and more is waiting (the caller then releases the lock and comes back).
     */
    private boolean runChunk(Job job, Instant now, boolean[] budgetSpent) {
        JobSpec spec = job.spec();
        answerDue(job, spec, now);
        int pending = job.rows.size() - job.nextPending;
        if (pending == 0) {
            return false;
        }
        int wanted = Math.min(CHUNK, pending);
        long granted = quotas.take(ThrottleClass.DEVICE_OPS, wanted);
        for (long i = 0; i < granted; i++) {
            DeviceJob row = job.rows.get(job.nextPending++);
            if (spec.type() == JobType.SCHEDULE_UPDATE_TWIN) {
                applyTwin(row, spec, now);
                job.settled(row);
            } else {
                startMethod(job, row, spec.method(), now);
            }
        }
        answerDue(job, spec, now);
        if (granted < wanted) {
            budgetSpent[0] = true;
            return false;
        }
        return job.nextPending < job.rows.size();
    }

    private void finishIfDone(Job job, JobSpec spec, Instant now) {
        boolean allDone = job.nextPending == job.rows.size() && job.inFlight.isEmpty();
        // Absurdly large limits (beyond ~100 years) are no limit at all, and must not overflow Instant.
        Instant deadline = spec.maxExecutionTimeInSeconds() > 0 && spec.maxExecutionTimeInSeconds() < 3_153_600_000L
                ? job.startedAt.plusSeconds(spec.maxExecutionTimeInSeconds()) : null;
        if (!allDone && deadline != null && !now.isBefore(deadline)) {
            String text = "The job reached maxExecutionTimeInSeconds before the device finished.";
            for (DeviceJob row : job.inFlight) {
                row.fail("JobTimeout", text, now, indexLag);
                job.settled(row);
            }
            job.inFlight.clear();
            while (job.nextPending < job.rows.size()) {
                DeviceJob row = job.rows.get(job.nextPending++);
                row.fail("JobTimeout", text, now, indexLag);
                job.settled(row);
            }
            job.statusMessage = "maxExecutionTimeInSeconds elapsed";
            allDone = true;
        }
        if (allDone && job.status() == JobStatus.RUNNING) {
            job.status(JobStatus.COMPLETED);
            job.endTime = now;
        }
    }

    private void applyTwin(DeviceJob row, JobSpec spec, Instant now) {
        if (fleet.patch(row.deviceId, spec.tagsPatch(), spec.desiredPatch()).isPresent()) {
            row.complete(now, null, null, indexLag);
        } else {
            row.fail("DeviceNotFound", "The device was removed before the job reached it.", now, indexLag);
        }
    }

    private void startMethod(Job job, DeviceJob row, MethodCall call, Instant now) {
        DeviceTwin twin = fleet.twin(row.deviceId).orElse(null);
        if (twin == null) {
            row.fail("DeviceNotFound", "The device was removed before the job reached it.", now, indexLag);
            job.settled(row);
            return;
        }
        if (MethodSimulator.online(twin)) {
            methods.plan(row, call, now, indexLag);
        } else {
            methods.waitForConnection(row, call, now, indexLag);
        }
        job.inFlight.add(row);
    }

    /** Answers the in-flight calls that are due, earliest first. */
    private void answerDue(Job job, JobSpec spec, Instant now) {
        PriorityQueue<DeviceJob> inFlight = job.inFlight;
        while (!inFlight.isEmpty() && !now.isBefore(inFlight.peek().dueAt)) {
            DeviceJob row = inFlight.poll();
            methods.answer(row, spec.method(), now, indexLag);
            job.settled(row);
            if (row.status() == DeviceJobStatus.COMPLETED) {
                observer.answered(row.deviceId, spec.method().methodName(), now);
            }
        }
    }
}
