/*
 * Licensed to the Apache Software Foundation (ASF) under one or more contributor license agreements; and to You
 * under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance with the
 * License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.iotjobs.camel.transport;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One request to a platform API, relative to its base address. Immutable: each {@code with...} returns a copy.
 *
 * @param method    the HTTP method
 * @param path      the path, already percent-encoded where it carries ids
 * @param query     the query parameters, not yet encoded
 * @param headers   extra request headers
 * @param body      the JSON body, or null
 * @param retryMode whether the request may be re-sent when its outcome is unknown
 */
public record ApiRequest(String method, String path, Map<String, String> query, Map<String, String> headers,
        byte[] body, RetryMode retryMode) {

    public ApiRequest {
        query = Collections.unmodifiableMap(new LinkedHashMap<>(query));
        headers = Collections.unmodifiableMap(new LinkedHashMap<>(headers));
    }

    public static ApiRequest get(String path) {
        return new ApiRequest("GET", path, Map.of(), Map.of(), null, RetryMode.SAFE);
    }

    public static ApiRequest post(String path, byte[] body, RetryMode retryMode) {
        return new ApiRequest("POST", path, Map.of(), Map.of(), body, retryMode);
    }

    public static ApiRequest put(String path, byte[] body, RetryMode retryMode) {
        return new ApiRequest("PUT", path, Map.of(), Map.of(), body, retryMode);
    }

    public static ApiRequest patch(String path, byte[] body, RetryMode retryMode) {
        return new ApiRequest("PATCH", path, Map.of(), Map.of(), body, retryMode);
    }

    public static ApiRequest delete(String path, RetryMode retryMode) {
        return new ApiRequest("DELETE", path, Map.of(), Map.of(), null, retryMode);
    }

    public ApiRequest withQuery(String name, String value) {
        Map<String, String> copy = new LinkedHashMap<>(query);
        copy.put(name, value);
        return new ApiRequest(method, path, copy, headers, body, retryMode);
    }

    public ApiRequest withHeader(String name, String value) {
        Map<String, String> copy = new LinkedHashMap<>(headers);
        copy.put(name, value);
        return new ApiRequest(method, path, query, copy, body, retryMode);
    }

    /** Method and path, for messages: never the query, which may one day carry a token. */
    public String describe() {
        return method + " " + path;
    }
}
