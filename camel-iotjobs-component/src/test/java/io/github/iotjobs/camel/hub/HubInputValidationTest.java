/*
 * Licensed to the Apache Software Foundation (ASF) under one or more contributor license agreements; and to You
 * under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance with the
 * License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.iotjobs.camel.hub;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;

import io.github.iotjobs.camel.IotJobsConstants;
import io.github.iotjobs.camel.validation.IotJobsValidationException;
import org.apache.camel.Exchange;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Input the hub would reject is refused before any request, with an error naming the field.
 */
class HubInputValidationTest extends HubWireMockSupport {

    private static final String METHOD = "scheduleDeviceMethod";
    private static final String TWIN = "scheduleTwinUpdate";

    static Stream<Arguments> badInputs() {
        String bigPayload = "{\"blob\":\"" + "x".repeat(128 * 1024) + "\"}";
        Map<String, Object> deep = Map.of("v", 1);
        for (int i = 0; i < 11; i++) {
            deep = Map.of("n" + i, deep);
        }
        return Stream.of(
                bad("jobId over 64 characters", "getJob", null, "jobId", IotJobsConstants.JOB_ID, "j".repeat(65)),
                bad("jobId with an underscore", "getJob", null, "jobId", IotJobsConstants.JOB_ID, "job_1"),
                bad("jobId with a space", "cancelJob", null, "jobId", IotJobsConstants.JOB_ID, "job 1"),
                bad("jobId with a slash", "getJob", null, "jobId", IotJobsConstants.JOB_ID, "a/b"),
                bad("getJob without jobId", "getJob", null, "jobId"),
                bad("cancelJob without jobId", "cancelJob", null, "jobId"),
                bad("listJobDevices without jobId", "listJobDevices", null, "jobId"),
                bad("create with a bad jobId", METHOD, "{}", "jobId", IotJobsConstants.JOB_ID, "über",
                        IotJobsConstants.METHOD_NAME, "reboot", IotJobsConstants.QUERY_CONDITION, "*"),
                bad("method payload over 128 KB", METHOD, bigPayload, "payload",
                        IotJobsConstants.METHOD_NAME, "reboot", IotJobsConstants.QUERY_CONDITION, "*"),
                bad("method payload not JSON", METHOD, "{\"a\": ", "payload",
                        IotJobsConstants.METHOD_NAME, "reboot", IotJobsConstants.QUERY_CONDITION, "*"),
                bad("method name missing", METHOD, "{}", "methodName", IotJobsConstants.QUERY_CONDITION, "*"),
                bad("method name blank", METHOD, "{}", "methodName", IotJobsConstants.METHOD_NAME, " ",
                        IotJobsConstants.QUERY_CONDITION, "*"),
                bad("response timeout under 5 s", METHOD, "{}", "methodResponseTimeout",
                        IotJobsConstants.METHOD_NAME, "reboot", IotJobsConstants.QUERY_CONDITION, "*",
                        IotJobsConstants.METHOD_RESPONSE_TIMEOUT, 4),
                bad("response timeout over 300 s", METHOD, "{}", "methodResponseTimeout",
                        IotJobsConstants.METHOD_NAME, "reboot", IotJobsConstants.QUERY_CONDITION, "*",
                        IotJobsConstants.METHOD_RESPONSE_TIMEOUT, 301),
                bad("response timeout not a number", METHOD, "{}", "methodResponseTimeout",
                        IotJobsConstants.METHOD_NAME, "reboot", IotJobsConstants.QUERY_CONDITION, "*",
                        IotJobsConstants.METHOD_RESPONSE_TIMEOUT, "soon"),
                bad("connect timeout negative", METHOD, "{}", "methodConnectTimeout",
                        IotJobsConstants.METHOD_NAME, "reboot", IotJobsConstants.QUERY_CONDITION, "*",
                        IotJobsConstants.METHOD_CONNECT_TIMEOUT, -1),
                bad("connect timeout over 300 s", METHOD, "{}", "methodConnectTimeout",
                        IotJobsConstants.METHOD_NAME, "reboot", IotJobsConstants.QUERY_CONDITION, "*",
                        IotJobsConstants.METHOD_CONNECT_TIMEOUT, 301),
                bad("max execution time zero", TWIN, Map.of("tags", Map.of("a", 1)), "maxExecutionTime",
                        IotJobsConstants.QUERY_CONDITION, "*", IotJobsConstants.MAX_EXECUTION_TIME, 0L),
                bad("twin patch deeper than 10", TWIN, Map.of("properties", Map.of("desired", deep)), "twinPatch",
                        IotJobsConstants.QUERY_CONDITION, "*"),
                bad("twin key with a dot", TWIN, Map.of("tags", Map.of("a.b", 1)), "twinPatch",
                        IotJobsConstants.QUERY_CONDITION, "*"),
                bad("twin key with a dollar", TWIN, Map.of("properties", Map.of("desired", Map.of("$x", 1))),
                        "twinPatch", IotJobsConstants.QUERY_CONDITION, "*"),
                bad("twin key with a space", TWIN, Map.of("tags", Map.of("a b", 1)), "twinPatch",
                        IotJobsConstants.QUERY_CONDITION, "*"),
                bad("twin key with a control character", TWIN, Map.of("tags", Map.of("a\u0001", 1)), "twinPatch",
                        IotJobsConstants.QUERY_CONDITION, "*"),
                bad("twin patch writing reported properties", TWIN,
                        Map.of("properties", Map.of("reported", Map.of("a", 1))), "twinPatch",
                        IotJobsConstants.QUERY_CONDITION, "*"),
                bad("twin patch that is an array", TWIN, "[1,2]", "twinPatch", IotJobsConstants.QUERY_CONDITION, "*"),
                bad("twin patch with an unknown section", TWIN, Map.of("deviceId", "d1"), "twinPatch",
                        IotJobsConstants.QUERY_CONDITION, "*"),
                bad("no twin patch", TWIN, null, "twinPatch", IotJobsConstants.QUERY_CONDITION, "*"),
                bad("query condition missing", TWIN, Map.of("tags", Map.of("a", 1)), "queryCondition"),
                bad("query condition unbalanced", TWIN, Map.of("tags", Map.of("a", 1)), "queryCondition",
                        IotJobsConstants.QUERY_CONDITION, "(tags.a = 1"),
                bad("query condition unterminated string", "queryDevices", null, "queryCondition",
                        IotJobsConstants.QUERY_CONDITION, "tags.a = 'b1"),
                bad("query condition as a full query", "queryDevices", null, "queryCondition",
                        IotJobsConstants.QUERY_CONDITION, "SELECT * FROM devices WHERE tags.a = 1"),
                bad("query condition over 8192 characters", "queryDevices", null, "queryCondition",
                        IotJobsConstants.QUERY_CONDITION, "deviceId IN ['" + "d".repeat(8200) + "']"),
                bad("query condition dangling operator", "queryDevices", null, "queryCondition",
                        IotJobsConstants.QUERY_CONDITION, "tags.a = 1 AND"),
                bad("start time in words", TWIN, Map.of("tags", Map.of("a", 1)), "startTime",
                        IotJobsConstants.QUERY_CONDITION, "*", IotJobsConstants.START_TIME, "tomorrow"),
                bad("start time offset not ISO", TWIN, Map.of("tags", Map.of("a", 1)), "startTime",
                        IotJobsConstants.QUERY_CONDITION, "*", IotJobsConstants.START_TIME, "NOW+10 minutes"),
                bad("unknown job status", "listJobs", null, "jobStatus", IotJobsConstants.JOB_STATUS, "done"),
                bad("unknown device job status", "listJobDevices", null, "deviceJobStatus",
                        IotJobsConstants.JOB_ID, "job1", IotJobsConstants.DEVICE_JOB_STATUS, "weird"),
                bad("unknown operation", "getJob", null, "operation", IotJobsConstants.OPERATION, "explode"),
                bad("operation of another platform", "createJob", null, "operation"),
                bad("page size zero", "listJobs", null, "pageSize", IotJobsConstants.PAGE_SIZE, 0),
                bad("from in words", "listJobs", null, "from", IotJobsConstants.FROM, "yesterday"));
    }

    private static Arguments bad(String name, String operation, Object body, String field, Object... headers) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < headers.length; i += 2) {
            map.put((String) headers[i], headers[i + 1]);
        }
        return Arguments.of(name, operation, body, field, map);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badInputs")
    void badInputIsRejectedNamingTheField(
            String name, String operation, Object body, String field, Map<String, Object> headers) {
        Exchange exchange = call(operation, body, new HashMap<>(headers));

        IotJobsValidationException failure = exchange.getException(IotJobsValidationException.class);
        assertThat(failure).as(name).isNotNull();
        assertThat(failure.getField()).as(name).startsWith(field);
        assertThat(failure.getMessage()).as(name).contains(field);
    }

    @AfterEach
    void noRequestReachedTheHub() {
        assertThat(hub.getAllServeEvents()).isEmpty();
    }
}
