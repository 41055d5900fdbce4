/*
 * Licensed to the Apache Software Foundation (ASF) under one or more contributor license agreements; and to You
 * under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance with the
 * License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.iotjobs.camel.client.manager;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.iotjobs.camel.transport.ApiResponse;
import io.github.iotjobs.camel.transport.ErrorDecoder;
import io.github.iotjobs.camel.transport.ErrorTexts;
import io.github.iotjobs.camel.transport.PlatformError;

/**
 * Reads the iothub-manager error body (protocol.md §11.3):
 * {@code {"Message":"An error has occurred.","ExceptionMessage":...,"ExceptionType":"...ResourceNotFoundException"}},
 * in either casing; the code is the exception's simple name. Plain text or HTML is kept, shortened, as the message.
 */
public final class ManagerErrorDecoder implements ErrorDecoder {


    @Override
    public PlatformError decode(ApiResponse response) {
        String text = response.bodyText() == null ? "" : response.bodyText().trim();
        String requestId = response.header("x-request-id");
        if (text.isEmpty()) {
            return new PlatformError(null, null, requestId);
        }
        JsonNode json = ErrorTexts.json(text);
        if (json == null || !json.isObject()) {
            return new PlatformError(null, ErrorTexts.truncate(text), requestId);
        }
        JsonNode type = ManagerJobParser.field(json, "ExceptionType");
        String code = null;
        if (type != null) {
            String name = type.asText();
            code = name.substring(name.lastIndexOf('.') + 1);
        }
        JsonNode exceptionMessage = ManagerJobParser.field(json, "ExceptionMessage");
        JsonNode message = exceptionMessage != null ? exceptionMessage : ManagerJobParser.field(json, "Message");
        return new PlatformError(code, ErrorTexts.truncate(message == null ? text : message.asText()), requestId);
    }
}
