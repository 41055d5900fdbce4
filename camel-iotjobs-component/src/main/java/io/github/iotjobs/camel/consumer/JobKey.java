/*
 * Licensed to the Apache Software Foundation (ASF) under one or more contributor license agreements; and to You
 * under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance with the
 * License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.iotjobs.camel.consumer;

import java.time.Instant;

import io.github.iotjobs.camel.model.IotJob;

/**
 * A job's identity in the consumer's state: its id and, where the platform reports it, its creation time (epoch
 * milliseconds), so that an id reused after the platform's retention names another job. Built for each listed job on
 * every poll, so it allocates no text.
 */
public record JobKey(String jobId, long createdMillis) {

    /** The creation time is unknown. */
    static final long NO_TIME = Long.MIN_VALUE;

    static JobKey of(IotJob job) {
        return of(job.jobId(), job.createdTime());
    }

    static JobKey of(String jobId, Instant createdTime) {
        return new JobKey(jobId, createdTime == null ? NO_TIME : createdTime.toEpochMilli());
    }

    Instant createdTime() {
        return createdMillis == NO_TIME ? null : Instant.ofEpochMilli(createdMillis);
    }

    /** Spelled out rather than a record's hashCode, which Java leaves unspecified: every JVM must agree on it. */
    int stableHash() {
        return 31 * jobId.hashCode() + Long.hashCode(createdMillis);
    }
}
