/*
 * Licensed to the Apache Software Foundation (ASF) under one or more contributor license agreements; and to You
 * under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance with the
 * License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.iotjobs.emulator.http;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.iotjobs.emulator.json.Json;

/** A response to write: status, extra headers and a JSON (or raw) body. */
public final class Response {

    private final int status;
    private final byte[] body;
    private final Map<String, String> headers = new LinkedHashMap<>();

    private Response(int status, byte[] body) {
        this.status = status;
        this.body = body;
    }

    public static Response json(int status, JsonNode body) {
        return new Response(status, Json.bytes(body));
    }

    public static Response raw(int status, String body) {
        return new Response(status, body.getBytes(StandardCharsets.UTF_8));
    }

    public Response header(String name, String value) {
        headers.put(name, value);
        return this;
    }

    public int status() {
        return status;
    }

    public byte[] body() {
        return body;
    }

    public Map<String, String> headers() {
        return headers;
    }
}
