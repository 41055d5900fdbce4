/*
 * Licensed to the Apache Software Foundation (ASF) under one or more contributor license agreements; and to You
 * under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance with the
 * License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.iotjobs.camel.rollout.port;

import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;

import io.github.iotjobs.camel.IotJobsOperationFailedException;
import io.github.iotjobs.camel.model.DeviceJob;
import io.github.iotjobs.camel.model.IotJob;
import io.github.iotjobs.camel.platform.JobPlatform;
import io.github.iotjobs.camel.platform.MethodJobSpec;
import io.github.iotjobs.camel.platform.Page;
import io.github.iotjobs.camel.platform.TwinJobSpec;
import io.github.iotjobs.camel.rollout.plan.MethodAction;
import io.github.iotjobs.camel.rollout.plan.RolloutAction;

/** The rollout port over an iotjobs endpoint's platform client. */
public final class PlatformRolloutJobs implements RolloutJobs {

    private static final int PAGE_SIZE = 1000;
    private static final int DEFAULT_RESPONSE_TIMEOUT = 30;

    private final JobPlatform platform;

    public PlatformRolloutJobs(JobPlatform platform) {
        this.platform = platform;
    }

    @Override
    public void queryDevices(String condition, Consumer<List<String>> sink) throws IotJobsOperationFailedException {
        String continuation = null;
        do {
            Page<String> page = platform.queryDevices(condition, PAGE_SIZE, continuation);
            sink.accept(page.items());
            continuation = page.continuation();
        } while (continuation != null);
    }

    @Override
    public IotJob createJob(String jobId, String condition, RolloutAction action, long maxExecutionSeconds)
            throws IotJobsOperationFailedException {
        try {
            if (action.twinPatch() != null) {
                return platform.scheduleTwinUpdate(new TwinJobSpec(jobId, condition, action.twinPatch(), Instant.now(),
                        maxExecutionSeconds));
            }
            MethodAction method = action.method();
            int response = method.responseTimeout() != null ? (int) method.responseTimeout().toSeconds()
                    : DEFAULT_RESPONSE_TIMEOUT;
            int connect = method.connectTimeout() != null ? (int) method.connectTimeout().toSeconds() : 0;
            return platform.scheduleDeviceMethod(new MethodJobSpec(jobId, condition, method.name(), method.payload(),
                    response, connect, Instant.now(), maxExecutionSeconds));
        } catch (IotJobsOperationFailedException e) {
            if (e.getStatusCode() == 409) {
                // Created before a crash or by a resent request: the job is what the rollout asked for.
                return platform.getJob(jobId);
            }
            throw e;
        }
    }

    @Override
    public IotJob getJob(String jobId) throws IotJobsOperationFailedException {
        return platform.getJob(jobId);
    }

    @Override
    public void cancelJob(String jobId) throws IotJobsOperationFailedException {
        try {
            platform.cancelJob(jobId);
        } catch (IotJobsOperationFailedException e) {
            // 400/409: the job runs or is over, so nothing of it is queued any more; 404: it is gone.
            if (e.getStatusCode() != 400 && e.getStatusCode() != 409 && e.getStatusCode() != 404) {
                throw e;
            }
        }
    }

    @Override
    public Page<DeviceJob> finishedDevices(String jobId, String continuation) throws IotJobsOperationFailedException {
        return platform.listFinishedDevices(jobId, null, PAGE_SIZE, continuation);
    }
}
