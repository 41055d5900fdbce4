/*
 * Licensed to the Apache Software Foundation (ASF) under one or more contributor license agreements; and to You
 * under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance with the
 * License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.iotjobs.camel.client;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.iotjobs.camel.IotJobsOperationFailedException;
import io.github.iotjobs.camel.model.IotJob;

/**
 * IoT Central jobs: defined on a device group, then stopped, resumed or rerun. Every change settles its outcome as
 * {@link TargetedJobs} does: the given id is the only one ever sent.
 */
public interface GroupJobs extends JobsClient {

    /**
     * Creates and starts a job from its definition (group, data[], batch, cancellationThreshold).
     *
     * @param repeated whether this create may have been sent before (a redelivered message): a 409 is then settled by
     *                 reading the job
     */
    IotJob createJob(String jobId, ObjectNode definition, boolean repeated) throws IotJobsOperationFailedException;

    /** {@link #createJob(String, ObjectNode, boolean)} sent for the first time. */
    default IotJob createJob(String jobId, ObjectNode definition) throws IotJobsOperationFailedException {
        return createJob(jobId, definition, false);
    }

    /** Stops a running job and returns it as it is then. */
    IotJob stopJob(String jobId) throws IotJobsOperationFailedException;

    /** Resumes a stopped job and returns it as it is then. */
    IotJob resumeJob(String jobId) throws IotJobsOperationFailedException;

    /**
     * Reruns a job on its failed devices; returns the new job, whose id is {@code rerunId}.
     *
     * @param repeated whether this rerun may have been sent before (a redelivered message)
     */
    IotJob rerunJob(String jobId, String rerunId, boolean repeated) throws IotJobsOperationFailedException;

    /** {@link #rerunJob(String, String, boolean)} sent for the first time. */
    default IotJob rerunJob(String jobId, String rerunId) throws IotJobsOperationFailedException {
        return rerunJob(jobId, rerunId, false);
    }
}
