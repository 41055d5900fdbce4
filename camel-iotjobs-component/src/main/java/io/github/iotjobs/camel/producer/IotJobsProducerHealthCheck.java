/*
 * Licensed to the Apache Software Foundation (ASF) under one or more contributor license agreements; and to You
 * under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance with the
 * License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.iotjobs.camel.producer;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.function.Supplier;

import io.github.iotjobs.camel.IotJobsOperationFailedException;
import io.github.iotjobs.camel.client.JobFilter;
import io.github.iotjobs.camel.client.JobsClient;
import io.github.iotjobs.camel.transport.RetryDeferral;
import io.github.iotjobs.camel.transport.RetryLaterException;
import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;

/**
 * Readiness of one iotjobs producer's platform: reachable, and its credentials accepted. The probe is one listing of
 * one job, sent at most once per {@code interval} however often the check is called, through the hub's shared request
 * budget and never waiting for it: when the budget is used up, or the answer asks for a retry, the last result
 * stands. 401 and 403 are DOWN with {@code credentials.valid=false}; the message names the status and the platform's
 * error code, never a credential.
 */
public final class IotJobsProducerHealthCheck extends AbstractHealthCheck {

    /** Once a minute: about 1% of the smallest hub's jobs quota (S1, one unit: 100 per minute). */
    public static final Duration DEFAULT_INTERVAL = Duration.ofMinutes(1);

    private static final String BUDGET_EXHAUSTED = "RequestBudgetExhausted";

    private final String platform;
    private final Supplier<JobsClient> client;
    private final Duration interval;
    private Probe last;

    /** The outcome of one probe request: null failure when the platform answered it. */
    private record Probe(long nanos, Instant at, IotJobsOperationFailedException failure) {
    }

    /**
     * @param id       the endpoint's id, unique in the Camel context
     * @param client   the endpoint's client, null while it is stopped
     * @param interval the least time between two probe requests
     */
    public IotJobsProducerHealthCheck(String id, String platform, Supplier<JobsClient> client, Duration interval) {
        super("camel", "producer:iotjobs-" + id);
        this.platform = platform;
        this.client = client;
        this.interval = interval;
    }

    @Override
    public boolean isLiveness() {
        // An unreachable platform is no reason to restart the application.
        return false;
    }

    @Override
    protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
        builder.detail("platform", platform);
        Probe probe = probe();
        if (probe == null) {
            builder.message("Not probed yet: the request budget is used up").up();
            return;
        }
        builder.detail("probe.last", probe.at().toString());
        IotJobsOperationFailedException failure = probe.failure();
        if (failure == null) {
            builder.detail("platform.reachable", true).detail("credentials.valid", true).up();
            return;
        }
        int status = failure.getStatusCode();
        if (status > 0) {
            builder.detail(SERVICE_STATUS_CODE, status);
        }
        if (status == 401 || status == 403) {
            builder.detail("platform.reachable", true).detail("credentials.valid", false)
                    .message("Credentials refused by the platform (HTTP " + status + " " + failure.getErrorCode() + ")")
                    .down();
            return;
        }
        builder.detail("platform.reachable", false)
                .message("Platform unreachable (" + (status > 0 ? "HTTP " + status + " " : "")
                         + failure.getErrorCode() + ")")
                .down();
    }

    /** The newest probe, sent now when the last one is older than the interval; null when none could be sent. */
    private synchronized Probe probe() {
        long now = System.nanoTime();
        if (last != null && now - last.nanos() < interval.toNanos()) {
            return last;
        }
        JobsClient current = client.get();
        if (current == null) {
            return last;
        }
        try {
            // Deferred: a retry or a budget wait is not waited for here, and nothing more is spent.
            RetryDeferral.run(0, () -> current.listJobs(new JobFilter(null, null, null, null, 1), null));
            last = new Probe(now, Instant.now(), null);
        } catch (RetryLaterException later) {
            if (!BUDGET_EXHAUSTED.equals(later.getErrorCode())) {
                // 429 proves reachability and credentials; a server or connection fault is the answer.
                last = new Probe(now, Instant.now(), later.getStatusCode() == 429 ? null : later);
            }
        } catch (IotJobsOperationFailedException e) {
            last = new Probe(now, Instant.now(), e);
        } catch (Exception e) {
            last = new Probe(now, Instant.now(), new IotJobsOperationFailedException(0, e.getClass().getSimpleName(),
                    null, null, "GET", "jobs", null, e));
        }
        return last;
    }
}
