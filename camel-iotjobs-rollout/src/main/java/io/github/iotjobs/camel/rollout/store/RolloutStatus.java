/*
 * Licensed to the Apache Software Foundation (ASF) under one or more contributor license agreements; and to You
 * under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance with the
 * License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.iotjobs.camel.rollout.store;

import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** Where a rollout stands. {@code running} and {@code paused} can still change; the others are final. */
public enum RolloutStatus {
    RUNNING,
    PAUSED,
    ABORTED,
    COMPLETED;

    public boolean isFinal() {
        return this == ABORTED || this == COMPLETED;
    }

    @JsonValue
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static RolloutStatus of(String text) {
        return valueOf(text.toUpperCase(Locale.ROOT));
    }
}
