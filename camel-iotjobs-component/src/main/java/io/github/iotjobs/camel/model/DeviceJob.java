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
 * The result of one job on one device.
 *
 * @param jobId          the job id
 * @param deviceId       the device id
 * @param status         the normalized device status
 * @param platformStatus the platform's own word ({@code canceled} on IoT Hub)
 * @param jobType        the job type, if the platform reports it per device
 * @param createdTime    when the device's part was created
 * @param startTime      when the device's part started
 * @param endTime        when the device's part ended
 * @param lastUpdatedTime when the platform last changed this row
 * @param outcome        the device's answer (IoT Hub: {@code {"deviceMethodResponse":{"status":200,"payload":...}}})
 * @param error          why the device failed, if it did
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DeviceJob(
        String jobId,
        String deviceId,
        DeviceJobStatus status,
        String platformStatus,
        String jobType,
        Instant createdTime,
        Instant startTime,
        Instant endTime,
        Instant lastUpdatedTime,
        JsonNode outcome,
        DeviceJobError error) {
}
