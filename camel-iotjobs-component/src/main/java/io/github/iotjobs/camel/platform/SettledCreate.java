/*
 * Licensed to the Apache Software Foundation (ASF) under one or more contributor license agreements; and to You
 * under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance with the
 * License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.iotjobs.camel.platform;

import io.github.iotjobs.camel.IotJobsOperationFailedException;
import io.github.iotjobs.camel.model.IotJob;
import io.github.iotjobs.camel.transport.AmbiguousOutcomeException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A job create whose outcome is unknown (the connection broke after the request left) is never re-sent blindly: a
 * read tells whether the job exists, and only a create that did not take effect is sent again.
 */
public final class SettledCreate {

    private static final Logger LOG = LoggerFactory.getLogger(SettledCreate.class);

    /** Sends the create request once. */
    @FunctionalInterface
    public interface Create {
        IotJob send() throws IotJobsOperationFailedException;
    }

    /** Reads a job by id. */
    @FunctionalInterface
    public interface Read {
        IotJob get(String jobId) throws IotJobsOperationFailedException;
    }

    private SettledCreate() {
    }

    /**
     * @param maxResends how many times the create is sent again after a read proved the last one did not happen
     */
    public static IotJob create(String jobId, Create create, Read read, int maxResends)
            throws IotJobsOperationFailedException {
        for (int resends = 0;; resends++) {
            try {
                return create.send();
            } catch (AmbiguousOutcomeException unknown) {
                IotJob existing = find(jobId, read);
                if (existing != null) {
                    return existing;
                }
                if (resends >= maxResends) {
                    throw unknown;
                }
                LOG.warn("Create of job {} had no answer and the job does not exist; sending it again", jobId);
            }
        }
    }

    private static IotJob find(String jobId, Read read) throws IotJobsOperationFailedException {
        try {
            return read.get(jobId);
        } catch (IotJobsOperationFailedException e) {
            if (e.getStatusCode() == 404) {
                return null;
            }
            throw e;
        }
    }
}
