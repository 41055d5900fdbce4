/*
 * Licensed to the Apache Software Foundation (ASF) under one or more contributor license agreements; and to You
 * under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance with the
 * License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.iotjobs.camel.rollout.engine;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;

import io.github.iotjobs.camel.rollout.governor.HubGovernor;
import io.github.iotjobs.camel.rollout.governor.JobAdmission;
import io.github.iotjobs.camel.rollout.port.DeferredRolloutJobs;
import io.github.iotjobs.camel.rollout.port.RolloutJobs;
import io.github.iotjobs.camel.rollout.port.TargetHubs;
import io.github.iotjobs.camel.rollout.stage.RolloutJobIds;
import io.github.iotjobs.camel.rollout.store.RolloutProgress;
import io.github.iotjobs.camel.rollout.store.RolloutRecord;
import io.github.iotjobs.camel.rollout.store.RolloutStore;
import io.github.iotjobs.camel.transport.RetryLaterException;
import org.apache.camel.cluster.CamelClusterService;
import org.apache.camel.cluster.CamelClusterView;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs every unfinished rollout of a store on Camel's scheduler: a step per rollout each poll interval (and at once
 * after a command), never in a route's thread. It finds the store's rollouts itself, so a restarted CamelContext,
 * or a node that becomes leader, carries on with them. With a Camel cluster service, a rollout steps only on the
 * node that leads its view ({@code iotrollout-<rollout>}).
 */
public final class RolloutOrchestrator {

    private static final Logger LOG = LoggerFactory.getLogger(RolloutOrchestrator.class);
    private static final long DISCOVERY_MIN_MILLIS = 1000;

    private final RolloutStore store;
    private final RolloutJobs jobs;
    private final RolloutEvents events;
    private final Clock clock;
    private final HubGovernor governor;
    private final BooleanSupplier createAllowed;
    /** The port as turns use it: waits become a later turn, never a held thread. */
    private final RolloutJobs turnJobs;
    private final ScheduledExecutorService executor;
    private final Duration interval;
    private final CamelClusterService cluster;
    private final ApprovalGate approvals;
    private final Map<String, Tracked> tracked = new ConcurrentHashMap<>();
    private volatile TargetHubs targets;
    private ScheduledFuture<?> discovery;
    private volatile boolean stopped;

    private record Tracked(RolloutRun run, JobAdmission admission, ScheduledFuture<?> schedule,
            CamelClusterView view, AtomicBoolean leading) {
    }

    public RolloutOrchestrator(RolloutStore store, RolloutJobs jobs, RolloutEvents events, Clock clock,
            HubGovernor governor, BooleanSupplier createAllowed, ScheduledExecutorService executor, Duration interval,
            CamelClusterService cluster, ApprovalGate approvals) {
        this.store = store;
        this.jobs = jobs;
        this.events = events;
        this.clock = clock;
        this.governor = governor;
        this.createAllowed = createAllowed;
        this.turnJobs = new DeferredRolloutJobs(jobs);
        this.executor = executor;
        this.interval = interval;
        this.cluster = cluster;
        this.approvals = approvals;
    }

    public synchronized void start() {
        // Finding rollouts left by a restart or another node need not be as quick as a rollout's turn.
        long every = Math.max(interval.toMillis(), DISCOVERY_MIN_MILLIS);
        discovery = executor.scheduleWithFixedDelay(this::discover, 0, every, TimeUnit.MILLISECONDS);
    }

    public synchronized void stop() {
        stopped = true;
        if (discovery != null) {
            discovery.cancel(false);
        }
        tracked.keySet().forEach(this::untrack);
    }

    /** Where the hubs of plans over several targets are found. */
    public void targets(TargetHubs hubs) {
        targets = hubs;
    }

    public TargetHubs targets() {
        return targets;
    }

    /** The port a rollout runs on: the hub's, or one over the plan's targets. */
    private RolloutJobs jobsFor(RolloutRecord record) {
        if (record.plan().targets() == null) {
            return turnJobs;
        }
        if (targets == null) {
            throw new IllegalStateException("Rollout " + record.rolloutId() + " has targets but no hubs to find them");
        }
        return targets.jobsFor(record.plan(), clock);
    }

    public RolloutStore store() {
        return store;
    }

    /** The rollouts this orchestrator follows: the unfinished ones of its store. */
    public Set<String> trackedRollouts() {
        return Set.copyOf(tracked.keySet());
    }

    public RolloutJobs jobs() {
        return jobs;
    }

    public RolloutEvents events() {
        return events;
    }

    public Clock clock() {
        return clock;
    }

    /** The governor of the hub the rollouts run on, shared with every rollout component of the context. */
    public HubGovernor governor() {
        return governor;
    }

    /** A new rollout, just stored: announce it and take its first step now. */
    public CompletableFuture<Void> launch(RolloutRecord record, RolloutProgress progress) {
        // The node that stored the rollout announces it; its steps run where the rollout's view is led.
        track(record, progress).run().announceStart();
        return nudge(record.rolloutId());
    }

    /** Runs a step of the rollout as soon as possible (after a command); done when the step is. */
    public CompletableFuture<Void> nudge(String rolloutId) {
        Tracked entry = tracked.get(rolloutId);
        if (entry == null) {
            return CompletableFuture.completedFuture(null);
        }
        return CompletableFuture.runAsync(() -> step(entry), executor);
    }

    /** Whether this node steps the rollout now. */
    public boolean isActiveHere(String rolloutId) {
        Tracked entry = tracked.get(rolloutId);
        return entry != null && isLeader(entry);
    }

    private void discover() {
        if (stopped) {
            return;
        }
        try {
            for (String id : store.rolloutIds()) {
                if (tracked.containsKey(id)) {
                    continue;
                }
                Optional<RolloutProgress> progress = store.progress(id);
                if (progress.isPresent() && !progress.get().status().isFinal()) {
                    store.record(id).ifPresent(record -> resume(record, progress.get()));
                }
            }
        } catch (RuntimeException e) {
            LOG.warn("Cannot read the rollout store: {}", e.getMessage(), e);
        }
    }

    /** Tracks a stored rollout; one whose hubs cannot be reached yet is tried again at the next discovery. */
    private void resume(RolloutRecord record, RolloutProgress progress) {
        try {
            track(record, progress);
        } catch (RuntimeException e) {
            LOG.warn("Rollout {} waits for its targets: {}", record.rolloutId(), e.getMessage());
        }
    }

    private synchronized Tracked track(RolloutRecord record, RolloutProgress progress) {
        Tracked existing = tracked.get(record.rolloutId());
        if (existing != null) {
            return existing;
        }
        JobAdmission admission = new JobAdmission(record.rolloutId(), record.plan().rate(), governor, store,
                createAllowed);
        RolloutRun run = new RolloutRun(record, progress, store, jobsFor(record), events, clock, admission, approvals);
        CamelClusterView view = null;
        if (cluster != null) {
            try {
                view = cluster.getView("iotrollout-" + RolloutJobIds.key(run.rolloutId()));
            } catch (Exception e) {
                throw new IllegalStateException("Cannot join the cluster view of rollout " + run.rolloutId(), e);
            }
        }
        Tracked[] self = new Tracked[1];
        ScheduledFuture<?> schedule = executor.scheduleWithFixedDelay(() -> step(self[0]), interval.toMillis(),
                interval.toMillis(), TimeUnit.MILLISECONDS);
        // A run tracked here starts from the store; after that, only a regained leadership makes it read again.
        self[0] = new Tracked(run, admission, schedule, view, new AtomicBoolean(false));
        tracked.put(run.rolloutId(), self[0]);
        governor.onFree(run.rolloutId(), () -> nudge(run.rolloutId()));
        LOG.debug("Rollout {} tracked", run.rolloutId());
        return self[0];
    }

    private void step(Tracked entry) {
        if (entry == null || stopped) {
            return;
        }
        if (!isLeader(entry)) {
            if (entry.leading().getAndSet(false)) {
                entry.admission().standDown();
            }
            return;
        }
        RolloutRun run = entry.run();
        boolean completed = false;
        try {
            entry.admission().beginTurn(run.progress());
            run.step(!entry.leading().getAndSet(true));
            completed = true;
        } catch (RetryLaterException e) {
            LOG.debug("Rollout {}: {} {} waits ({}); the turn goes on in {} ms or later", run.rolloutId(),
                    e.getMethod(), e.getPath(), e.getErrorCode(), e.getDelay().toMillis());
        } catch (Exception e) {
            LOG.warn("Rollout {}: step failed, retried in {}: {}", run.rolloutId(), interval, e.getMessage());
            LOG.debug("Rollout {} step failure", run.rolloutId(), e);
        } finally {
            entry.admission().endTurn(completed);
        }
        if (run.isFinal()) {
            untrack(run.rolloutId());
        }
    }

    private boolean isLeader(Tracked entry) {
        return entry.view() == null || entry.view().getLocalMember().isLeader();
    }

    private void untrack(String rolloutId) {
        Tracked entry = tracked.remove(rolloutId);
        if (entry == null) {
            return;
        }
        entry.schedule().cancel(false);
        entry.admission().close();
        if (entry.view() != null) {
            try {
                cluster.releaseView(entry.view());
            } catch (Exception e) {
                LOG.debug("Releasing the cluster view of rollout {} failed", rolloutId, e);
            }
        }
    }
}
