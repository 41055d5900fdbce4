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
import io.github.iotjobs.camel.model.DeviceJob;
import io.github.iotjobs.camel.model.IotJob;
import io.github.iotjobs.camel.client.Page;
import io.github.iotjobs.camel.rollout.plan.RolloutAction;

/**
 * What a rollout needs from a job platform: resolve a target, create a job under a chosen id (settling a create
 * whose outcome is unknown, or that already happened, by reading the job), read and cancel it, read its finished
 * device rows. The orchestrator speaks only to this port.
 */
public interface RolloutJobs {

    /** Hands every device id the condition selects to {@code page}, one page at a time. */
    void queryDevices(String condition, Consumer<List<String>> page) throws IotJobsOperationFailedException;

    /**
     * Hands the twins of these devices to {@code page}, a page at a time, each projected on {@code deviceId} and
     * {@code projection} (e.g. {@code tags, properties.desired}: rows {@code {deviceId, tags, desired}}); devices
     * that do not exist have no row. As many queries as the query-length limit needs, not one per device.
     */
    void queryTwins(String projection, List<String> deviceIds, Consumer<List<ObjectNode>> page)
            throws IotJobsOperationFailedException;

    /**
     * Creates the job under this id, settling an unknown outcome by reading it.
     *
     * @param repeated whether this create may have been sent before (a crash came after it): a conflict is then
     *                 settled by reading the job, which counts as created when it is this change
     */
    IotJob createJob(String jobId, String condition, RolloutAction action, long maxExecutionSeconds, boolean repeated)
            throws IotJobsOperationFailedException;

    IotJob getJob(String jobId) throws IotJobsOperationFailedException;

    /** Cancels what the job has not run yet; a job already running or over is left as it is. */
    void cancelJob(String jobId) throws IotJobsOperationFailedException;

    /** One page of the job's device rows that reached a final state. */
    Page<DeviceJob> finishedDevices(String jobId, String continuation) throws IotJobsOperationFailedException;
}
