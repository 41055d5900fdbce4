/*
 * Licensed to the Apache Software Foundation (ASF) under one or more contributor license agreements; and to You
 * under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance with the
 * License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.iotjobs.camel.client.hub;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import io.github.iotjobs.camel.IotJobsOperationFailedException;
import io.github.iotjobs.camel.model.DeviceJob;
import io.github.iotjobs.camel.transport.ApiRequest;
import io.github.iotjobs.camel.transport.ApiResponse;
import io.github.iotjobs.camel.transport.JsonBodies;

/**
 * Reads a page of device-job rows (a bare JSON array) with Jackson's streaming parser straight into {@link DeviceJob}s:
 * no tree of the page, only the {@code outcome} and {@code error} of a row become trees. Reads what
 * {@link HubJobParser#deviceJob} reads, with the same precedence of the two spellings of each time; anything it does
 * not expect (an item that is not an object, a field that is not a string, JSON that is not valid) is left to the tree
 * reader, which names the error as for any other response.
 */
final class HubDeviceRowReader {

    private final HubJobParser parser;

    HubDeviceRowReader(HubJobParser parser) {
        this.parser = parser;
    }

    List<DeviceJob> rows(ApiRequest request, ApiResponse response) throws IotJobsOperationFailedException {
        try (JsonParser json = JsonBodies.mapper().createParser(response.body())) {
            if (json.nextToken() != JsonToken.START_ARRAY) {
                return fromTree(request, response);
            }
            List<DeviceJob> rows = new ArrayList<>();
            for (JsonToken token = json.nextToken(); token != JsonToken.END_ARRAY; token = json.nextToken()) {
                DeviceJob row = token == JsonToken.START_OBJECT ? row(json) : null;
                if (row == null) {
                    return fromTree(request, response);
                }
                rows.add(row);
            }
            return rows;
        } catch (IOException notAsExpected) {
            return fromTree(request, response);
        }
    }

    /** The row whose START_OBJECT is the current token, or null when a field has a shape left to the tree reader. */
    private DeviceJob row(JsonParser json) throws IOException {
        Fields row = new Fields();
        for (String name = json.nextFieldName(); name != null; name = json.nextFieldName()) {
            JsonToken value = json.nextToken();
            switch (name) {
                case "outcome" -> row.outcome = json.readValueAsTree();
                case "error" -> row.error = json.readValueAsTree();
                default -> {
                    if (row.isText(name)) {
                        if (value != JsonToken.VALUE_STRING && value != JsonToken.VALUE_NULL) {
                            return null;
                        }
                        row.text(name, value == JsonToken.VALUE_NULL ? null : json.getText());
                    } else {
                        json.skipChildren();
                    }
                }
            }
        }
        return parser.deviceJob(row.jobId, row.deviceId, row.status, row.jobType,
                first(row.createdDateTimeUtc, row.createdTime), first(row.startTimeUtc, row.startTime),
                first(row.endTimeUtc, row.endTime), first(row.lastUpdatedDateTimeUtc, row.lastUpdatedTime),
                row.outcome, row.error);
    }

    private static String first(String value, String alternative) {
        return value != null ? value : alternative;
    }

    private List<DeviceJob> fromTree(ApiRequest request, ApiResponse response) throws IotJobsOperationFailedException {
        List<DeviceJob> rows = new ArrayList<>();
        for (JsonNode item : JsonBodies.readArray(request, response)) {
            rows.add(parser.deviceJob(item));
        }
        return rows;
    }

    /** The text fields of one row as they arrive; the last of a repeated name wins, as in a tree. */
    private static final class Fields {
        private String jobId;
        private String deviceId;
        private String status;
        private String jobType;
        private String createdDateTimeUtc;
        private String createdTime;
        private String startTimeUtc;
        private String startTime;
        private String endTimeUtc;
        private String endTime;
        private String lastUpdatedDateTimeUtc;
        private String lastUpdatedTime;
        private JsonNode outcome;
        private JsonNode error;

        boolean isText(String name) {
            return switch (name) {
                case "jobId", "deviceId", "status", "jobType", "createdDateTimeUtc", "createdTime", "startTimeUtc",
                     "startTime", "endTimeUtc", "endTime", "lastUpdatedDateTimeUtc", "lastUpdatedTime" -> true;
                default -> false;
            };
        }

        void text(String name, String value) {
            switch (name) {
                case "jobId" -> jobId = value;
                case "deviceId" -> deviceId = value;
                case "status" -> status = value;
                case "jobType" -> jobType = value;
                case "createdDateTimeUtc" -> createdDateTimeUtc = value;
                case "createdTime" -> createdTime = value;
                case "startTimeUtc" -> startTimeUtc = value;
                case "startTime" -> startTime = value;
                case "endTimeUtc" -> endTimeUtc = value;
                case "endTime" -> endTime = value;
                case "lastUpdatedDateTimeUtc" -> lastUpdatedDateTimeUtc = value;
                default -> lastUpdatedTime = value;
            }
        }
    }
}
