/*
 * Licensed to the Apache Software Foundation (ASF) under one or more contributor license agreements; and to You
 * under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance with the
 * License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.iotjobs.camel.rollout.store;

import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** Where a rollout stands. {@code running}, {@code paused} and {@code rollingBack} can still change; the others are final. */
public enum RolloutStatus {
    RUNNING,
    PAUSED,
    ABORTED,
    COMPLETED,
    /** Undoing the change on the devices it reached. */
    ROLLING_BACK,
    /** A gate passed; the next stage waits for the approval endpoint or the {@code approve} operation. */
    AWAITING_APPROVAL,
    ROLLED_BACK;

    public boolean isFinal() {
        return this == ABORTED || this == COMPLETED || this == ROLLED_BACK;
    }

    /** camelCase: {@code rollingBack}, {@code rolledBack}. */
    @JsonValue
    public String wire() {
        String[] words = name().toLowerCase(Locale.ROOT).split("_");
        StringBuilder wire = new StringBuilder(words[0]);
        for (int i = 1; i < words.length; i++) {
            wire.append(Character.toUpperCase(words[i].charAt(0))).append(words[i].substring(1));
        }
        return wire.toString();
    }

    @JsonCreator
    public static RolloutStatus of(String text) {
        for (RolloutStatus status : values()) {
            if (status.wire().equalsIgnoreCase(text) || status.name().equalsIgnoreCase(text)) {
                return status;
            }
        }
        throw new IllegalArgumentException("No rollout status " + text);
    }
}
