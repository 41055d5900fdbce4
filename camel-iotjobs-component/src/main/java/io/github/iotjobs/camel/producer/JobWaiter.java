/*
 * Licensed to the Apache Software Foundation (ASF) under one or more contributor license agreements; and to You
 * under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance with the
 * License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.iotjobs.camel.producer;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import io.github.iotjobs.camel.IotJobsOperationFailedException;
import io.github.iotjobs.camel.model.IotJob;
import io.github.iotjobs.camel.client.JobsClient;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangeTimedOutException;

/**
 * Polls a job until it is terminal (waitForCompletion), bounded by waitTimeout.
 */
final class JobWaiter {

    private final JobsClient client;
    private final Duration pollInterval;
    private final Duration waitTimeout;
    private final Clock clock;

    JobWaiter(JobsClient client, Duration pollInterval, Duration waitTimeout, Clock clock) {
        this.client = client;
        this.pollInterval = pollInterval;
        this.waitTimeout = waitTimeout;
        this.clock = clock;
    }

    IotJob awaitTerminal(IotJob started, Exchange exchange) throws IotJobsOperationFailedException,
            ExchangeTimedOutException, InterruptedException {
        Instant deadline = clock.instant().plus(waitTimeout);
        IotJob job = started;
        while (!job.isTerminal()) {
            Duration left = Duration.between(clock.instant(), deadline);
            if (left.isNegative() || left.isZero()) {
                throw new ExchangeTimedOutException(exchange, waitTimeout.toMillis(),
                        "Job " + job.jobId() + " is still " + job.status() + " after waiting " + waitTimeout);
            }
            Thread.sleep(Math.min(pollInterval.toMillis(), left.toMillis()));
            job = client.getJob(job.jobId());
        }
        // A create answered after its job already ended carries only id, type and status (hub): read it whole.
        if (job == started && job.statistics() == null) {
            job = client.getJob(job.jobId());
        }
        return job;
    }
}
