/*
 * Licensed to the Apache Software Foundation (ASF) under one or more contributor license agreements; and to You
 * under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance with the
 * License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.iotjobs.camel.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.iotjobs.camel.IotJobsOperationFailedException;
import io.github.iotjobs.camel.model.IotJob;

/**
 * IoT Central scheduled jobs: definitions that start jobs on a schedule. Documents are returned as the platform sent
 * them.
 */
public interface ScheduledJobs extends JobsClient {

    /** Creates (or replaces) a scheduled job; returns the platform's document. */
    JsonNode createScheduledJob(String scheduledJobId, ObjectNode definition) throws IotJobsOperationFailedException;

    JsonNode getScheduledJob(String scheduledJobId) throws IotJobsOperationFailedException;

    /** One page of scheduled jobs, one request. */
    Page<JsonNode> listScheduledJobs(int pageSize, String continuation) throws IotJobsOperationFailedException;

    /** Applies a JSON merge patch (RFC 7396) to a scheduled job; returns the updated document. */
    JsonNode updateScheduledJob(String scheduledJobId, ObjectNode mergePatch) throws IotJobsOperationFailedException;

    void deleteScheduledJob(String scheduledJobId) throws IotJobsOperationFailedException;

    /** One page of the jobs a scheduled job has started. */
    Page<IotJob> listScheduledJobRuns(String scheduledJobId, int pageSize, String continuation)
            throws IotJobsOperationFailedException;
}
