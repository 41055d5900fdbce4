/*
 * Licensed to the Apache Software Foundation (ASF) under one or more contributor license agreements; and to You
 * under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance with the
 * License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.iotjobs.camel.consumer;

import java.time.Instant;
import java.util.Map;

import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;

/**
 * Readiness of one iotjobs consumer: DOWN while the platform does not answer its polls, UP once a poll succeeded.
 * Details give the platform, the last poll and last successful poll times, the tracked job count, the consecutive
 * failures and the last failure's HTTP status.
 */
public final class IotJobsConsumerHealthCheck extends AbstractHealthCheck {

    private final PollStatus status;
    private final ConsumerStatus consumer;
    private final String platform;

    public IotJobsConsumerHealthCheck(String routeId, String platform, PollStatus status, ConsumerStatus consumer) {
        super("camel", "consumer:iotjobs-" + routeId);
        this.status = status;
        this.consumer = consumer;
        this.platform = platform;
    }

    @Override
    public boolean isLiveness() {
        // An unreachable platform is no reason to restart the application.
        return false;
    }

    @Override
    protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
        builder.detail("platform", platform);
        builder.detail("platform.reachable", status.isReachable());
        builder.detail("poll.count.failed.consecutive", status.consecutiveFailures());
        builder.detail("poll.jobs.tracked", status.trackedJobs());
        builder.detail("poll.events.last", status.lastEventCount());
        quotaAndLag(builder);
        if (status.lastPollTime() != null) {
            builder.detail("poll.last", status.lastPollTime().toString());
        }
        if (status.lastSuccessTime() != null) {
            builder.detail("poll.last.success", status.lastSuccessTime().toString());
        }
        if (!status.hasPolled()) {
            builder.message("Not polled yet").up();
            return;
        }
        if (status.isReachable()) {
            builder.up();
            return;
        }
        Integer httpStatus = status.lastFailureStatus();
        if (httpStatus != null) {
            builder.detail(SERVICE_STATUS_CODE, httpStatus);
        }
        builder.message("Platform unreachable: " + status.lastFailure().getMessage()).error(status.lastFailure())
                .down();
    }

    /** How far behind the consumer is, and how much of the hub's quotas its polls use. */
    private void quotaAndLag(HealthCheckResultBuilder builder) {
        builder.detail("lag.rows.pending", consumer.rowsPending());
        Instant oldest = consumer.oldestUnreportedChange();
        if (oldest != null) {
            builder.detail("lag.oldest.unreported", oldest.toString());
        }
        builder.detail("lag.millis", consumer.lag(Instant.now()).toMillis());
        builder.detail("quota.queries.poll", consumer.queriesLastPoll());
        builder.detail("quota.queries.minute", consumer.queriesLastMinute());
        builder.detail("quota.queries.limit.minute", consumer.queryQuotaPerMinute());
        builder.detail("quota.queries.throttled", consumer.throttledQueries());
        builder.detail("quota.queries.deferred", consumer.quotaDeferrals());
        builder.detail("quota.jobs.poll", consumer.listingRequestsLastPoll());
        builder.detail("quota.jobs.minute", consumer.listingRequestsLastMinute());
        builder.detail("quota.jobs.limit.minute", consumer.jobsQuotaPerMinute());
    }
}
