/*
 * Licensed to the Apache Software Foundation (ASF) under one or more contributor license agreements; and to You
 * under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance with the
 * License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.iotjobs.camel.consumer;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;

/**
 * How far behind one consumer is and how much of the hub's quota it uses: the device rows the platform counts as final
 * that the consumer has not reported yet, since when the oldest of them waits, and the requests of the last poll and
 * the last minute against the tier's quotas. Read-only for everyone but the consumer (health check, dev console).
 */
public final class ConsumerStatus {

    private static final Duration MINUTE = Duration.ofMinutes(1);

    private final int queryQuotaPerMinute;
    private final int jobsQuotaPerMinute;
    private final Map<JobKey, Instant> pendingSince = new HashMap<>();
    private final Deque<Instant> queryTimes = new ArrayDeque<>();
    private final Deque<Instant> listingTimes = new ArrayDeque<>();
    private long rowsPending;
    private Instant oldestUnreported;
    private int queriesLastPoll;
    private int listingRequestsLastPoll;
    private long throttled;
    private long deferred;

    /** @param queryQuotaPerMinute the hub's device query quota, {@code jobsQuotaPerMinute} its jobs operations quota */
    public ConsumerStatus(int queryQuotaPerMinute, int jobsQuotaPerMinute) {
        this.queryQuotaPerMinute = queryQuotaPerMinute;
        this.jobsQuotaPerMinute = jobsQuotaPerMinute;
    }

    /** Written by the consumer at the end of each poll: rows pending per job, and the poll's requests. */
    public synchronized void polled(Map<JobKey, Long> pending, int queries, int listingRequests, Instant now) {
        pendingSince.keySet().retainAll(pending.keySet());
        long rows = 0;
        Instant oldest = null;
        for (Map.Entry<JobKey, Long> job : pending.entrySet()) {
            rows += job.getValue();
            Instant since = pendingSince.computeIfAbsent(job.getKey(), k -> now);
            oldest = oldest == null || since.isBefore(oldest) ? since : oldest;
        }
        rowsPending = rows;
        oldestUnreported = oldest;
        queriesLastPoll = queries;
        listingRequestsLastPoll = listingRequests;
        record(queryTimes, queries, now);
        record(listingTimes, listingRequests, now);
    }

    synchronized void throttled() {
        throttled++;
    }

    synchronized void deferred() {
        deferred++;
    }

    private static void record(Deque<Instant> times, int count, Instant now) {
        for (int i = 0; i < count; i++) {
            times.addLast(now);
        }
        while (!times.isEmpty() && !times.peekFirst().isAfter(now.minus(MINUTE))) {
            times.removeFirst();
        }
    }

    // Read by anyone.

    /** Final device rows the platform counts that the consumer has not reported yet (the index may still lag). */
    public synchronized long rowsPending() {
        return rowsPending;
    }

    /** Since when the oldest unreported device row has been known to the consumer; null when none is pending. */
    public synchronized Instant oldestUnreportedChange() {
        return oldestUnreported;
    }

    /** How long the oldest unreported change has waited, zero when none does. */
    public synchronized Duration lag(Instant now) {
        return oldestUnreported == null ? Duration.ZERO : Duration.between(oldestUnreported, now);
    }

    /** Device queries ({@code POST /devices/query}) of the last poll. */
    public synchronized int queriesLastPoll() {
        return queriesLastPoll;
    }

    /** Device queries of the polls of the last minute (as of the last poll), against {@link #queryQuotaPerMinute}. */
    public synchronized int queriesLastMinute() {
        return queryTimes.size();
    }

    /** Job listing requests (jobs operations) of the last poll. */
    public synchronized int listingRequestsLastPoll() {
        return listingRequestsLastPoll;
    }

    /** Job listing requests of the polls of the last minute, against {@link #jobsQuotaPerMinute}. */
    public synchronized int listingRequestsLastMinute() {
        return listingTimes.size();
    }

    public int queryQuotaPerMinute() {
        return queryQuotaPerMinute;
    }

    public int jobsQuotaPerMinute() {
        return jobsQuotaPerMinute;
    }

    /** Device queries the platform answered 429 since the consumer started. */
    public synchronized long throttledQueries() {
        return throttled;
    }

    /** Times a poll left device rows for later because the consumer's share of the quota was used up. */
    public synchronized long quotaDeferrals() {
        return deferred;
    }
}
