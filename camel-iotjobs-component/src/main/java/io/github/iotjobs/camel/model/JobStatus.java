/*
 * Licensed to the Apache Software Foundation (ASF) under one or more contributor license agreements; and to You
 * under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance with the
 * License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.iotjobs.camel.model;

import java.util.Arrays;
import java.util.Locale;

/**
 * The normalized status of a job on any platform. The platform's own word is kept in {@link IotJob#platformStatus()}.
 */
public enum JobStatus {
    scheduled,
    queued,
    running,
    stopped,
    completed,
    failed,
    cancelled,
    unknown;

    /** True once the job can no longer change: completed, failed or cancelled. */
    public boolean isTerminal() {
        return this == completed || this == failed || this == cancelled;
    }

    /** True while the job holds one of the platform's concurrent-job slots or may still run. */
    public boolean isActive() {
        return this == scheduled || this == queued || this == running || this == stopped;
    }

    /**
     * Parses a normalized status name, case-insensitively.
     *
     * @throws IllegalArgumentException naming the allowed values when the name is not one of them
     */
    public static JobStatus of(String name) {
        for (JobStatus status : values()) {
            if (status.name().equalsIgnoreCase(name.trim())) {
                return status;
            }
        }
        throw new IllegalArgumentException(
                "jobStatus '" + name + "' is not one of " + Arrays.toString(values()).toLowerCase(Locale.ROOT));
    }
}
