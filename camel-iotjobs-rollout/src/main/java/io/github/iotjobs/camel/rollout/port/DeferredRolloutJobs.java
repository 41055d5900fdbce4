/*
 * Licensed to the Apache Software Foundation (ASF) under one or more contributor license agreements; and to You
 * under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance with the
 * License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.iotjobs.camel.rollout.port;

import java.util.List;
import java.util.function.Consumer;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.iotjobs.camel.IotJobsOperationFailedException;
import io.github.iotjobs.camel.client.Page;
import io.github.iotjobs.camel.model.DeviceJob;
import io.github.iotjobs.camel.model.IotJob;
import io.github.iotjobs.camel.rollout.plan.RolloutAction;
import io.github.iotjobs.camel.transport.RetryDeferral;
import io.github.iotjobs.camel.transport.RetryLaterException;

/**
 * The port as the orchestrator's turns use it: a call that would wait (for the hub's request budget, or before a
 * retry the hub asked for with 429) fails at once with {@link RetryLaterException} instead of holding the
 * scheduler's thread (cancels aside); the turn ends there and the next one carries on. The request was not sent, so the hub counts
 * no 429 for it.
 */
public final class DeferredRolloutJobs implements RolloutJobs {

    private final RolloutJobs delegate;

    public DeferredRolloutJobs(RolloutJobs delegate) {
        this.delegate = delegate;
    }

    @Override
    public void queryDevices(String condition, Consumer<List<String>> page) throws IotJobsOperationFailedException {
        deferred(() -> {
            delegate.queryDevices(condition, page);
            return null;
        });
    }

    @Override
    public void queryTwins(String projection, List<String> deviceIds, Consumer<List<ObjectNode>> page)
            throws IotJobsOperationFailedException {
        deferred(() -> {
            delegate.queryTwins(projection, deviceIds, page);
            return null;
        });
    }

    @Override
    public IotJob createJob(String jobId, String condition, RolloutAction action, long maxExecutionSeconds,
            boolean repeated) throws IotJobsOperationFailedException {
        return deferred(() -> delegate.createJob(jobId, condition, action, maxExecutionSeconds, repeated));
    }

    @Override
    public IotJob getJob(String jobId) throws IotJobsOperationFailedException {
        return deferred(() -> delegate.getJob(jobId));
    }

    /** Not deferred: a halt's cancel is rare and must not be skipped, so it waits for the budget if it must. */
    @Override
    public void cancelJob(String jobId) throws IotJobsOperationFailedException {
        delegate.cancelJob(jobId);
    }

    @Override
    public Page<DeviceJob> finishedDevices(String jobId, String continuation) throws IotJobsOperationFailedException {
        return deferred(() -> delegate.finishedDevices(jobId, continuation));
    }

    private static <T> T deferred(RetryDeferral.Call<T> call) throws IotJobsOperationFailedException {
        try {
            return RetryDeferral.run(0, call);
        } catch (IotJobsOperationFailedException | RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }
}
