/*
 * Licensed to the Apache Software Foundation (ASF) under one or more contributor license agreements; and to You
 * under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance with the
 * License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.iotjobs.camel;

import java.time.Duration;

import org.apache.camel.CamelException;

/**
 * A platform answered a request with an error, or no usable answer came back.
 * <p>
 * Carries what users route on: the HTTP status (0 when no response arrived), the platform's error code
 * ({@code JobNotFound}, {@code ThrottlingMaxActiveJobCountExceeded}, ...), its message and the request id to quote to
 * support. Never carries credentials: messages are built from response bodies and paths, not from request headers.
 */
public class IotJobsOperationFailedException extends CamelException {

    private static final long serialVersionUID = 1L;

    private final int statusCode;
    private final String errorCode;
    private final String platformMessage;
    private final String requestId;
    private final String method;
    private final String path;
    private final transient Duration retryAfter;

    public IotJobsOperationFailedException(int statusCode, String errorCode, String platformMessage, String requestId,
                                           String method, String path, Duration retryAfter, Throwable cause) {
        super(describe(statusCode, errorCode, platformMessage, requestId, method, path), cause);
        this.statusCode = statusCode;
        this.errorCode = errorCode;
        this.platformMessage = platformMessage;
        this.requestId = requestId;
        this.method = method;
        this.path = path;
        this.retryAfter = retryAfter;
    }

    private static String describe(int statusCode, String errorCode, String platformMessage, String requestId,
                                   String method, String path) {
        StringBuilder text = new StringBuilder();
        text.append(method).append(' ').append(path).append(" failed");
        if (statusCode > 0) {
            text.append(": HTTP ").append(statusCode);
        }
        if (errorCode != null) {
            text.append(' ').append(errorCode);
        }
        if (platformMessage != null && !platformMessage.isEmpty()) {
            text.append(": ").append(platformMessage);
        }
        if (requestId != null) {
            text.append(" (request id ").append(requestId).append(')');
        }
        return text.toString();
    }

    /** The HTTP status, or 0 when no response arrived (connection reset, timeout). */
    public int getStatusCode() {
        return statusCode;
    }

    /** The platform's error code name, such as {@code JobNotFound}; null when the platform gave none. */
    public String getErrorCode() {
        return errorCode;
    }

    /** The platform's human-readable message, innermost when the platform nested several. */
    public String getPlatformMessage() {
        return platformMessage;
    }

    /** The request or tracking id the platform reported, to quote to its support. */
    public String getRequestId() {
        return requestId;
    }

    /** The HTTP method of the failed request. */
    public String getMethod() {
        return method;
    }

    /** The path of the failed request, without query parameters. */
    public String getPath() {
        return path;
    }

    /** The delay the platform asked for before a retry, if it sent one. */
    public Duration getRetryAfter() {
        return retryAfter;
    }
}
