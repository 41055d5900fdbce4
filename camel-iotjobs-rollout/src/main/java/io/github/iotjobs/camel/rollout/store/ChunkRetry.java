/*
 * Licensed to the Apache Software Foundation (ASF) under one or more contributor license agreements; and to You
 * under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance with the
 * License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.iotjobs.camel.rollout.store;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonAutoDetect;

/**
 * The retries of one chunk (plan field {@code retries}): the attempt under way, its devices and job, and the counts
 * the gates see. A device counts as failed only once it is given up: retries exhausted or the budget spent.
 */
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY, getterVisibility = JsonAutoDetect.Visibility.NONE,
                isGetterVisibility = JsonAutoDetect.Visibility.NONE)
public final class ChunkRetry {

    /**
     * collecting: the last job is over, its failed devices are read; waiting: a retry waits for its backoff (and its
     * window); creating: its create was sent, outcome unknown; running: the retry job exists.
     */
    public enum Phase {
        collecting,
        waiting,
        creating,
        running
    }

    private Phase phase = Phase.collecting;
    /** Retries made so far, the one under way included (0: only the chunk's own job). */
    private int attempt;
    private List<String> devices = new ArrayList<>();
    private Instant notBefore;
    /** Failed and finished devices the last job's rows must show before they count (the devices.jobs index lags). */
    private int expectedFailed = -1;
    private int expectedRows = -1;
    private int succeeded;
    private int runningSucceeded;
    private int runningFailed;
    private int failed;
    private int retried;
    private boolean settled;

    public Phase phase() {
        return phase;
    }

    public void phase(Phase value) {
        phase = value;
    }

    public int attempt() {
        return attempt;
    }

    public List<String> devices() {
        return devices;
    }

    public Instant notBefore() {
        return notBefore;
    }

    public int expectedFailed() {
        return expectedFailed;
    }

    public int expectedRows() {
        return expectedRows;
    }

    /** The job just over had this many failed devices of so many finished: read their rows next. */
    public void collect(int failedDevices, int finishedDevices) {
        succeeded += runningSucceeded;
        runningSucceeded = 0;
        runningFailed = 0;
        expectedFailed = failedDevices;
        expectedRows = finishedDevices;
        phase = Phase.collecting;
    }

    /** The next attempt, for these devices, not before {@code at}; {@code newlyRetried} of them use the budget. */
    public void retry(List<String> ids, Instant at, int newlyRetried) {
        attempt++;
        devices = new ArrayList<>(ids);
        notBefore = at;
        retried += newlyRetried;
        phase = Phase.waiting;
    }

    /** The counts of the running retry job. */
    public void running(int jobSucceeded, int jobFailed) {
        runningSucceeded = jobSucceeded;
        runningFailed = jobFailed;
        phase = Phase.running;
    }

    /** These devices are given up: they count as failed. */
    public void giveUp(int count) {
        failed += count;
    }

    public void settle() {
        settled = true;
        devices = new ArrayList<>();
    }

    public boolean settled() {
        return settled;
    }

    /** Whether a retry job of this chunk holds one of the hub's concurrent-job slots. */
    public boolean holdsJob() {
        return !settled && (phase == Phase.creating || phase == Phase.running);
    }

    /** Devices that succeeded in retry jobs, the running one included. */
    public int succeeded() {
        return succeeded + runningSucceeded;
    }

    /** Devices given up. */
    public int failed() {
        return failed;
    }

    /** Distinct devices retried: what they used of the stage's budget. */
    public int retried() {
        return retried;
    }
}
