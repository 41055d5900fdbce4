/*
 * Licensed to the Apache Software Foundation (ASF) under one or more contributor license agreements; and to You
 * under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance with the
 * License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.iotjobs.camel.rollout.port;

import java.time.Duration;
import java.time.Instant;

import io.github.iotjobs.camel.IotJobsOperationFailedException;

/**
 * A target's hub has kept failing (no answer, 5xx, or refused credentials) for longer than the plan's
 * {@code unreachableAfter}: the rollout halts on every target.
 */
public final class TargetUnreachableException extends IotJobsOperationFailedException {

    private static final long serialVersionUID = 1L;

    private final String target;
    private final String text;

    TargetUnreachableException(String target, Instant since, Duration after, IotJobsOperationFailedException last) {
        super(last.getStatusCode(), last.getErrorCode(), last.getPlatformMessage(), last.getRequestId(), null, null,
                null, last);
        this.target = target;
        this.text = "target " + target + " has failed to answer since " + since + " (more than " + after + "): "
                    + last.getMessage();
    }

    public String target() {
        return target;
    }

    @Override
    public String getMessage() {
        return text;
    }
}
