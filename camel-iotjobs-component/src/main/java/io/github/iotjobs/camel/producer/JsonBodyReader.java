/*
 * Licensed to the Apache Software Foundation (ASF) under one or more contributor license agreements; and to You
 * under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance with the
 * License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.iotjobs.camel.producer;

import java.io.IOException;
import java.io.InputStream;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.iotjobs.camel.validation.IotJobsValidationException;
import org.apache.camel.Message;

/**
 * Reads a message body that carries JSON: a JSON String, byte[] or InputStream, a Map, a JsonNode or any POJO Jackson
 * can serialize.
 */
final class JsonBodyReader {

    private final ObjectMapper mapper;

    JsonBodyReader(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /** The body as JSON, or null when the message has no body. */
    JsonNode read(Message message, String field) {
        Object body = message.getBody();
        try {
            if (body == null) {
                return null;
            }
            if (body instanceof JsonNode node) {
                return node;
            }
            if (body instanceof String text) {
                return text.isBlank() ? null : mapper.readTree(text);
            }
            if (body instanceof byte[] bytes) {
                return bytes.length == 0 ? null : mapper.readTree(bytes);
            }
            if (body instanceof InputStream stream) {
                return mapper.readTree(stream);
            }
            return mapper.valueToTree(body instanceof Map<?, ?> map ? map : body);
        } catch (JsonProcessingException e) {
            throw new IotJobsValidationException(field, field + " (message body) is not valid JSON: "
                                                        + e.getOriginalMessage());
        } catch (IOException | IllegalArgumentException e) {
            throw new IotJobsValidationException(field, field + " (message body) cannot be read as JSON: "
                                                        + e.getMessage());
        }
    }

    /** The body as a JSON object; fails naming the field when it is missing or not an object. */
    ObjectNode readObject(Message message, String field) {
        JsonNode node = read(message, field);
        if (node == null || !node.isObject()) {
            throw new IotJobsValidationException(field, field + " (message body) must be a JSON object, got "
                                                        + (node == null ? "no body" : node.getNodeType()));
        }
        return (ObjectNode) node;
    }
}
