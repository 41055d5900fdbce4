/*
 * Licensed to the Apache Software Foundation (ASF) under one or more contributor license agreements; and to You
 * under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance with the
 * License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.iotjobs.camel.model;

/**
 * The normalized status of one device in a job. IoT Hub spells the last one {@code canceled}; it maps here.
 */
public enum DeviceJobStatus {
    pending,
    scheduled,
    running,
    completed,
    failed,
    cancelled;

    /** True once this device's part of the job is over. */
    public boolean isFinal() {
        return this == completed || this == failed || this == cancelled;
    }
}
