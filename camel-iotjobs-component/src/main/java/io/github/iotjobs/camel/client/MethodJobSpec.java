/*
 * Licensed to the Apache Software Foundation (ASF) under one or more contributor license agreements; and to You
 * under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance with the
 * License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.iotjobs.camel.client;

import java.time.Instant;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A validated request to run a direct method on the devices a query condition selects.
 *
 * @param jobId                  the job id
 * @param queryCondition         the devices
 * @param methodName             the method
 * @param payload                the method payload, or null
 * @param responseTimeoutSeconds seconds to wait for each response
 * @param connectTimeoutSeconds  seconds to wait for an offline device
 * @param startTime              when to start
 * @param maxExecutionSeconds    the job's time limit
 * @param repeated               whether this create may have been sent before (a redelivered message): a 409 is then
 *                               settled by reading the job
 */
public record MethodJobSpec(
        String jobId, String queryCondition, String methodName, JsonNode payload, int responseTimeoutSeconds,
        int connectTimeoutSeconds, Instant startTime, long maxExecutionSeconds, boolean repeated) {

    /** A create sent for the first time. */
    public MethodJobSpec(String jobId, String queryCondition, String methodName, JsonNode payload,
                         int responseTimeoutSeconds, int connectTimeoutSeconds, Instant startTime,
                         long maxExecutionSeconds) {
        this(jobId, queryCondition, methodName, payload, responseTimeoutSeconds, connectTimeoutSeconds, startTime,
             maxExecutionSeconds, false);
    }
}
