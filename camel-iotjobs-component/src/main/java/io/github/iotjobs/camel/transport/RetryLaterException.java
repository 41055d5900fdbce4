/*
 * Licensed to the Apache Software Foundation (ASF) under one or more contributor license agreements; and to You
 * under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance with the
 * License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.iotjobs.camel.transport;

import java.time.Duration;

import io.github.iotjobs.camel.IotJobsOperationFailedException;

/**
 * A request must wait before it is sent (again), and the caller asked to do the waiting itself
 * ({@link RetryDeferral}): nothing was done that a later attempt could double. The caller runs the whole call again
 * after {@link #getDelay()}, passing {@link #getNextRetry()} so that the retry budget keeps counting.
 */
public class RetryLaterException extends IotJobsOperationFailedException {

    private static final long serialVersionUID = 1L;

    private final transient Duration delay;
    private final int nextRetry;

    public RetryLaterException(IotJobsOperationFailedException failure, Duration delay, int nextRetry) {
        super(failure.getStatusCode(), failure.getErrorCode(), "retry in " + delay.toMillis() + " ms: "
                                                                + failure.getPlatformMessage(),
              failure.getRequestId(), failure.getMethod(), failure.getPath(), failure.getRetryAfter(), failure);
        this.delay = delay;
        this.nextRetry = nextRetry;
    }

    /** How long to wait before the call is made again. */
    public Duration getDelay() {
        return delay;
    }

    /** The retry number the next attempt counts as. */
    public int getNextRetry() {
        return nextRetry;
    }
}
