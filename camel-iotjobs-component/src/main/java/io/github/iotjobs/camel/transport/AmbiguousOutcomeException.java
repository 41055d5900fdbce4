/*
 * Licensed to the Apache Software Foundation (ASF) under one or more contributor license agreements; and to You
 * under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance with the
 * License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.iotjobs.camel.transport;

import io.github.iotjobs.camel.IotJobsOperationFailedException;

/**
 * A request that changes state failed after it may have reached the platform (connection reset, timeout, 5xx): the
 * change may or may not have happened. It is not re-sent blindly; the caller reads the state to find out.
 */
public class AmbiguousOutcomeException extends IotJobsOperationFailedException {

    private static final long serialVersionUID = 1L;

    public AmbiguousOutcomeException(IotJobsOperationFailedException failure) {
        super(failure.getStatusCode(), failure.getErrorCode(), "outcome unknown: " + describe(failure),
                failure.getRequestId(), failure.getMethod(), failure.getPath(), failure.getRetryAfter(),
                failure.getCause() != null ? failure.getCause() : failure);
    }

    private static String describe(IotJobsOperationFailedException failure) {
        return failure.getPlatformMessage() != null ? failure.getPlatformMessage() : "no answer";
    }
}
