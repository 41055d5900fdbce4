/*
 * Licensed to the Apache Software Foundation (ASF) under one or more contributor license agreements; and to You
 * under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance with the
 * License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.iotjobs.camel.client;

import java.io.Closeable;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.github.iotjobs.camel.IotJobsOperationFailedException;
import io.github.iotjobs.camel.IotJobsPlatform;
import io.github.iotjobs.camel.model.DeviceJob;
import io.github.iotjobs.camel.model.DeviceJobStatus;
import io.github.iotjobs.camel.model.IotJob;

/**
 * A client of one platform's job API (hub, central or manager), normalized: what every platform can do. What only
 * some can do is a capability interface the client also implements ({@link TargetedJobs}, {@link JobCancellation},
 * {@link DeviceQueries}, {@link GroupJobs}, {@link ScheduledJobs}, {@link DeviceGroups}, {@link DeviceProperties}),
 * so a caller asks with {@code instanceof} and nothing can be called that the platform lacks.
 * <p>
 * Clients know nothing of Camel routes or exchanges: an orchestrator (a rollout, a consumer, a plain Java program)
 * uses them as they are. Every call is blocking and may be made from any thread.
 */
public interface JobsClient extends Closeable {

    /** Which platform this client speaks to. */
    IotJobsPlatform platform();

    IotJob getJob(String jobId) throws IotJobsOperationFailedException;

    /**
     * One page of jobs, one request. The filter's job type and status are sent where the platform filters on them;
     * callers apply {@link JobFilter#accepts} for the rest, as {@link #listAllJobs} does.
     */
    Page<IotJob> listJobs(JobFilter filter, String continuation) throws IotJobsOperationFailedException;

    /** Every page of jobs, with the filter applied to what the platform could not filter itself. */
    default List<IotJob> listAllJobs(JobFilter filter) throws IotJobsOperationFailedException {
        List<IotJob> jobs = new ArrayList<>();
        Pages.forEach(continuation -> listJobs(filter, continuation), job -> {
            if (filter.accepts(job)) {
                jobs.add(job);
            }
        });
        return jobs;
    }

    /**
     * One page of a job's per-device results, one request. The continuation of the answer resumes the listing, also
     * from another client of the same platform (it is the platform's own token).
     */
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

    @Override
    void close();
}
