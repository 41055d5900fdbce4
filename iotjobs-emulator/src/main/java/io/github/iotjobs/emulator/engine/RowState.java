/*
 * Licensed to the Apache Software Foundation (ASF) under one or more contributor license agreements; and to You
 * under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance with the
 * License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.iotjobs.emulator.engine;

import java.time.Instant;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One state of a device-job row, immutable, with the state it replaced while the index may still show that one
 * (see {@link DeviceJob#visibleAt}).
 */
record RowState(DeviceJobStatus status, Instant started, Instant ended, Instant updated, Integer responseStatus,
                JsonNode responsePayload, String errorCode, String errorDescription, RowState older) {

    static RowState pending(Instant created) {
        return new RowState(DeviceJobStatus.PENDING, null, null, created, null, null, null, null, null);
    }

    RowState running(Instant now) {
        return new RowState(DeviceJobStatus.RUNNING, now, null, now, null, null, null, null, this);
    }

    RowState completed(Instant now, Integer status, JsonNode payload) {
        return new RowState(DeviceJobStatus.COMPLETED, started == null ? now : started, now, now, status, payload,
                null, null, this);
    }

    RowState failed(Instant now, String code, String description, Integer status, JsonNode payload) {
        return new RowState(DeviceJobStatus.FAILED, started == null ? now : started, now, now, status, payload,
                code, description, this);
    }

    /** This chain without the states no reader at or after {@code cutoff} can see. */
    RowState prunedBefore(Instant cutoff) {
        if (!updated.isAfter(cutoff)) {
            return older == null ? this : withOlder(null);
        }
        RowState kept = older == null ? null : older.prunedBefore(cutoff);
        return kept == older ? this : withOlder(kept);
    }

    private RowState withOlder(RowState value) {
        return new RowState(status, started, ended, updated, responseStatus, responsePayload, errorCode,
                errorDescription, value);
    }
}
