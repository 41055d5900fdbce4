/*
 * Licensed to the Apache Software Foundation (ASF) under one or more contributor license agreements; and to You
 * under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance with the
 * License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.iotjobs.emulator.engine;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * How simulated devices answer one direct method: after a latency, with a status and payload, failing with the
 * given probability (a failure is a device answer with status 500, counted as a failed device). Scripted devices
 * ({@code failFirst}) fail their first N calls of the method for sure, then answer as the others do: a device with a
 * transient fault that a retry fixes, or ({@link Integer#MAX_VALUE}) one that never recovers.
 */
public record MethodBehavior(Duration latency, double failureRate, int status, JsonNode payload,
        Map<String, Integer> failFirst) {

    public MethodBehavior {
        if (latency == null || latency.isNegative()) {
            throw new IllegalArgumentException("latency must be >= 0");
        }
        if (failureRate < 0 || failureRate > 1) {
            throw new IllegalArgumentException("failureRate must be within 0..1");
        }
        failFirst = failFirst == null ? Map.of() : Map.copyOf(failFirst);
        if (failFirst.values().stream().anyMatch(n -> n < 1)) {
            throw new IllegalArgumentException("failFirst counts must be at least 1");
        }
    }

    public MethodBehavior(Duration latency, double failureRate, int status, JsonNode payload) {
        this(latency, failureRate, status, payload, Map.of());
    }

    /** Answers at once with status 200 and no payload. */
    public static MethodBehavior ok() {
        return new MethodBehavior(Duration.ZERO, 0, 200, null);
    }

    public MethodBehavior withLatency(Duration value) {
        return new MethodBehavior(value, failureRate, status, payload, failFirst);
    }

    public MethodBehavior withFailureRate(double value) {
        return new MethodBehavior(latency, value, status, payload, failFirst);
    }

    public MethodBehavior withResponse(int value, JsonNode body) {
        return new MethodBehavior(latency, failureRate, value, body, failFirst);
    }

    /** This device fails its first {@code calls} calls of the method, then answers as the others do. */
    public MethodBehavior withFailFirst(String deviceId, int calls) {
        Map<String, Integer> scripted = new HashMap<>(failFirst);
        scripted.put(deviceId, calls);
        return new MethodBehavior(latency, failureRate, status, payload, scripted);
    }

    /** Whether call number {@code call} (from 1) of the method on this device is scripted to fail. */
    public boolean scriptedFailure(String deviceId, int call) {
        Integer failing = failFirst.get(deviceId);
        return failing != null && call <= failing;
    }
}
