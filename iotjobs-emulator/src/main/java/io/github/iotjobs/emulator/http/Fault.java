/*
 * Licensed to the Apache Software Foundation (ASF) under one or more contributor license agreements; and to You
 * under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance with the
 * License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.iotjobs.emulator.http;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;

/**
 * A fault to inject on matching requests: an error status (optionally with Retry-After), added latency, a dropped
 * connection (closed without any response) or a malformed 200 body. Matches a path regex and optionally a method,
 * for a number of times (unlimited by default).
 */
public final class Fault {

    public enum Kind { STATUS, LATENCY, DROP_CONNECTION, MALFORMED_BODY }

    private final Kind kind;
    private final int status;
    private final Duration delay;
    private Integer retryAfterSeconds;
    private Pattern path = Pattern.compile(".*");
    private String method;
    private final AtomicInteger remaining = new AtomicInteger(Integer.MAX_VALUE);

    private Fault(Kind kind, int status, Duration delay) {
        this.kind = kind;
        this.status = status;
        this.delay = delay;
    }

    /** Answers with this status (e.g. 429, 503) and an IoT Hub error body. */
    public static Fault status(int status) {
        if (status < 400 || status > 599) {
            throw new IllegalArgumentException("Fault status must be 4xx or 5xx");
        }
        return new Fault(Kind.STATUS, status, Duration.ZERO);
    }

    /** Delays the request, then serves it normally. */
    public static Fault latency(Duration delay) {
        return new Fault(Kind.LATENCY, 0, delay);
    }

    /** Closes the connection without sending a response. */
    public static Fault dropConnection() {
        return new Fault(Kind.DROP_CONNECTION, 0, Duration.ZERO);
    }

    /** Answers 200 with a body that is not valid JSON. */
    public static Fault malformedBody() {
        return new Fault(Kind.MALFORMED_BODY, 200, Duration.ZERO);
    }

    public Fault retryAfterSeconds(int seconds) {
        this.retryAfterSeconds = seconds;
        return this;
    }

    /** Only requests whose path matches this regex (whole path, e.g. "/jobs/v2/.*"). */
    public Fault onPath(String regex) {
        this.path = Pattern.compile(regex);
        return this;
    }

    public Fault onMethod(String httpMethod) {
        this.method = httpMethod;
        return this;
    }

    /** Only the next n matching requests. */
    public Fault times(int n) {
        remaining.set(n);
        return this;
    }

    public Kind kind() {
        return kind;
    }

    public int statusCode() {
        return status;
    }

    public Duration delay() {
        return delay;
    }

    public Integer retryAfter() {
        return retryAfterSeconds;
    }

    /** Claims one use of this fault when it matches. */
    boolean claim(String requestMethod, String requestPath) {
        if (method != null && !method.equalsIgnoreCase(requestMethod)) {
            return false;
        }
        if (!path.matcher(requestPath).matches()) {
            return false;
        }
        return remaining.getAndUpdate(n -> n > 0 ? n - 1 : 0) > 0;
    }
}
