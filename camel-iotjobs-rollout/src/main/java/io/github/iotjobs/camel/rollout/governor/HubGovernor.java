/*
 * Licensed to the Apache Software Foundation (ASF) under one or more contributor license agreements; and to You
 * under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance with the
 * License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.iotjobs.camel.rollout.governor;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;

/**
 * What one hub allows every rollout of a CamelContext together (protocol.md §8): its concurrent jobs (1 on S1, 5 on
 * S2, 10 on S3) and its jobs device operations per second. A rollout asks before it creates a job; the job gets a
 * slot and spends its devices' share of the device operations, and rollouts that must wait queue in the order they
 * asked, so two rollouts take turns instead of meeting the hub's 429. Nothing waits here: a refused rollout asks
 * again on its next turn, or at once when a slot it waits for is freed.
 * <p>
 * The device operations are paced by when the running jobs are due to be over: a job of N devices started at t
 * is due at t + N / (operations per second), and no job starts while another is due later than now, so the jobs
 * running never ask the hub for more device operations than its quota. A job that ends before it is due (devices
 * that answered faster than the quota, or failed at once) frees its share when its end is seen. What is decided
 * here is not stored: after a restart the rollouts' running jobs take their slots again, and a create the governor
 * repeats is settled by the job's derived id.
 */
public final class HubGovernor {

    private final int slots;
    private final double deviceOpsPerSecond;
    private final Clock clock;
    /** The jobs holding a slot, by job id. */
    private final Map<String, Held> held = new HashMap<>();
    /** Rollouts waiting for a slot or the device budget, first come first served. */
    private final Deque<String> waiting = new ArrayDeque<>();
    private final Map<String, Runnable> wakers = new ConcurrentHashMap<>();

    /** A running job: its rollout, and when its devices' operations are due to be done at the quota's pace. */
    private record Held(String rolloutId, Instant due) {
    }

    public HubGovernor(int slots, double deviceOpsPerSecond, Clock clock) {
        this.slots = slots;
        this.deviceOpsPerSecond = deviceOpsPerSecond;
        this.clock = clock;
    }

    public Clock clock() {
        return clock;
    }

    /** The hub's concurrent-job limit. */
    public int slots() {
        return slots;
    }

    /** How to run a turn of the rollout at once, when what it waits for is free. */
    public void onFree(String rolloutId, Runnable waker) {
        wakers.put(rolloutId, waker);
    }

    /**
     * Admits a job of the rollout when a slot is free, the device budget allows it and no rollout asked before;
     * otherwise queues the rollout (once) and answers false.
     *
     * @param createAllowed whether the hub's jobs-operations budget has room for the create now
     */
    public synchronized boolean tryStart(String rolloutId, String jobId, int devices, BooleanSupplier createAllowed) {
        if (held.containsKey(jobId)) {
            return true;
        }
        Instant now = clock.instant();
        String first = waiting.peekFirst();
        boolean turn = first == null || first.equals(rolloutId);
        if (turn && held.size() < slots && !now.isBefore(busyUntil()) && createAllowed.getAsBoolean()) {
            waiting.remove(rolloutId);
            held.put(jobId, new Held(rolloutId, now.plus(Duration.ofNanos(Math.round(devices * 1e9
                    / deviceOpsPerSecond)))));
            return true;
        }
        if (!waiting.contains(rolloutId)) {
            waiting.addLast(rolloutId);
        }
        return false;
    }

    /** When the running jobs' device operations are due to be done. */
    private Instant busyUntil() {
        Instant until = Instant.MIN;
        for (Held job : held.values()) {
            if (job.due().isAfter(until)) {
                until = job.due();
            }
        }
        return until;
    }

    /** Whether the job holds a slot. */
    public synchronized boolean holds(String jobId) {
        return held.containsKey(jobId);
    }

    /**
     * The rollout's jobs that run now (also after a restart, or when this node takes the rollout over) hold a slot
     * each until they are over, and no other job of it does. How far a job found running is, is unknown: it holds up
     * no device budget.
     */
    public void holdOnly(String rolloutId, Set<String> jobIds) {
        boolean freed;
        synchronized (this) {
            freed = held.entrySet().removeIf(e -> e.getValue().rolloutId().equals(rolloutId)
                    && !jobIds.contains(e.getKey()));
            for (String jobId : jobIds) {
                held.putIfAbsent(jobId, new Held(rolloutId, Instant.MIN));
            }
        }
        if (freed) {
            wake(firstWaiting());
        }
    }

    /** The job is over, or the hub refused it: its slot goes to the first rollout waiting. */
    public void release(String jobId) {
        String next;
        synchronized (this) {
            if (held.remove(jobId) == null) {
                return;
            }
            next = waiting.peekFirst();
        }
        wake(next);
    }

    /** The rollout no longer waits (paused, halted, between stages): it does not hold up the others. */
    public void withdraw(String rolloutId) {
        String next;
        synchronized (this) {
            boolean wasFirst = rolloutId.equals(waiting.peekFirst());
            if (!waiting.remove(rolloutId) || !wasFirst) {
                return;
            }
            next = waiting.peekFirst();
        }
        wake(next);
    }

    /** The rollout is no longer stepped here (over, or led by another node): its slots and its place are given up. */
    public void leave(String rolloutId) {
        synchronized (this) {
            held.values().removeIf(job -> job.rolloutId().equals(rolloutId));
            waiting.remove(rolloutId);
        }
        wake(firstWaiting());
    }

    /** The rollout is no longer tracked here: nothing wakes it any more. */
    public void forget(String rolloutId) {
        wakers.remove(rolloutId);
    }

    private synchronized String firstWaiting() {
        return waiting.peekFirst();
    }

    private void wake(String rolloutId) {
        Runnable waker = rolloutId == null ? null : wakers.get(rolloutId);
        if (waker != null) {
            waker.run();
        }
    }
}
