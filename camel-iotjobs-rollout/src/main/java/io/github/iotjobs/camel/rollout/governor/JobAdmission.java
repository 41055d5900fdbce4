/*
 * Licensed to the Apache Software Foundation (ASF) under one or more contributor license agreements; and to You
 * under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance with the
 * License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.iotjobs.camel.rollout.governor;

import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.BooleanSupplier;

import io.github.iotjobs.camel.rollout.plan.RolloutRate;
import io.github.iotjobs.camel.rollout.store.ChunkProgress;
import io.github.iotjobs.camel.rollout.store.ChunkProgress.State;
import io.github.iotjobs.camel.rollout.store.RolloutProgress;
import io.github.iotjobs.camel.rollout.store.RolloutStore;
import io.github.iotjobs.camel.rollout.store.StageOutcome;

/**
 * One rollout's side of its hub's governor: whether a chunk's job may be created now, by the plan's {@code rate}
 * first (the rollout's own pace, which holds up no other rollout) and then by the hub's slots and budgets. The pace
 * is stored ({@value #PACE_DOCUMENT}), so a restarted orchestrator does not start early what the rate holds back.
 */
public final class JobAdmission {

    /** The store document holding the earliest time the rollout's rate lets its next job start. */
    public static final String PACE_DOCUMENT = "rate-pace";

    private final String rolloutId;
    private final RolloutRate rate;
    private final HubGovernor governor;
    private final RolloutStore store;
    private final BooleanSupplier createAllowed;
    private Instant paceFreeAt;
    private boolean asked;

    /** @param createAllowed whether the hub's jobs-operations budget has room for a create now */
    public JobAdmission(String rolloutId, RolloutRate rate, HubGovernor governor, RolloutStore store,
            BooleanSupplier createAllowed) {
        this.rolloutId = rolloutId;
        this.rate = rate;
        this.governor = governor;
        this.store = store;
        this.createAllowed = createAllowed;
    }

    /**
     * Whether the chunk's job may be created now; true again for a job already admitted (a create repeated).
     *
     * @param paced whether the plan's rate applies (a stage's job; a rollback's jobs only take the hub's share)
     */
    public synchronized boolean admit(ChunkProgress chunk, boolean paced) {
        asked = true;
        if (governor.holds(chunk.jobId())) {
            return true;
        }
        if (paced && rate != null && governor.clock().instant().isBefore(paceFreeAt())) {
            return false;
        }
        return governor.tryStart(rolloutId, chunk.jobId(), chunk.devices(), createAllowed);
    }

    /**
     * Whether the plan's rate lets a job start now, on a hub this governor does not own (a target of a plan over
     * several, whose own concurrent-job limit the rollout keeps).
     */
    public synchronized boolean paceAllows(boolean paced) {
        asked = true;
        return !paced || rate == null || !governor.clock().instant().isBefore(paceFreeAt());
    }

    /**
     * The hub has the chunk's job: with {@code paced}, the rate's next start is counted from now (after the create
     * answered, so never before the hub's own creation time), at the rate the devices sent before it reached.
     */
    public synchronized void started(ChunkProgress chunk, boolean paced, RolloutProgress progress) {
        if (!paced || rate == null) {
            return;
        }
        double perMinute = rate.perMinute(notified(progress) - chunk.devices(), succeeded(progress));
        paceFreeAt = governor.clock().instant().plus(Duration.ofNanos(Math.round(chunk.devices() * 60e9 / perMinute)));
        store.saveDocument(rolloutId, PACE_DOCUMENT, "\"" + paceFreeAt + "\"");
    }

    /** The hub's concurrent-job limit: what a retry job, which the governor does not admit, must stay under. */
    public int hubSlots() {
        return governor.slots();
    }

    /** The job is over, or the hub refused it (another client holds the slot): the slot is given back. */
    public void over(ChunkProgress chunk) {
        governor.release(chunk.jobId());
    }

    /** A turn starts: the rollout's jobs that run (also after a restart) hold their slots, and only they. */
    public synchronized void beginTurn(RolloutProgress progress) {
        asked = false;
        Set<String> running = new HashSet<>();
        running(progress.chunks(), running);
        if (progress.rollbackJobs() != null) {
            running(progress.rollbackJobs(), running);
        }
        governor.holdOnly(rolloutId, running);
    }

    /** A turn ended; one that asked for nothing (a paused rollout) gives up its place in the queue. */
    public synchronized void endTurn(boolean completed) {
        if (completed && !asked) {
            governor.withdraw(rolloutId);
        }
    }

    /** Another node leads the rollout now: its jobs' slots are that node's to count. */
    public void standDown() {
        governor.leave(rolloutId);
    }

    /** The rollout is over or no longer tracked here. */
    public void close() {
        governor.leave(rolloutId);
        governor.forget(rolloutId);
    }

    private static void running(List<ChunkProgress> chunks, Set<String> jobIds) {
        for (ChunkProgress chunk : chunks) {
            if (chunk.state() == State.running || chunk.state() == State.creating) {
                jobIds.add(chunk.jobId());
            }
        }
    }

    private Instant paceFreeAt() {
        if (paceFreeAt == null) {
            paceFreeAt = store.document(rolloutId, PACE_DOCUMENT)
                    .map(json -> Instant.parse(json.trim().replace("\"", "")))
                    .orElse(Instant.MIN);
        }
        return paceFreeAt;
    }

    /** Devices sent a job so far: the stages before, and the running stage's chunks that were sent. */
    private static long notified(RolloutProgress progress) {
        long notified = progress.stages().stream().mapToLong(StageOutcome::devices).sum();
        for (ChunkProgress chunk : progress.chunks()) {
            if (chunk.state() != State.pending) {
                notified += chunk.devices();
            }
        }
        return notified;
    }

    private static long succeeded(RolloutProgress progress) {
        return progress.stages().stream().mapToLong(StageOutcome::succeeded).sum() + progress.succeeded();
    }
}
