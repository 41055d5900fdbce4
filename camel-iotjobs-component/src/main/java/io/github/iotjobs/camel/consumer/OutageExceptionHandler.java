/*
 * Licensed to the Apache Software Foundation (ASF) under one or more contributor license agreements; and to You
 * under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance with the
 * License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.iotjobs.camel.consumer;

import org.apache.camel.Exchange;
import org.apache.camel.spi.ExceptionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs a platform outage once: the first failed poll goes to the default handler (a WARN with the cause), the
 * following ones of the same outage only at DEBUG, so that a long outage with a short poll delay does not flood the
 * log. Failed exchanges are always passed on.
 */
public final class OutageExceptionHandler implements ExceptionHandler {

    private static final Logger LOG = LoggerFactory.getLogger(OutageExceptionHandler.class);

    private final ExceptionHandler delegate;
    private final PollStatus status;

    public OutageExceptionHandler(ExceptionHandler delegate, PollStatus status) {
        this.delegate = delegate;
        this.status = status;
    }

    @Override
    public void handleException(Throwable exception) {
        handleException(null, null, exception);
    }

    @Override
    public void handleException(String message, Throwable exception) {
        handleException(message, null, exception);
    }

    @Override
    public void handleException(String message, Exchange exchange, Throwable exception) {
        if (exchange == null && status.isRepeatedFailure(exception)) {
            LOG.debug("Poll failed again ({} in a row): {}", status.consecutiveFailures(), exception.getMessage());
            return;
        }
        delegate.handleException(message, exchange, exception);
    }
}
