/*
 * Licensed to the Apache Software Foundation (ASF) under one or more contributor license agreements; and to You
 * under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance with the
 * License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.iotjobs.camel.rollout.plan;

import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonValue;

/** What a rollout does when a gate fails or failures reach the failure threshold. */
public enum OnFailure {
    /** Stop creating jobs; jobs already running finish; {@code resume} continues. */
    PAUSE,
    /** Stop for good and cancel the rollout's queued jobs. */
    ABORT,
    /** Cancel the queued jobs, then undo the change on the devices it reached (the previous values, or
     * {@code rollback.method}). */
    ROLLBACK;

    @JsonValue
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }
}
