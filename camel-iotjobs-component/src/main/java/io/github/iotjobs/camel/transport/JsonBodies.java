/*
 * Licensed to the Apache Software Foundation (ASF) under one or more contributor license agreements; and to You
 * under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance with the
 * License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.iotjobs.camel.transport;

import java.io.IOException;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.github.iotjobs.camel.IotJobsOperationFailedException;

/**
 * The one JSON mapper of the component, and reading and writing of request and response bodies with it.
 */
public final class JsonBodies {

    /** The error code of a 2xx answer whose body is not the JSON the API documents. */
    public static final String MALFORMED_RESPONSE = "MalformedResponse";

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private JsonBodies() {
    }

    public static ObjectMapper mapper() {
        return MAPPER;
    }

    public static byte[] write(JsonNode node) {
        try {
            return MAPPER.writeValueAsBytes(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A JSON tree could not be written", e);
        }
    }

    /** The response body as JSON; a body that is not JSON fails as {@link #MALFORMED_RESPONSE}. */
    public static JsonNode read(ApiRequest request, ApiResponse response) throws IotJobsOperationFailedException {
        try {
            JsonNode node = MAPPER.readTree(response.body());
            if (node == null || node.isMissingNode()) {
                throw malformed(request, response, "the body is empty", null);
            }
            return node;
        } catch (JsonProcessingException e) {
            throw malformed(request, response, "the body is not valid JSON: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw malformed(request, response, "the body cannot be read: " + e.getMessage(), e);
        }
    }

    /** The response body as a JSON object; anything else fails as {@link #MALFORMED_RESPONSE}. */
    public static JsonNode readObject(ApiRequest request, ApiResponse response) throws IotJobsOperationFailedException {
        JsonNode node = read(request, response);
        if (!node.isObject()) {
            throw malformed(request, response, "expected a JSON object, got " + node.getNodeType(), null);
        }
        return node;
    }

    /** The response body as a JSON array; anything else fails as {@link #MALFORMED_RESPONSE}. */
    public static JsonNode readArray(ApiRequest request, ApiResponse response) throws IotJobsOperationFailedException {
        JsonNode node = read(request, response);
        if (!node.isArray()) {
            throw malformed(request, response, "expected a JSON array of items, got " + node.getNodeType(), null);
        }
        return node;
    }

    private static IotJobsOperationFailedException malformed(
            ApiRequest request, ApiResponse response, String why, Exception cause) {
        return new IotJobsOperationFailedException(response.status(), MALFORMED_RESPONSE, why, null, request.method(),
                request.path(), null, cause);
    }
}
