/*
 * Licensed to the Apache Software Foundation (ASF) under one or more contributor license agreements; and to You
 * under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance with the
 * License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.iotjobs.camel.client.hub;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.iotjobs.camel.IotJobsOperationFailedException;
import io.github.iotjobs.camel.model.DeviceJob;
import io.github.iotjobs.camel.model.DeviceJobStatus;
import io.github.iotjobs.camel.transport.ApiRequest;
import io.github.iotjobs.camel.transport.ApiResponse;
import io.github.iotjobs.camel.transport.JsonBodies;
import io.github.iotjobs.camel.transport.RetryMode;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The streaming reader of device rows reads every shape exactly as the tree reader does. */
class HubDeviceRowReaderTest {

    private static final ApiRequest QUERY = ApiRequest.post("/devices/query", new byte[0], RetryMode.SAFE);
    private final HubJobParser parser = new HubJobParser();
    private final HubDeviceRowReader reader = new HubDeviceRowReader(parser);

    @Test
    void readsEveryShapeTheTreeReaderReads() throws Exception {
        String page = """
                [{"deviceId":"d1","jobId":"j","jobType":"scheduleDeviceMethod","status":"completed",
                  "startTimeUtc":"2026-11-20T10:00:01.1234567","endTimeUtc":"2026-11-20T10:00:02.1234567",
                  "createdDateTimeUtc":"2026-11-20T10:00:00.1234567Z","lastUpdatedDateTimeUtc":"2026-11-20T10:00:02Z",
                  "outcome":{"deviceMethodResponse":{"status":200,"payload":{"ok":true}}},"extra":[1,{"a":2}]},
                 {"deviceId":"d2","jobId":"j","status":"failed","createdTime":"2026-11-20T10:00:00+02:00",
                  "endTime":"9999-12-30T00:00:00","startTimeUtc":null,"startTime":"2026-11-20t10:00:00z",
                  "error":{"code":"JobRunPreconditionFailed","description":"device offline"},"outcome":null},
                 {"deviceId":"d3","status":"running","status":"scheduled","error":"not an object",
                  "lastUpdatedTime":"not a time"},
                 {}]""";
        List<DeviceJob> rows = reader.rows(QUERY, response(page));
        assertThat(rows).isEqualTo(treeRows(page)).hasSize(4);
        assertThat(rows.get(0).startTime()).isEqualTo(Instant.parse("2026-11-20T10:00:01.1234567Z"));
        assertThat(rows.get(0).outcome().path("deviceMethodResponse").path("status").asInt()).isEqualTo(200);
        assertThat(rows.get(1).createdTime()).isEqualTo(Instant.parse("2026-11-20T08:00:00Z"));
        assertThat(rows.get(1).startTime()).isEqualTo(Instant.parse("2026-11-20T10:00:00Z"));
        assertThat(rows.get(1).endTime()).isNull();
        assertThat(rows.get(1).error().code()).isEqualTo("JobRunPreconditionFailed");
        assertThat(rows.get(2).status()).isEqualTo(DeviceJobStatus.scheduled);
        assertThat(rows.get(2).error()).isNull();
    }

    @Test
    void leavesOddShapesToTheTreeReader() throws Exception {
        String page = "[{\"deviceId\":7,\"status\":true,\"jobId\":{\"x\":1}},\"text\",null]";
        assertThat(reader.rows(QUERY, response(page))).isEqualTo(treeRows(page)).hasSize(3);
    }

    @Test
    void namesMalformedBodiesAsTheTreeReaderDoes() {
        for (String body : new String[] {"", "{\"value\":[]}", "[{\"deviceId\":\"d1\"}, {"}) {
            assertThatThrownBy(() -> reader.rows(QUERY, response(body)))
                    .isInstanceOf(IotJobsOperationFailedException.class)
                    .hasMessageContaining(JsonBodies.MALFORMED_RESPONSE)
                    .hasMessage(treeFailure(body).getMessage());
        }
    }

    private List<DeviceJob> treeRows(String page) throws IotJobsOperationFailedException {
        List<DeviceJob> rows = new ArrayList<>();
        for (JsonNode item : JsonBodies.readArray(QUERY, response(page))) {
            rows.add(parser.deviceJob(item));
        }
        return rows;
    }

    private static IotJobsOperationFailedException treeFailure(String body) {
        try {
            JsonBodies.readArray(QUERY, response(body));
            throw new AssertionError("the tree reader accepted " + body);
        } catch (IotJobsOperationFailedException expected) {
            return expected;
        }
    }

    private static ApiResponse response(String body) {
        return new ApiResponse(200, Map.of(), body.getBytes(StandardCharsets.UTF_8));
    }
}
