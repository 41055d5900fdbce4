/*
 * Licensed to the Apache Software Foundation (ASF) under one or more contributor license agreements; and to You
 * under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance with the
 * License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.iotjobs.camel.platform;

import java.io.Closeable;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.iotjobs.camel.IotJobsOperationFailedException;
import io.github.iotjobs.camel.IotJobsOperations;
import io.github.iotjobs.camel.IotJobsPlatform;
import io.github.iotjobs.camel.model.DeviceJob;
import io.github.iotjobs.camel.model.DeviceJobStatus;
import io.github.iotjobs.camel.model.IotJob;

/**
 * One platform's job API, normalized. The producer and the consumer speak only to this interface; each platform
 * (hub, central, manager) implements it over its own wire protocol.
 * <p>
 * Operations outside {@link #supportedOperations()} are refused by the producer before they reach a platform, so a
 * platform only implements what it supports; the defaults here report a programming error.
 */
public interface JobPlatform extends Closeable {

    IotJobsPlatform kind();

    /** The producer operations this platform implements. */
    Set<IotJobsOperations> supportedOperations();

    IotJob getJob(String jobId) throws IotJobsOperationFailedException;

    /**
     * One page of jobs, one request. The filter's job type and status are sent where the platform filters on them;
     * callers apply {@link JobFilter#accepts} for the rest.
     */
    Page<IotJob> listJobs(JobFilter filter, String continuation) throws IotJobsOperationFailedException;

    /** Every page of jobs, with the filter applied to what the platform could not filter itself. */
    default List<IotJob> listAllJobs(JobFilter filter) throws IotJobsOperationFailedException {
        List<IotJob> jobs = new ArrayList<>();
        String continuation = null;
        do {
            Page<IotJob> page = listJobs(filter, continuation);
            for (IotJob job : page.items()) {
                if (filter.accepts(job)) {
                    jobs.add(job);
                }
            }
            continuation = page.continuation();
        } while (continuation != null);
        return jobs;
    }

    /** One page of a job's per-device results, one request. */
    Page<DeviceJob> listJobDevices(String jobId, DeviceJobStatus status, int pageSize, String continuation)
            throws IotJobsOperationFailedException;

    /**
     * One page of a job's rows that reached a final state (completed, failed, cancelled) and were last updated at or
     * after {@code since} (null for all): what the consumer needs for device events. Platforms whose API can filter
     * so override this; the default filters {@link #listJobDevices} pages here.
     */
    default Page<DeviceJob> listFinishedDevices(String jobId, Instant since, int pageSize, String continuation)
            throws IotJobsOperationFailedException {
        Page<DeviceJob> page = listJobDevices(jobId, null, pageSize, continuation);
        List<DeviceJob> finished = new ArrayList<>();
        for (DeviceJob row : page.items()) {
            boolean recent = since == null || row.lastUpdatedTime() == null || !row.lastUpdatedTime().isBefore(since);
            if (row.status() != null && row.status().isFinal() && recent) {
                finished.add(row);
            }
        }
        return new Page<>(finished, page.continuation());
    }

    default IotJob scheduleDeviceMethod(MethodJobSpec spec) throws IotJobsOperationFailedException {
        throw unsupported(IotJobsOperations.scheduleDeviceMethod);
    }

    default IotJob scheduleTwinUpdate(TwinJobSpec spec) throws IotJobsOperationFailedException {
        throw unsupported(IotJobsOperations.scheduleTwinUpdate);
    }

    default IotJob cancelJob(String jobId) throws IotJobsOperationFailedException {
        throw unsupported(IotJobsOperations.cancelJob);
    }

    /** One page of the ids of the devices a query condition selects. */
    default Page<String> queryDevices(String queryCondition, int pageSize, String continuation)
            throws IotJobsOperationFailedException {
        throw unsupported(IotJobsOperations.queryDevices);
    }

    /** IoT Central: creates and starts a job from its definition (group, data[], batch, cancellationThreshold). */
    default IotJob createJob(String jobId, ObjectNode definition) throws IotJobsOperationFailedException {
        throw unsupported(IotJobsOperations.createJob);
    }

    /** IoT Central: stops a running job and returns it as it is then. */
    default IotJob stopJob(String jobId) throws IotJobsOperationFailedException {
        throw unsupported(IotJobsOperations.stopJob);
    }

    /** IoT Central: resumes a stopped job and returns it as it is then. */
    default IotJob resumeJob(String jobId) throws IotJobsOperationFailedException {
        throw unsupported(IotJobsOperations.resumeJob);
    }

    /** IoT Central: reruns a job on its failed devices; returns the new job, whose id is {@code rerunId}. */
    default IotJob rerunJob(String jobId, String rerunId) throws IotJobsOperationFailedException {
        throw unsupported(IotJobsOperations.rerunJob);
    }

    /** IoT Central: creates (or replaces) a scheduled job; returns the platform's document. */
    default JsonNode createScheduledJob(String scheduledJobId, ObjectNode definition)
            throws IotJobsOperationFailedException {
        throw unsupported(IotJobsOperations.createScheduledJob);
    }

    default JsonNode getScheduledJob(String scheduledJobId) throws IotJobsOperationFailedException {
        throw unsupported(IotJobsOperations.getScheduledJob);
    }

    /** One page of scheduled jobs, one request. */
    default Page<JsonNode> listScheduledJobs(int pageSize, String continuation) throws IotJobsOperationFailedException {
        throw unsupported(IotJobsOperations.listScheduledJobs);
    }

    /** Applies a JSON merge patch (RFC 7396) to a scheduled job; returns the updated document. */
    default JsonNode updateScheduledJob(String scheduledJobId, ObjectNode mergePatch)
            throws IotJobsOperationFailedException {
        throw unsupported(IotJobsOperations.updateScheduledJob);
    }

    default void deleteScheduledJob(String scheduledJobId) throws IotJobsOperationFailedException {
        throw unsupported(IotJobsOperations.deleteScheduledJob);
    }

    /** One page of the jobs a scheduled job has started. */
    default Page<IotJob> listScheduledJobRuns(String scheduledJobId, int pageSize, String continuation)
            throws IotJobsOperationFailedException {
        throw unsupported(IotJobsOperations.listScheduledJobRuns);
    }

    /** One page of device groups. */
    default Page<JsonNode> listDeviceGroups(int pageSize, String continuation) throws IotJobsOperationFailedException {
        throw unsupported(IotJobsOperations.listDeviceGroups);
    }

    /** IoT Hub Manager: the tag and reported-property names the service knows ({@code Tags}, {@code Reported}). */
    default JsonNode getDeviceProperties() throws IotJobsOperationFailedException {
        throw unsupported(IotJobsOperations.getDeviceProperties);
    }

    private IllegalStateException unsupported(IotJobsOperations operation) {
        return new IllegalStateException("Operation " + operation + " is not supported on platform " + kind());
    }
}
