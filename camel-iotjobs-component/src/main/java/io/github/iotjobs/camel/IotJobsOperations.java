/*
 * Licensed to the Apache Software Foundation (ASF) under one or more contributor license agreements; and to You
 * under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance with the
 * License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.iotjobs.camel;

import io.github.iotjobs.camel.client.DeviceGroups;
import io.github.iotjobs.camel.client.DeviceProperties;
import io.github.iotjobs.camel.client.DeviceQueries;
import io.github.iotjobs.camel.client.GroupJobs;
import io.github.iotjobs.camel.client.JobCancellation;
import io.github.iotjobs.camel.client.JobsClient;
import io.github.iotjobs.camel.client.ScheduledJobs;
import io.github.iotjobs.camel.client.TargetedJobs;

/**
 * The producer operations, each with the client capability it needs: a platform supports an operation when its client
 * implements that capability, so the two cannot drift apart. An operation a platform lacks is refused before any
 * request is sent.
 */
public enum IotJobsOperations {
    scheduleDeviceMethod(TargetedJobs.class),
    scheduleTwinUpdate(TargetedJobs.class),
    createJob(GroupJobs.class),
    getJob(JobsClient.class),
    cancelJob(JobCancellation.class),
    stopJob(GroupJobs.class),
    resumeJob(GroupJobs.class),
    rerunJob(GroupJobs.class),
    listJobs(JobsClient.class),
    listJobDevices(JobsClient.class),
    queryDevices(DeviceQueries.class),
    createScheduledJob(ScheduledJobs.class),
    getScheduledJob(ScheduledJobs.class),
    listScheduledJobs(ScheduledJobs.class),
    updateScheduledJob(ScheduledJobs.class),
    deleteScheduledJob(ScheduledJobs.class),
    listScheduledJobRuns(ScheduledJobs.class),
    listDeviceGroups(DeviceGroups.class),
    getDeviceProperties(DeviceProperties.class);

    private final Class<? extends JobsClient> capability;

    IotJobsOperations(Class<? extends JobsClient> capability) {
        this.capability = capability;
    }

    /** The client interface that performs this operation. */
    public Class<? extends JobsClient> capability() {
        return capability;
    }

    /** Whether the client can perform this operation. */
    public boolean isSupportedBy(JobsClient client) {
        return capability.isInstance(client);
    }
}
