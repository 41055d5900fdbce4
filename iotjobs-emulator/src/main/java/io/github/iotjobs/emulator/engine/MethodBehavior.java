/*
 * Licensed to the Apache Software Foundation (ASF) under one or more contributor license agreements; and to You
 * under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance with the
 * License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.iotjobs.emulator.engine;

import java.time.Duration;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * How simulated devices answer one direct method: after a latency, with a status and payload, failing with the
 * given probability (a failure is a device answer with status 500, counted as a failed device).
 */
public record MethodBehavior(Duration latency, double failureRate, int status, JsonNode payload) {

    public MethodBehavior {
        if (latency == null || latency.isNegative()) {
            throw new IllegalArgumentException("latency must be >= 0");
        }
        if (failureRate < 0 || failureRate > 1) {
            throw new IllegalArgumentException("failureRate must be within 0..1");
        }
    }

    /** Answers at once with status 200 and no payload. */
    public static MethodBehavior ok() {
        return new MethodBehavior(Duration.ZERO, 0, 200, null);
    }

    public MethodBehavior withLatency(Duration value) {
        return new MethodBehavior(value, failureRate, status, payload);
    }

    public MethodBehavior withFailureRate(double value) {
        return new MethodBehavior(latency, value, status, payload);
    }

    public MethodBehavior withResponse(int value, JsonNode body) {
        return new MethodBehavior(latency, failureRate, value, body);
    }
}
