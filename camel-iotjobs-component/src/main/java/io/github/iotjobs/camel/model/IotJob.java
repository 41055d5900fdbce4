/*
 * Licensed to the Apache Software Foundation (ASF) under one or more contributor license agreements; and to You
 * under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance with the
 * License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.iotjobs.camel.model;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * One normalized view of a job on any platform.
 *
 * @param jobId          the job id
 * @param platform       {@code hub}, {@code central} or {@code manager}
 * @param type           the job type in the platform's words ({@code scheduleDeviceMethod}, {@code scheduleUpdateTwin},
 *                       or the IoT Central data type such as {@code property}, {@code command})
 * @param status         the normalized status
 * @param platformStatus the platform's own status word
 * @param queryCondition the devices the job targets (IoT Hub query condition, or the IoT Central device group id)
 * @param createdTime    when the job was created, if the platform said
 * @param startTime      when the job started or is scheduled to start
 * @param endTime        when the job ended; null while it runs (the IoT Hub {@code 9999-12-30} sentinel maps to null)
 * @param statistics     device counts, if the platform reported them
 * @param failureReason  why the job failed, if it did
 * @param statusMessage  the platform's status message
 * @param details        the platform's job document as received, for fields not normalized here
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record IotJob(
        String jobId,
        String platform,
        String type,
        JobStatus status,
        String platformStatus,
        String queryCondition,
        Instant createdTime,
        Instant startTime,
        Instant endTime,
        JobStatistics statistics,
        String failureReason,
        String statusMessage,
        JsonNode details) {

    /** True once the job can no longer change. */
    public boolean isTerminal() {
        return status != null && status.isTerminal();
    }
}
