/*
 * Licensed to the Apache Software Foundation (ASF) under one or more contributor license agreements; and to You
 * under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance with the
 * License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.iotjobs.camel.client.manager;

import java.util.Locale;

import io.github.iotjobs.camel.model.DeviceJobStatus;
import io.github.iotjobs.camel.model.JobStatus;

/**
 * The IoTHub Manager's numeric enum codes (protocol.md §11.2), in one place: job types (ScheduleDeviceMethod 3,
 * ScheduleUpdateTwin 4), job statuses (Unknown 0 ... Queued 7) and device-job statuses (Pending 0 ... Canceled 5).
 */
public final class ManagerCodes {

    public static final String SCHEDULE_DEVICE_METHOD = "scheduleDeviceMethod";
    public static final String SCHEDULE_UPDATE_TWIN = "scheduleUpdateTwin";

    /** The service's JobStatus names, indexed by code. */
    static final String[] JOB_STATUS_NAMES = {
            "Unknown", "Enqueued", "Running", "Completed", "Failed", "Cancelled", "Scheduled", "Queued" };
    /** The service's DeviceJobStatus names, indexed by code. */
    static final String[] DEVICE_STATUS_NAMES = {
            "Pending", "Scheduled", "Running", "Completed", "Failed", "Canceled" };

    private static final JobStatus[] JOB_STATUSES = {
            JobStatus.unknown, JobStatus.queued, JobStatus.running, JobStatus.completed, JobStatus.failed,
            JobStatus.cancelled, JobStatus.scheduled, JobStatus.queued };
    private static final DeviceJobStatus[] DEVICE_STATUSES = {
            DeviceJobStatus.pending, DeviceJobStatus.scheduled, DeviceJobStatus.running, DeviceJobStatus.completed,
            DeviceJobStatus.failed, DeviceJobStatus.cancelled };

    private ManagerCodes() {
    }

    /** 3 or ScheduleDeviceMethod gives scheduleDeviceMethod, 4 or ScheduleUpdateTwin scheduleUpdateTwin, 0 unknown. */
    public static String jobTypeWord(String value) {
        if (value == null) {
            return null;
        }
        String text = value.trim();
        return switch (text.toLowerCase(Locale.ROOT)) {
            case "3", "scheduledevicemethod" -> SCHEDULE_DEVICE_METHOD;
            case "4", "scheduleupdatetwin" -> SCHEDULE_UPDATE_TWIN;
            case "0", "unknown" -> "unknown";
            default -> text;
        };
    }

    /** The job type code to filter on (3 or 4), or null for a type the service cannot filter on. */
    static String jobTypeCode(String jobType) {
        if (jobType == null || jobType.isBlank()) {
            return null;
        }
        return switch (jobTypeWord(jobType)) {
            case SCHEDULE_DEVICE_METHOD -> "3";
            case SCHEDULE_UPDATE_TWIN -> "4";
            default -> null;
        };
    }

    /** The normalized status of a job status code 0 to 7, or null when the text is not such a code. */
    public static JobStatus jobStatus(String code) {
        int index = code(code, JOB_STATUSES.length);
        return index < 0 ? null : JOB_STATUSES[index];
    }

    /** The normalized status of a device-job status code 0 to 5, or null when the text is not such a code. */
    public static DeviceJobStatus deviceJobStatus(String code) {
        int index = code(code, DEVICE_STATUSES.length);
        return index < 0 ? null : DEVICE_STATUSES[index];
    }

    /** The code to filter on, or null where the service has two (queued: Enqueued 1 and Queued 7) or none. */
    static String jobStatusCode(JobStatus status) {
        if (status == null) {
            return null;
        }
        return switch (status) {
            case running -> "2";
            case completed -> "3";
            case failed -> "4";
            case cancelled -> "5";
            case scheduled -> "6";
            default -> null;
        };
    }

    static int deviceJobStatusCode(DeviceJobStatus status) {
        for (int code = 0; code < DEVICE_STATUSES.length; code++) {
            if (DEVICE_STATUSES[code] == status) {
                return code;
            }
        }
        throw new IllegalArgumentException("no code for " + status);
    }

    private static int code(String text, int count) {
        if (text == null) {
            return -1;
        }
        String trimmed = text.trim();
        if (trimmed.length() != 1 || trimmed.charAt(0) < '0' || trimmed.charAt(0) - '0' >= count) {
            return -1;
        }
        return trimmed.charAt(0) - '0';
    }
}
