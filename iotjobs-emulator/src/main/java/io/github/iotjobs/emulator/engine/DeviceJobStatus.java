/*
 * Licensed to the Apache Software Foundation (ASF) under one or more contributor license agreements; and to You
 * under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance with the
 * License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.iotjobs.emulator.engine;

/** Per-device row statuses (one-l "canceled", §4.1). */
public enum DeviceJobStatus {
    PENDING("pending"), SCHEDULED("scheduled"), RUNNING("running"), COMPLETED("completed"), FAILED("failed"),
    CANCELED("canceled");

    private final String wire;

    DeviceJobStatus(String wire) {
        this.wire = wire;
    }

    public String wire() {
        return wire;
    }

    public boolean terminal() {
        return this == COMPLETED || this == FAILED || this == CANCELED;
    }
}
