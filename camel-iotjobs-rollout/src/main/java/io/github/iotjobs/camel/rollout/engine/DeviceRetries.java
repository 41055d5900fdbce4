/*
 * Licensed to the Apache Software Foundation (ASF) under one or more contributor license agreements; and to You
 * under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance with the
 * License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.iotjobs.camel.rollout.engine;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.github.iotjobs.camel.IotJobsOperationFailedException;
import io.github.iotjobs.camel.client.Page;
import io.github.iotjobs.camel.model.DeviceJob;
import io.github.iotjobs.camel.model.DeviceJobStatus;
import io.github.iotjobs.camel.model.IotJob;
import io.github.iotjobs.camel.model.JobStatistics;
import io.github.iotjobs.camel.rollout.plan.RetrySpec;
import io.github.iotjobs.camel.rollout.port.RolloutJobs;
import io.github.iotjobs.camel.rollout.stage.DeviceIdQuery;
import io.github.iotjobs.camel.rollout.stage.RolloutJobIds;
import io.github.iotjobs.camel.rollout.store.ChunkProgress;
import io.github.iotjobs.camel.rollout.store.ChunkRetry;
import io.github.iotjobs.camel.rollout.store.ChunkRetry.Phase;
import io.github.iotjobs.camel.rollout.store.RolloutProgress;
import io.github.iotjobs.camel.rollout.store.RolloutRecord;
import io.github.iotjobs.camel.rollout.store.RolloutStore;

/**
 * Per-device retries (plan field {@code retries}), one turn at a time. When a chunk's job is over, its failed devices
 * are read from the job's rows (again while the devices.jobs index lags behind the statistics); those the stage's
 * budget allows are retried in a job of their own ({@code <chunk job>-r<attempt>}) once the backoff has passed and
 * their window is open, as the concurrent-job limit allows; the rest, and those whose retries are exhausted, count as
 * failed. The chunk is done when no device of it is left to retry. Every step is stored in the chunk's
 * {@link ChunkRetry} before a create is sent, so a restarted orchestrator never creates a retry job twice.
 */
final class DeviceRetries {

    /** What the run decides and announces, and how its jobs are created. */
    interface Host {
        void decide(RolloutEventType type, String detail);

        /** Whether the chunk may start a job now (its maintenance window). */
        boolean mayStart(int chunk);

        /** The {@code maxExecutionTimeInSeconds} of a job of the chunk created now. */
        long maxExecutionSeconds(int chunk);

        /** Stores the progress, before a create is sent. */
        void save();
    }

    private final RolloutRecord record;
    private final RetrySpec spec;
    private final RolloutJobs jobs;
    private final RolloutEvents events;
    private final Clock clock;

    DeviceRetries(RolloutRecord record, RolloutJobs jobs, RolloutEvents events, Clock clock) {
        this.record = record;
        this.spec = record.plan().retries();
        this.jobs = jobs;
        this.events = events;
        this.clock = clock;
    }

    void step(RolloutProgress progress, int concurrentJobs, Host host) throws IotJobsOperationFailedException {
        for (ChunkProgress chunk : progress.chunks()) {
            ChunkRetry retry = chunk.retry();
            if (retry == null || retry.settled()) {
                continue;
            }
            if (chunk.state() == ChunkProgress.State.done) {
                // The chunk's own job is over: its failed devices are read before the chunk counts as done.
                chunk.state(ChunkProgress.State.retrying);
                retry.collect(chunk.jobFailedCount(), chunk.succeeded() + chunk.jobFailedCount());
            }
            if (chunk.state() != ChunkProgress.State.retrying) {
                continue;
            }
            if (retry.phase() == Phase.creating || retry.phase() == Phase.running) {
                refresh(chunk, retry, host);
            }
            if (retry.phase() == Phase.collecting) {
                collect(progress, chunk, retry, host);
            }
            if (retry.phase() == Phase.waiting && !clock.instant().isBefore(retry.notBefore())
                    && host.mayStart(chunk.chunk()) && activeJobs(progress) < concurrentJobs) {
                create(chunk, retry, host, false);
            }
        }
    }

    private static long activeJobs(RolloutProgress progress) {
        return progress.chunks().stream().filter(ChunkProgress::holdsJob).count();
    }

    /** Reads the failed devices of the job just over; retries them, or gives them up. */
    private void collect(RolloutProgress progress, ChunkProgress chunk, ChunkRetry retry, Host host)
            throws IotJobsOperationFailedException {
        if (retry.attempt() == 0 && retry.expectedFailed() == 0) {
            finish(chunk, retry, false); // nothing to retry: the run announces the job's rows as usual
            return;
        }
        String jobId = jobIdOf(chunk, retry.attempt());
        List<DeviceJob> rows = rows(jobId);
        List<String> failed = new ArrayList<>();
        for (DeviceJob row : rows) {
            if (row.status() == DeviceJobStatus.failed) {
                failed.add(row.deviceId());
            }
        }
        if (failed.size() < retry.expectedFailed() || rows.size() < retry.expectedRows()) {
            return; // the devices.jobs index lags behind the job's statistics (protocol.md §3): read again next turn
        }
        publishResults(progress.stage(), rows);
        if (failed.isEmpty()) {
            finish(chunk, retry, true);
            return;
        }
        if (retry.attempt() >= spec.count()) {
            retry.giveUp(failed.size());
            host.decide(RolloutEventType.retriesExhausted, failed.size() + " devices of job " + jobId
                    + " failed for good after " + spec.count() + " retries");
            finish(chunk, retry, true);
            return;
        }
        List<String> retried = failed;
        if (retry.attempt() == 0) {
            // Only a device's first retry draws on the stage's budget.
            int used = progress.chunks().stream().filter(c -> c.retry() != null).mapToInt(c -> c.retry().retried())
                    .sum();
            int left = Math.max(0, spec.budgetOf(record.stages().get(progress.stage()).size()) - used);
            if (failed.size() > left) {
                retried = failed.subList(0, left);
                int given = failed.size() - left;
                retry.giveUp(given);
                host.decide(RolloutEventType.retriesExhausted, given + " devices of job " + jobId
                        + " failed for good: the stage's retry budget of " + spec.budgetOf(
                                record.stages().get(progress.stage()).size()) + " devices is spent");
            }
        }
        if (retried.isEmpty()) {
            finish(chunk, retry, true);
            return;
        }
        int attempt = retry.attempt() + 1;
        Instant at = clock.instant().plus(spec.backoffBefore(attempt));
        retry.retry(retried, at, retry.attempt() == 0 ? retried.size() : 0);
        host.decide(RolloutEventType.devicesRetried, retried.size() + " failed devices of job " + jobId
                + " retried in job " + jobIdOf(chunk, attempt) + " (attempt " + attempt + " of " + spec.count()
                + ") from " + at);
    }

    private static void finish(ChunkProgress chunk, ChunkRetry retry, boolean announced) {
        retry.settle();
        chunk.reported(announced); // rows read here were announced as they were read
        chunk.state(ChunkProgress.State.done);
    }

    /** Creates the retry job, stored as creating first; a 429 (the hub's job limit) leaves it waiting. */
    private void create(ChunkProgress chunk, ChunkRetry retry, Host host, boolean repeated)
            throws IotJobsOperationFailedException {
        String jobId = jobIdOf(chunk, retry.attempt());
        retry.phase(Phase.creating);
        host.save();
        IotJob job;
        try {
            job = jobs.createJob(jobId, DeviceIdQuery.condition(retry.devices()), record.plan().action(),
                    host.maxExecutionSeconds(chunk.chunk()), repeated);
        } catch (IotJobsOperationFailedException e) {
            if (e.getStatusCode() == 429) {
                retry.phase(Phase.waiting);
                return;
            }
            throw e;
        }
        update(retry, job.isTerminal() ? jobs.getJob(jobId) : job);
    }

    /** Reads the retry job; one whose create was sent before a crash is found by its id, or created again. */
    private void refresh(ChunkProgress chunk, ChunkRetry retry, Host host) throws IotJobsOperationFailedException {
        String jobId = jobIdOf(chunk, retry.attempt());
        IotJob job;
        try {
            job = jobs.getJob(jobId);
        } catch (IotJobsOperationFailedException e) {
            if (e.getStatusCode() == 404 && retry.phase() == Phase.creating) {
                create(chunk, retry, host, true);
                return;
            }
            throw e;
        }
        update(retry, job);
    }

    private static void update(ChunkRetry retry, IotJob job) {
        JobStatistics stats = job.statistics();
        int succeeded = stats != null ? stats.succeededCount() : 0;
        int failed = stats != null ? stats.failedCount() : 0;
        retry.running(succeeded, failed);
        if (job.isTerminal()) {
            retry.collect(failed, succeeded + failed);
        }
    }

    private List<DeviceJob> rows(String jobId) throws IotJobsOperationFailedException {
        List<DeviceJob> rows = new ArrayList<>();
        String continuation = null;
        do {
            Page<DeviceJob> page = jobs.finishedDevices(jobId, continuation);
            rows.addAll(page.items());
            continuation = page.continuation();
        } while (continuation != null);
        return rows;
    }

    private void publishResults(int stage, List<DeviceJob> rows) {
        if (!events.wantsDeviceResults(record.rolloutId())) {
            return;
        }
        for (DeviceJob row : rows) {
            events.publish(new RolloutEvent(record.rolloutId(), RolloutEventType.deviceResult, stage, clock.instant(),
                    row.status() != null ? row.status().name() : null, null, null, row));
        }
    }

    private static String jobIdOf(ChunkProgress chunk, int attempt) {
        return attempt == 0 ? chunk.jobId() : RolloutJobIds.retryJobId(chunk.jobId(), attempt);
    }
}
