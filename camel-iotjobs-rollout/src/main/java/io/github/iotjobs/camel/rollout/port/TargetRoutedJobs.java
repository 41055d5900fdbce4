/*
 * Licensed to the Apache Software Foundation (ASF) under one or more contributor license agreements; and to You
 * under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance with the
 * License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.iotjobs.camel.rollout.port;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.iotjobs.camel.IotJobsOperationFailedException;
import io.github.iotjobs.camel.client.Page;
import io.github.iotjobs.camel.model.DeviceJob;
import io.github.iotjobs.camel.model.IotJob;
import io.github.iotjobs.camel.rollout.plan.RolloutAction;
import io.github.iotjobs.camel.rollout.stage.HubTier;
import io.github.iotjobs.camel.rollout.stage.RolloutJobIds;

/**
 * The port of a rollout over several targets: each job goes to the hub its id names ({@code rt-<target>-...}). It
 * watches each target's health: a hub that fails every call (no answer, 5xx, refused credentials) for longer than
 * {@code unreachableAfter} makes its calls throw {@link TargetUnreachableException}, on which the rollout halts.
 */
public final class TargetRoutedJobs implements RolloutJobs {

    /** One target's hub: its port and the size it has. */
    public record Target(String name, RolloutJobs jobs, HubTier tier, int units) {
    }

    private final Map<String, Target> targets = new LinkedHashMap<>();
    private final Clock clock;
    private final Duration unreachableAfter;
    /** Per target, when its current run of failures began; absent while it answers. */
    private final Map<String, Instant> failingSince = new ConcurrentHashMap<>();

    public TargetRoutedJobs(List<Target> targets, Clock clock, Duration unreachableAfter) {
        targets.forEach(t -> this.targets.put(t.name(), t));
        this.clock = clock;
        this.unreachableAfter = unreachableAfter;
    }

    /** The target's concurrent-job limit. */
    public int concurrentJobs(String target) {
        return target(target).tier().concurrentJobs();
    }

    public Target target(String name) {
        Target target = targets.get(name);
        if (target == null) {
            throw new IllegalStateException("No target " + name + " in this rollout");
        }
        return target;
    }

    @FunctionalInterface
    private interface Call<T> {
        T on(RolloutJobs jobs) throws IotJobsOperationFailedException;
    }

    private <T> T call(String jobId, Call<T> call) throws IotJobsOperationFailedException {
        String name = RolloutJobIds.targetOf(jobId);
        if (name == null) {
            throw new IllegalStateException("Job " + jobId + " names no target");
        }
        Target target = target(name);
        try {
            T answer = call.on(target.jobs());
            failingSince.remove(name);
            return answer;
        } catch (IotJobsOperationFailedException e) {
            if (!hubFailed(e)) {
                failingSince.remove(name); // it answered, if only to refuse this call
                throw e;
            }
            Instant now = clock.instant();
            Instant since = failingSince.computeIfAbsent(name, n -> now);
            if (!now.isBefore(since.plus(unreachableAfter))) {
                throw new TargetUnreachableException(name, since, unreachableAfter, e);
            }
            throw e;
        }
    }

    /** No answer, a server error, or credentials the hub refuses: nothing a later turn of the same call fixes soon. */
    private static boolean hubFailed(IotJobsOperationFailedException e) {
        int status = e.getStatusCode();
        return status == 0 || status >= 500 || status == 401 || status == 403;
    }

    @Override
    public IotJob createJob(String jobId, String condition, RolloutAction action, long maxExecutionSeconds,
            boolean repeated) throws IotJobsOperationFailedException {
        return call(jobId, jobs -> jobs.createJob(jobId, condition, action, maxExecutionSeconds, repeated));
    }

    @Override
    public IotJob getJob(String jobId) throws IotJobsOperationFailedException {
        return call(jobId, jobs -> jobs.getJob(jobId));
    }

    @Override
    public void cancelJob(String jobId) throws IotJobsOperationFailedException {
        call(jobId, jobs -> {
            jobs.cancelJob(jobId);
            return null;
        });
    }

    @Override
    public Page<DeviceJob> finishedDevices(String jobId, String continuation) throws IotJobsOperationFailedException {
        return call(jobId, jobs -> jobs.finishedDevices(jobId, continuation));
    }

    /** A target's devices are resolved on its own hub ({@link #target(String)}), not across all of them. */
    @Override
    public void queryDevices(String condition, Consumer<List<String>> page) {
        throw new UnsupportedOperationException("Resolve each target on its own hub");
    }

    /** Convergence and rollback, which read twins, are not yet available with targets (the plan refuses them). */
    @Override
    public void queryTwins(String projection, List<String> deviceIds, Consumer<List<ObjectNode>> page) {
        throw new UnsupportedOperationException("Twin queries across targets are not available");
    }
}
