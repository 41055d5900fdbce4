/*
 * Licensed to the Apache Software Foundation (ASF) under one or more contributor license agreements; and to You
 * under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance with the
 * License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.iotjobs.emulator.manager;

import java.util.Locale;

import io.github.iotjobs.emulator.engine.JobStatus;
import io.github.iotjobs.emulator.engine.JobType;

/**
 * The numeric enums of the .NET service (protocol.md §11.2). Query parameters accept the number or the name,
 * case-insensitively; unknown values answer 400.
 */
final class ManagerEnums {

    /** JobStatus: Unknown 0, Enqueued 1, Running 2, Completed 3, Failed 4, Cancelled 5, Scheduled 6, Queued 7. */
    enum Status {
        UNKNOWN(0), ENQUEUED(1), RUNNING(2), COMPLETED(3), FAILED(4), CANCELLED(5), SCHEDULED(6), QUEUED(7);

        final int code;

        Status(int code) {
            this.code = code;
        }

        boolean matches(JobStatus status) {
            return this == of(status) || this == ENQUEUED && status == JobStatus.QUEUED;
        }

        static Status of(JobStatus status) {
            return switch (status) {
                case QUEUED -> QUEUED;
                case SCHEDULED -> SCHEDULED;
                case RUNNING -> RUNNING;
                case COMPLETED -> COMPLETED;
                case FAILED -> FAILED;
                case CANCELLED -> CANCELLED;
            };
        }
    }

    /** DeviceJobStatus: Pending 0, Scheduled 1, Running 2, Completed 3, Failed 4, Canceled 5. */
    enum DeviceStatus {
        PENDING("pending"), SCHEDULED("scheduled"), RUNNING("running"), COMPLETED("completed"), FAILED("failed"),
        CANCELED("canceled");

        private final String wire;

        DeviceStatus(String wire) {
            this.wire = wire;
        }

        /** The engine's word for the status. */
        String wire() {
            return wire;
        }

        static int code(String wire) {
            for (DeviceStatus s : values()) {
                if (s.wire.equals(wire)) {
                    return s.ordinal();
                }
            }
            return 0;
        }
    }

    private ManagerEnums() {
    }

    static int typeCode(JobType type) {
        return type == JobType.SCHEDULE_DEVICE_METHOD ? 3 : 4;
    }

    /** null for no filter; ScheduleDeviceMethod (3) or ScheduleUpdateTwin (4); Unknown (0) selects no job. */
    static JobType jobType(String text) {
        if (blank(text)) {
            return null;
        }
        return switch (text.trim().toLowerCase(Locale.ROOT)) {
            case "3", "scheduledevicemethod" -> JobType.SCHEDULE_DEVICE_METHOD;
            case "4", "scheduleupdatetwin" -> JobType.SCHEDULE_UPDATE_TWIN;
            case "0", "unknown" -> null;
            default -> throw ManagerApi.invalid("Unknown jobType '" + text.trim() + "'.");
        };
    }

    static boolean isUnknownType(String text) {
        return !blank(text) && (text.trim().equals("0") || text.trim().equalsIgnoreCase("unknown"));
    }

    static Status jobStatus(String text) {
        if (blank(text)) {
            return null;
        }
        String value = text.trim();
        for (Status s : Status.values()) {
            if (value.equals(Integer.toString(s.code)) || value.equalsIgnoreCase(s.name())) {
                return s;
            }
        }
        throw ManagerApi.invalid("Unknown jobStatus '" + value + "'.");
    }

    static DeviceStatus deviceJobStatus(String text) {
        if (blank(text)) {
            return null;
        }
        String value = text.trim();
        for (DeviceStatus s : DeviceStatus.values()) {
            if (value.equals(Integer.toString(s.ordinal())) || value.equalsIgnoreCase(s.name())
                    || s == DeviceStatus.CANCELED && value.equalsIgnoreCase("cancelled")) {
                return s;
            }
        }
        throw ManagerApi.invalid("Unknown deviceJobStatus '" + value + "'.");
    }

    private static boolean blank(String text) {
        return text == null || text.isBlank();
    }
}
