/*
 * Licensed to the Apache Software Foundation (ASF) under one or more contributor license agreements; and to You
 * under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance with the
 * License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.iotjobs.camel.producer;

import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.function.Supplier;

import io.github.iotjobs.camel.IotJobsConfiguration;
import io.github.iotjobs.camel.IotJobsConstants;
import io.github.iotjobs.camel.model.DeviceJobStatus;
import io.github.iotjobs.camel.model.JobStatus;
import io.github.iotjobs.camel.support.TimeExpression;
import io.github.iotjobs.camel.validation.IotJobsValidationException;
import org.apache.camel.Message;
import org.apache.camel.TypeConversionException;

/**
 * The inputs of one operation: each header {@code CamelIotJobs<Name>} overrides the endpoint option of that name.
 */
final class OperationInputs {

    private final IotJobsConfiguration configuration;
    private final Message message;
    private final Clock clock;

    OperationInputs(IotJobsConfiguration configuration, Message message, Clock clock) {
        this.configuration = configuration;
        this.message = message;
        this.clock = clock;
    }

    String jobId() {
        return header(IotJobsConstants.JOB_ID, "jobId", configuration::getJobId, String.class);
    }

    String requiredJobId(String operation) {
        String jobId = jobId();
        if (jobId == null || jobId.isBlank()) {
            throw new IotJobsValidationException("jobId", "jobId is required for " + operation + ": set the option or"
                                                          + " header " + IotJobsConstants.JOB_ID);
        }
        return jobId;
    }

    String rerunId() {
        return message.getHeader(IotJobsConstants.RERUN_ID, String.class);
    }

    String queryCondition() {
        return header(IotJobsConstants.QUERY_CONDITION, "queryCondition", configuration::getQueryCondition,
                String.class);
    }

    String methodName() {
        return header(IotJobsConstants.METHOD_NAME, "methodName", configuration::getMethodName, String.class);
    }

    int methodResponseTimeout() {
        return header(IotJobsConstants.METHOD_RESPONSE_TIMEOUT, "methodResponseTimeout",
                configuration::getMethodResponseTimeout, Integer.class);
    }

    int methodConnectTimeout() {
        return header(IotJobsConstants.METHOD_CONNECT_TIMEOUT, "methodConnectTimeout",
                configuration::getMethodConnectTimeout, Integer.class);
    }

    Instant startTime() {
        String text = header(IotJobsConstants.START_TIME, "startTime", configuration::getStartTime, String.class);
        return text == null ? clock.instant() : TimeExpression.parse("startTime", text, clock);
    }

    long maxExecutionTime() {
        return header(IotJobsConstants.MAX_EXECUTION_TIME, "maxExecutionTime", configuration::getMaxExecutionTime,
                Long.class);
    }

    String jobType() {
        String type = header(IotJobsConstants.JOB_TYPE, "jobType", configuration::getJobType, String.class);
        // The iothub-manager numeric codes (protocol.md §11.2): 3 and 4.
        if (type != null && type.trim().equals("3")) {
            return "scheduleDeviceMethod";
        }
        return type != null && type.trim().equals("4") ? "scheduleUpdateTwin" : type;
    }

    JobStatus jobStatus() {
        Object value = message.getHeader(IotJobsConstants.JOB_STATUS);
        if (value == null) {
            return configuration.getJobStatus();
        }
        return value instanceof JobStatus status ? status : parseJobStatus(value.toString());
    }

    DeviceJobStatus deviceJobStatus() {
        Object value = message.getHeader(IotJobsConstants.DEVICE_JOB_STATUS);
        if (value == null) {
            return configuration.getDeviceJobStatus();
        }
        if (value instanceof DeviceJobStatus status) {
            return status;
        }
        for (DeviceJobStatus status : DeviceJobStatus.values()) {
            // By name, or by the iothub-manager code (Pending 0 ... Canceled 5), which follows the same order.
            if (status.name().equalsIgnoreCase(value.toString().trim())
                || Integer.toString(status.ordinal()).equals(value.toString().trim())) {
                return status;
            }
        }
        throw new IotJobsValidationException("deviceJobStatus", "deviceJobStatus '" + value + "' is not one of "
                                                                + Arrays.toString(DeviceJobStatus.values()));
    }

    Instant from() {
        return time(IotJobsConstants.FROM, "from", configuration::getFrom);
    }

    Instant to() {
        return time(IotJobsConstants.TO, "to", configuration::getTo);
    }

    int pageSize() {
        return header(IotJobsConstants.PAGE_SIZE, "pageSize", configuration::getPageSize, Integer.class);
    }

    boolean waitForCompletion() {
        return header(IotJobsConstants.WAIT_FOR_COMPLETION, "waitForCompletion", configuration::isWaitForCompletion,
                Boolean.class);
    }

    private Instant time(String headerName, String field, Supplier<String> option) {
        String text = header(headerName, field, option, String.class);
        return text == null ? null : TimeExpression.parse(field, text, clock);
    }

    /** iothub-manager JobStatus codes: Unknown 0, Enqueued 1, Running 2 ... Scheduled 6, Queued 7. */
    private static final JobStatus[] MANAGER_JOB_STATUS_CODES = {
            JobStatus.unknown, JobStatus.queued, JobStatus.running, JobStatus.completed, JobStatus.failed,
            JobStatus.cancelled, JobStatus.scheduled, JobStatus.queued };

    private static JobStatus parseJobStatus(String text) {
        String code = text.trim();
        if (code.length() == 1 && code.charAt(0) >= '0' && code.charAt(0) <= '7') {
            return MANAGER_JOB_STATUS_CODES[code.charAt(0) - '0'];
        }
        try {
            return JobStatus.of(text);
        } catch (IllegalArgumentException e) {
            throw new IotJobsValidationException("jobStatus", e.getMessage());
        }
    }

    private <T> T header(String headerName, String field, Supplier<? extends T> option, Class<T> type) {
        try {
            T value = message.getHeader(headerName, type);
            return value != null ? value : option.get();
        } catch (TypeConversionException e) {
            throw new IotJobsValidationException(field, field + " (header " + headerName + ") must be a "
                                                        + type.getSimpleName() + ": " + message.getHeader(headerName));
        }
    }
}
