/*
 * Licensed to the Apache Software Foundation (ASF) under one or more contributor license agreements; and to You
 * under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance with the
 * License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.iotjobs.camel.consumer;

import io.github.iotjobs.camel.IotJobsOperationFailedException;
import io.github.iotjobs.camel.transport.RequestBudget;
import io.github.iotjobs.camel.transport.RetryDeferral;
import io.github.iotjobs.camel.transport.RetryLaterException;

/**
 * The device queries one poll may send: at most {@code perPoll}, each also taken from the consumer's share of the
 * hub's query quota. A query the hub's shared budget would have to wait for, or that the hub throttles (429), ends
 * the poll's device reading instead of holding the polling thread: the listing resumes from its stored continuation
 * on a later poll.
 */
public final class QueryAllowance {

    /** One device query. */
    @FunctionalInterface
    public interface Query<T> {
        T send() throws IotJobsOperationFailedException;
    }

    private final int perPoll;
    private final RequestBudget share;
    private final ConsumerStatus status;
    private int used;
    private boolean exhausted;

    public QueryAllowance(int perPoll, RequestBudget share, ConsumerStatus status) {
        this.perPoll = perPoll;
        this.share = share;
        this.status = status;
    }

    /**
     * Sends the query when the allowance has room; null when it has not, or when the hub's quota is used up (the
     * allowance is then exhausted for this poll). Other failures are thrown.
     */
    public <T> T send(Query<T> query) throws Exception {
        if (exhausted || used >= perPoll) {
            exhausted = true;
            return null;
        }
        if (!share.tryTake().isZero()) {
            exhausted = true;
            status.deferred();
            return null;
        }
        used++;
        try {
            return RetryDeferral.run(0, query::send);
        } catch (IotJobsOperationFailedException e) {
            if (e.getStatusCode() == 429) {
                status.throttled();
            } else if (e instanceof RetryLaterException && "RequestBudgetExhausted".equals(e.getErrorCode())) {
                // The hub's budget, shared with producers, is used up: queued, not sent.
                status.deferred();
            } else {
                throw e;
            }
            exhausted = true;
            return null;
        }
    }

    /** False once a query was refused this poll: the device reading of later jobs waits for the next poll. */
    public boolean hasRoom() {
        return !exhausted && used < perPoll;
    }

    public int used() {
        return used;
    }
}
