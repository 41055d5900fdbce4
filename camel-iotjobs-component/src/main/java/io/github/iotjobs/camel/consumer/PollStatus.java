/*
 * Licensed to the Apache Software Foundation (ASF) under one or more contributor license agreements; and to You
 * under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance with the
 * License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.iotjobs.camel.consumer;

import java.time.Instant;

import io.github.iotjobs.camel.IotJobsOperationFailedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the last polls of one consumer saw: whether the platform answered, when, and how many jobs it tracks. An outage
 * is logged once when it starts and once when it ends, however many polls fail in between.
 */
public final class PollStatus {

    private static final Logger LOG = LoggerFactory.getLogger(PollStatus.class);

    private final String name;
    private volatile Instant lastPollTime;
    private volatile Instant lastSuccessTime;
    private volatile int lastEventCount;
    private volatile int trackedJobs;
    private volatile long consecutiveFailures;
    private volatile Throwable lastFailure;

    /** @param name how the consumer appears in log lines (a sanitized endpoint URI) */
    public PollStatus(String name) {
        this.name = name;
    }

    /** The platform answered every listing request of this poll. */
    public synchronized void reachable(int jobs) {
        if (consecutiveFailures > 0) {
            LOG.info("{}: platform reachable again after {} failed polls", name, consecutiveFailures);
        }
        consecutiveFailures = 0;
        lastFailure = null;
        trackedJobs = jobs;
        lastSuccessTime = Instant.now();
        lastPollTime = lastSuccessTime;
    }

    /** The poll ended; {@code events} exchanges completed. */
    public void polled(int events) {
        lastEventCount = events;
    }

    /** A request of this poll failed; the caller rethrows so that Camel's backoff options apply. */
    public synchronized void unreachable(Throwable failure) {
        consecutiveFailures++;
        lastFailure = failure;
        lastPollTime = Instant.now();
    }

    /** True for the second and later failure of one outage: already logged when it started. */
    public boolean isRepeatedFailure(Throwable failure) {
        return failure != null && failure == lastFailure && consecutiveFailures > 1;
    }

    public boolean isReachable() {
        return consecutiveFailures == 0;
    }

    public boolean hasPolled() {
        return lastPollTime != null;
    }

    public Instant lastPollTime() {
        return lastPollTime;
    }

    public Instant lastSuccessTime() {
        return lastSuccessTime;
    }

    public int lastEventCount() {
        return lastEventCount;
    }

    public int trackedJobs() {
        return trackedJobs;
    }

    public long consecutiveFailures() {
        return consecutiveFailures;
    }

    public Throwable lastFailure() {
        return lastFailure;
    }

    /** The HTTP status of the last failure, or null when it had none (connection fault) or there is none. */
    public Integer lastFailureStatus() {
        return lastFailure instanceof IotJobsOperationFailedException e && e.getStatusCode() > 0 ? e.getStatusCode()
                : null;
    }
}
