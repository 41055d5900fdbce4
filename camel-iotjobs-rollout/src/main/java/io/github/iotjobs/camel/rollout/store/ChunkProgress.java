/*
 * Licensed to the Apache Software Foundation (ASF) under one or more contributor license agreements; and to You
 * under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance with the
 * License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.iotjobs.camel.rollout.store;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonAutoDetect;

/** One chunk (one hub job) of the running stage: how far it got and its device counts. */
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY, getterVisibility = JsonAutoDetect.Visibility.NONE,
                isGetterVisibility = JsonAutoDetect.Visibility.NONE)
public final class ChunkProgress {

    /**
     * pending: not sent; creating: a create was sent, outcome unknown; running: the job exists; converging: the job
     * is over, its succeeded devices have until {@code convergeBy} to report (plan field {@code converge}); retrying:
     * the job is over, its failed devices are retried (plan field {@code retries}); done.
     */
    public enum State {
        pending,
        creating,
        running,
        converging,
        retrying,
        done
    }

    private int chunk;
    private String jobId;
    private State state = State.pending;
    private int devices;
    private int succeeded;
    private int failed;
    /** Whether the per-device results of a done job were emitted. */
    private boolean reported;
    /** With convergence: when the devices must have reported by, and the job's own counts. */
    private Instant convergeBy;
    private int jobSucceeded;
    private int jobFailed;
    /** With retries: the chunk's retries, and the counts the gates see. */
    private ChunkRetry retry;

    ChunkProgress() {
    }

    public ChunkProgress(int chunk, String jobId, int devices) {
        this.chunk = chunk;
        this.jobId = jobId;
        this.devices = devices;
    }

    public int chunk() {
        return chunk;
    }

    public String jobId() {
        return jobId;
    }

    public State state() {
        return state;
    }

    public void state(State value) {
        state = value;
    }

    public int devices() {
        return devices;
    }

    public int succeeded() {
        return retry == null ? succeeded : succeeded + retry.succeeded();
    }

    /** With retries, only the devices given up: a failed device that may still be retried is not counted. */
    public int failed() {
        return retry == null ? failed : retry.failed();
    }

    /** The failed devices of the chunk's own job, as its statistics say. */
    public int jobFailedCount() {
        return failed;
    }

    public ChunkRetry retry() {
        return retry;
    }

    /** Failed devices of this chunk are retried (plan field {@code retries}). */
    public ChunkProgress withRetries() {
        retry = new ChunkRetry();
        return this;
    }

    /** Whether one of the chunk's jobs holds one of the hub's concurrent-job slots. */
    public boolean holdsJob() {
        return state == State.running || state == State.creating || retry != null && retry.holdsJob();
    }

    public void counts(int succeededCount, int failedCount) {
        succeeded = succeededCount;
        failed = failedCount;
    }

    public Instant convergeBy() {
        return convergeBy;
    }

    /** The job is over: its succeeded devices count as succeeded only once they report, until {@code by}. */
    public void startConverging(Instant by) {
        convergeBy = by;
        jobSucceeded = succeeded;
        jobFailed = failed;
        succeeded = 0;
        state = State.converging;
    }

    /**
     * How many devices report the change now; done when all the job's succeeded devices do, or when the deadline
     * passed, those that do not counting as failed.
     */
    public void converged(int count, boolean deadlinePassed) {
        succeeded = Math.min(count, jobSucceeded);
        if (succeeded >= jobSucceeded) {
            state = State.done;
        } else if (deadlinePassed) {
            failed = jobFailed + jobSucceeded - succeeded;
            state = State.done;
        }
    }

    public boolean reported() {
        return reported;
    }

    public void reported(boolean value) {
        reported = value;
    }
}
