/*
 * Licensed to the Apache Software Foundation (ASF) under one or more contributor license agreements; and to You
 * under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance with the
 * License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.iotjobs.camel.client.central;

import java.io.IOException;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.iotjobs.camel.transport.ApiResponse;
import io.github.iotjobs.camel.transport.ErrorDecoder;
import io.github.iotjobs.camel.transport.ErrorTexts;
import io.github.iotjobs.camel.transport.JsonBodies;
import io.github.iotjobs.camel.transport.PlatformError;

/**
 * Reads the IoT Central error shape {@code {"error":{"code","message","requestId","time"}}}; the
 * {@code x-ms-error-code} header names the code when the body does not (or is not JSON at all).
 */
public final class CentralErrorDecoder implements ErrorDecoder {


    @Override
    public PlatformError decode(ApiResponse response) {
        String header = response.header("x-ms-error-code");
        String headerRequestId = response.header("x-ms-request-id");
        JsonNode error = parse(response.body()).path("error");
        String code = text(error.get("code"));
        String message = text(error.get("message"));
        String requestId = text(error.get("requestId"));
        if (code == null) {
            code = header != null && !header.isBlank() ? header.trim() : null;
        }
        if (message == null && !error.isObject()) {
            String body = response.bodyText().trim();
            message = ErrorTexts.truncate(body);
        }
        return new PlatformError(code, message, requestId != null ? requestId : headerRequestId);
    }

    private static JsonNode parse(byte[] body) {
        try {
            JsonNode node = JsonBodies.mapper().readTree(body);
            return node == null ? JsonBodies.mapper().missingNode() : node;
        } catch (IOException notJson) {
            return JsonBodies.mapper().missingNode();
        }
    }

    private static String text(JsonNode node) {
        return node != null && node.isTextual() && !node.asText().isBlank() ? node.asText() : null;
    }
}
