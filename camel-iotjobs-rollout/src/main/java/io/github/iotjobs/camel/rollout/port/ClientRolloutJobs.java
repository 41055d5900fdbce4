/*
 * Licensed to the Apache Software Foundation (ASF) under one or more contributor license agreements; and to You
 * under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance with the
 * License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.iotjobs.camel.rollout.port;

import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.iotjobs.camel.IotJobsOperationFailedException;
import io.github.iotjobs.camel.client.DeviceQueries;
import io.github.iotjobs.camel.client.JobCancellation;
import io.github.iotjobs.camel.client.JobsClient;
import io.github.iotjobs.camel.client.MethodJobSpec;
import io.github.iotjobs.camel.client.Page;
import io.github.iotjobs.camel.client.TargetedJobs;
import io.github.iotjobs.camel.client.TwinJobSpec;
import io.github.iotjobs.camel.model.DeviceJob;
import io.github.iotjobs.camel.model.IotJob;
import io.github.iotjobs.camel.rollout.plan.MethodAction;
import io.github.iotjobs.camel.rollout.plan.RolloutAction;
import io.github.iotjobs.camel.rollout.stage.DeviceIdQuery;
import io.github.iotjobs.camel.validation.QueryConditionSyntax;

/**
 * The rollout port over an iotjobs client: a platform with query-targeted jobs, cancellation and device queries (the
 * hub, and the manager for everything but queries).
 */
public final class ClientRolloutJobs implements RolloutJobs {

    private static final int PAGE_SIZE = 1000;
    private static final int DEFAULT_RESPONSE_TIMEOUT = 30;

    private final JobsClient client;
    private final HubTwinQueries twins;

    /** @param twins the twin queries of the same hub, or null where the platform has none */
    public ClientRolloutJobs(JobsClient client, HubTwinQueries twins) {
        if (!(client instanceof TargetedJobs)) {
            throw new IllegalArgumentException("Rollouts need a platform with query-targeted jobs (hub or manager),"
                                               + " not " + client.platform());
        }
        this.client = client;
        this.twins = twins;
    }

    @Override
    public void queryTwins(String projection, List<String> deviceIds, Consumer<List<ObjectNode>> sink)
            throws IotJobsOperationFailedException {
        if (twins == null) {
            throw new IllegalStateException("Platform " + client.platform() + " has no twin queries: rollback of a"
                                            + " twin patch needs the hub");
        }
        String select = "SELECT deviceId, " + projection + " FROM devices WHERE ";
        int from = 0;
        for (int end : DeviceIdQuery.chunkEnds(deviceIds, QueryConditionSyntax.MAX_LENGTH - select.length())) {
            String query = select + DeviceIdQuery.condition(deviceIds.subList(from, end));
            from = end;
            drain(continuation -> twins.query(query, PAGE_SIZE, continuation), sink);
        }
    }

    @FunctionalInterface
    private interface PageRead<T> {
        Page<T> read(String continuation) throws IotJobsOperationFailedException;
    }

    /** Hands every page to the sink, following the continuation. */
    private static <T> void drain(PageRead<T> read, Consumer<List<T>> sink) throws IotJobsOperationFailedException {
        String continuation = null;
        do {
            Page<T> page = read.read(continuation);
            sink.accept(page.items());
            continuation = page.continuation();
        } while (continuation != null);
    }

    @Override
    public void queryDevices(String condition, Consumer<List<String>> sink) throws IotJobsOperationFailedException {
        if (!(client instanceof DeviceQueries queries)) {
            throw new IllegalStateException("Platform " + client.platform() + " cannot resolve a query target;"
                                            + " list the devices in target.devices");
        }
        drain(continuation -> queries.queryDevices(condition, PAGE_SIZE, continuation), sink);
    }

    @Override
    public IotJob createJob(String jobId, String condition, RolloutAction action, long maxExecutionSeconds,
            boolean repeated) throws IotJobsOperationFailedException {
        TargetedJobs jobs = (TargetedJobs) client;
        if (action.twinPatch() != null) {
            return jobs.scheduleTwinUpdate(new TwinJobSpec(jobId, condition, action.twinPatch(), Instant.now(),
                    maxExecutionSeconds, repeated));
        }
        MethodAction method = action.method();
        int response = method.responseTimeout() != null ? (int) method.responseTimeout().toSeconds()
                : DEFAULT_RESPONSE_TIMEOUT;
        int connect = method.connectTimeout() != null ? (int) method.connectTimeout().toSeconds() : 0;
        return jobs.scheduleDeviceMethod(new MethodJobSpec(jobId, condition, method.name(), method.payload(), response,
                connect, Instant.now(), maxExecutionSeconds, repeated));
    }

    @Override
    public IotJob getJob(String jobId) throws IotJobsOperationFailedException {
        return client.getJob(jobId);
    }

    @Override
    public void cancelJob(String jobId) throws IotJobsOperationFailedException {
        if (!(client instanceof JobCancellation cancellation)) {
            return;
        }
        try {
            cancellation.cancelJob(jobId);
        } catch (IotJobsOperationFailedException e) {
            // 400/409: the job runs or is over, so nothing of it is queued any more; 404: it is gone.
            if (e.getStatusCode() != 400 && e.getStatusCode() != 409 && e.getStatusCode() != 404) {
                throw e;
            }
        }
    }

    @Override
    public Page<DeviceJob> finishedDevices(String jobId, String continuation) throws IotJobsOperationFailedException {
        return client.listFinishedDevices(jobId, null, PAGE_SIZE, continuation);
    }
}
