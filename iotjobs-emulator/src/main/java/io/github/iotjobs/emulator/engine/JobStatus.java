/*
 * Licensed to the Apache Software Foundation (ASF) under one or more contributor license agreements; and to You
 * under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance with the
 * License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.iotjobs.emulator.engine;

/** Job-level statuses the engine produces (two-l "cancelled", §4.1). */
public enum JobStatus {
    QUEUED("queued"), SCHEDULED("scheduled"), RUNNING("running"), COMPLETED("completed"), FAILED("failed"),
    CANCELLED("cancelled");

    private final String wire;

    JobStatus(String wire) {
        this.wire = wire;
    }

    public String wire() {
        return wire;
    }

    public boolean terminal() {
        return this == COMPLETED || this == FAILED || this == CANCELLED;
    }

    /** Accepts "enqueued" as the synonym of queued; null when unknown. */
    public static JobStatus fromWire(String text) {
        if ("enqueued".equalsIgnoreCase(text)) {
            return QUEUED;
        }
        for (JobStatus s : values()) {
            if (s.wire.equalsIgnoreCase(text)) {
                return s;
            }
        }
        return null;
    }
}
