/*
 * Licensed to the Apache Software Foundation (ASF) under one or more contributor license agreements; and to You
 * under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance with the
 * License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.iotjobs.camel.metrics;

import java.time.Duration;
import java.time.Instant;
import java.util.function.IntSupplier;
import java.util.function.Supplier;

/**
 * What the component measures, in its own words: no Micrometer type appears here, so an application without
 * Micrometer loads none of its classes. {@link #NONE} records nothing; {@link MetricsLookup} finds the
 * Micrometer-backed one when the application has a {@code MeterRegistry}.
 */
public interface IotJobsMetrics {

    /** Records nothing: the application has no meter registry. */
    IotJobsMetrics NONE = new IotJobsMetrics() {
    };

    /**
     * One HTTP exchange with a platform, retries counted one by one.
     *
     * @param operation the request's method and path template ({@link RequestNames})
     * @param outcome   {@code success}, {@code throttled}, {@code client_error}, {@code server_error} or
     *                  {@code io_error}
     */
    default void request(String platform, String operation, String outcome, Duration took) {
    }

    /** A request is sent again; {@code reason} is the outcome that caused it, or {@code unauthorized}. */
    default void retry(String platform, String operation, String reason) {
    }

    /** A job a producer waited for ended ({@code waitForCompletion}). */
    default void jobEnded(String platform, String jobType, String status, Duration duration) {
    }

    /**
     * Publishes a started consumer's figures until the returned action is run.
     *
     * @param lastSuccess the time of the consumer's last successful poll, null before the first one
     */
    default Runnable consumer(String platform, String routeId, Supplier<Instant> lastSuccess,
                                   IntSupplier trackedJobs) {
        return () -> {
            // Nothing was published.
        };
    }
}
