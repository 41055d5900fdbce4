/*
 * Licensed to the Apache Software Foundation (ASF) under one or more contributor license agreements; and to You
 * under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance with the
 * License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.iotjobs.camel.client;

import java.time.Instant;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A validated request to apply a twin patch to the devices a query condition selects.
 *
 * @param jobId               the job id
 * @param queryCondition      the devices
 * @param patch               the patch: {@code tags} and/or {@code properties.desired}
 * @param startTime           when to start
 * @param maxExecutionSeconds the job's time limit
 * @param repeated            whether this create may have been sent before (a redelivered message): a 409 is then
 *                            settled by reading the job
 */
public record TwinJobSpec(String jobId, String queryCondition, ObjectNode patch, Instant startTime,
        long maxExecutionSeconds, boolean repeated) {

    /** A create sent for the first time. */
    public TwinJobSpec(String jobId, String queryCondition, ObjectNode patch, Instant startTime,
                       long maxExecutionSeconds) {
        this(jobId, queryCondition, patch, startTime, maxExecutionSeconds, false);
    }
}
