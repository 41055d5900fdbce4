/*
 * Licensed to the Apache Software Foundation (ASF) under one or more contributor license agreements; and to You
 * under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance with the
 * License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.iotjobs.camel.metrics;

import java.time.Duration;

/**
 * The meters of one platform's transport: every request with its outcome, every retry with its reason.
 *
 * @param platform the {@code platform} tag: hub, central or manager
 */
public record PlatformMeters(IotJobsMetrics metrics, String platform) {

    public static final PlatformMeters NONE = new PlatformMeters(IotJobsMetrics.NONE, "none");

    public static final String SUCCESS = "success";
    public static final String THROTTLED = "throttled";
    public static final String CLIENT_ERROR = "client_error";
    public static final String SERVER_ERROR = "server_error";
    public static final String IO_ERROR = "io_error";
    public static final String UNAUTHORIZED = "unauthorized";

    /** The outcome tag of an HTTP status. */
    public static String outcome(int status) {
        if (status >= 200 && status < 300) {
            return SUCCESS;
        }
        if (status == 429) {
            return THROTTLED;
        }
        return status < 500 ? CLIENT_ERROR : SERVER_ERROR;
    }

    /** A request answered (or failed to connect) {@code startedNanos} ago by {@link System#nanoTime()}. */
    public void request(String method, String path, String outcome, long startedNanos) {
        if (metrics != IotJobsMetrics.NONE) {
            metrics.request(platform, RequestNames.of(method, path), outcome,
                    Duration.ofNanos(System.nanoTime() - startedNanos));
        }
    }

    public void retry(String method, String path, String reason) {
        if (metrics != IotJobsMetrics.NONE) {
            metrics.retry(platform, RequestNames.of(method, path), reason);
        }
    }
}
