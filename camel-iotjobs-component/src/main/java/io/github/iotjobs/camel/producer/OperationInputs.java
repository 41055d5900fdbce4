/*
 * Licensed to the Apache Software Foundation (ASF) under one or more contributor license agreements; and to You
 * under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance with the
 * License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.iotjobs.camel.producer;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.function.Supplier;

import io.github.iotjobs.camel.IotJobsConfiguration;
import io.github.iotjobs.camel.IotJobsConstants;
import io.github.iotjobs.camel.client.JobTypes;
import io.github.iotjobs.camel.client.manager.ManagerCodes;
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
        return JobTypes.normalize(configuration.getPlatform(), type);
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
        DeviceJobStatus byCode = ManagerCodes.deviceJobStatus(value.toString());
        if (byCode != null) {
            return byCode;
        }
        for (DeviceJobStatus status : DeviceJobStatus.values()) {
            if (status.name().equalsIgnoreCase(value.toString().trim())) {
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

    Duration pollInterval() {
        return duration(IotJobsConstants.POLL_INTERVAL, "pollInterval", configuration.getPollInterval());
    }

    Duration waitTimeout() {
        return duration(IotJobsConstants.WAIT_TIMEOUT, "waitTimeout", configuration.getWaitTimeout());
    }

    /** A header in milliseconds, or an ISO-8601 duration ({@code PT5S}); the option otherwise. */
    private Duration duration(String headerName, String field, long optionMillis) {
        Object value = message.getHeader(headerName);
        if (value == null) {
            return Duration.ofMillis(optionMillis);
        }
        if (value instanceof Duration duration) {
            return duration;
        }
        if (value instanceof Number number) {
            return Duration.ofMillis(number.longValue());
        }
        String text = value.toString().trim();
        try {
            return text.matches("-?\\d+") ? Duration.ofMillis(Long.parseLong(text)) : Duration.parse(text);
        } catch (RuntimeException e) {
            throw new IotJobsValidationException(field, field + " (header " + headerName + ") '" + text + "' must be"
                                                        + " milliseconds or an ISO-8601 duration such as PT5S");
        }
    }

    private Instant time(String headerName, String field, Supplier<String> option) {
        String text = header(headerName, field, option, String.class);
        return text == null ? null : TimeExpression.parse(field, text, clock);
    }

    private static JobStatus parseJobStatus(String text) {
        JobStatus byCode = ManagerCodes.jobStatus(text);
        if (byCode != null) {
            return byCode;
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
