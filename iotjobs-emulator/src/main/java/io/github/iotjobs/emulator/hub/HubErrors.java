/*
 * Licensed to the Apache Software Foundation (ASF) under one or more contributor license agreements; and to You
 * under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance with the
 * License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.iotjobs.emulator.hub;

import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.UUID;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.iotjobs.emulator.http.ApiException;
import io.github.iotjobs.emulator.http.Response;
import io.github.iotjobs.emulator.json.Json;

/**
 * IoT Hub error shape A (protocol.md §1.3) plus the iothub-errorcode header, which every SDK parses; throttling
 * uses the nested form the real hub returns on PUT /jobs/v2/{id}.
 */
final class HubErrors {

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("MM/dd/yyyy HH:mm:ss")
            .withZone(ZoneOffset.UTC);

    private final Clock clock;

    HubErrors(Clock clock) {
        this.clock = clock;
    }

    Response render(ApiException error) {
        String message = "ErrorCode:" + error.code() + ";" + error.getMessage();
        if ("ThrottlingMaxActiveJobCountExceeded".equals(error.code())) {
            ObjectNode inner = Json.object();
            inner.put("Message", "ErrorCode:ThrottlingMaxActiveJobCountExceeded;429");
            inner.put("ExceptionMessage", trackingId(false));
            message = "ErrorCode:ThrottlingMaxActiveJobCountExceeded;Error: 429 " + inner;
        }
        ObjectNode body = Json.object();
        body.put("Message", message);
        body.put("ExceptionMessage", trackingId(true));
        Response response = Response.json(error.status(), body).header("iothub-errorcode", error.code());
        if (error.retryAfter() != null) {
            response.header("Retry-After", error.retryAfter());
        }
        return response;
    }

    private String trackingId(boolean gateway) {
        return "Tracking ID:" + UUID.randomUUID().toString().replace("-", "") + (gateway ? "-G:0" : "")
                + "-TimeStamp:" + STAMP.format(clock.instant());
    }
}
