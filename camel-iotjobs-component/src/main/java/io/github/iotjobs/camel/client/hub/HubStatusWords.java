/*
 * Licensed to the Apache Software Foundation (ASF) under one or more contributor license agreements; and to You
 * under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance with the
 * License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.iotjobs.camel.client.hub;

import java.util.Locale;

import io.github.iotjobs.camel.model.DeviceJobStatus;
import io.github.iotjobs.camel.model.JobStatus;

/**
 * IoT Hub's words for job and device-job statuses, in every spelling the hub and the services in front of it (the
 * IoTHub Manager) have used: {@code queued}/{@code enqueued}, {@code cancelled}/{@code canceled}, any case.
 */
public final class HubStatusWords {

    private HubStatusWords() {
    }

    /** The normalized job status; unknown words give {@code unknown}. */
    public static JobStatus job(String word) {
        if (word == null) {
            return JobStatus.unknown;
        }
        return switch (word.toLowerCase(Locale.ROOT)) {
            case "queued", "enqueued", "pending" -> JobStatus.queued;
            case "scheduled" -> JobStatus.scheduled;
            case "running" -> JobStatus.running;
            case "completed" -> JobStatus.completed;
            case "failed" -> JobStatus.failed;
            case "cancelled", "canceled" -> JobStatus.cancelled;
            default -> JobStatus.unknown;
        };
    }

    /** The normalized device-job status, or null for a word the hub does not use. */
    public static DeviceJobStatus device(String word) {
        if (word == null) {
            return null;
        }
        return switch (word.toLowerCase(Locale.ROOT)) {
            case "pending", "queued", "enqueued" -> DeviceJobStatus.pending;
            case "scheduled" -> DeviceJobStatus.scheduled;
            case "running" -> DeviceJobStatus.running;
            case "completed" -> DeviceJobStatus.completed;
            case "failed" -> DeviceJobStatus.failed;
            case "canceled", "cancelled" -> DeviceJobStatus.cancelled;
            default -> null;
        };
    }
}
