/*
 * Licensed to the Apache Software Foundation (ASF) under one or more contributor license agreements; and to You
 * under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance with the
 * License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.iotjobs.emulator.engine;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;

import io.github.iotjobs.emulator.fleet.DeviceTwin;
import io.github.iotjobs.emulator.json.Json;

/** Plans how each simulated device answers a direct method: when, and with which result. */
public final class MethodSimulator {

    static final String TIMEOUT_CODE = "GatewayTimeout";
    static final String TIMEOUT_TEXT = "Timed out waiting for the response from device.";

    private final Map<String, MethodBehavior> behaviors = new ConcurrentHashMap<>();
    private volatile MethodBehavior fallback = MethodBehavior.ok();
    private final Random random;
    /** Calls made per method and scripted device, so a device scripted to fail its first calls recovers after. */
    private final Map<String, Integer> scriptedCalls = new ConcurrentHashMap<>();

    public MethodSimulator(long seed) {
        this.random = new Random(seed);
    }

    /** Sets the behaviour of one method name (case-sensitive, like device method names). */
    public void define(String methodName, MethodBehavior behavior) {
        behaviors.put(methodName, behavior);
    }

    /** Sets the behaviour of every method without its own definition. */
    public void defineDefault(MethodBehavior behavior) {
        fallback = behavior;
    }

    MethodBehavior behavior(String methodName) {
        return behaviors.getOrDefault(methodName, fallback);
    }

    /** Starts the call on a connected device: fixes the due time and outcome of the row. */
    void plan(DeviceJob row, MethodCall call, Instant now, Duration lag) {
        MethodBehavior behavior = behavior(call.methodName());
        int timeout = call.responseTimeoutInSeconds() > 0 ? call.responseTimeoutInSeconds() : 30;
        row.running(now, lag);
        if (behavior.latency().compareTo(Duration.ofSeconds(timeout)) > 0) {
            row.dueAt = now.plusSeconds(timeout);
            row.timesOut = true;
            return;
        }
        row.dueAt = now.plus(behavior.latency());
        if (behavior.failFirst().containsKey(row.deviceId)) {
            int made = scriptedCalls.merge(call.methodName() + '\n' + row.deviceId, 1, Integer::sum);
            if (behavior.scriptedFailure(row.deviceId, made)) {
                row.willFail = true;
                return;
            }
        }
        synchronized (random) {
            row.willFail = behavior.failureRate() > 0 && random.nextDouble() < behavior.failureRate();
        }
    }

    /** Starts the call on an offline device: the hub waits connectTimeoutInSeconds for it, then gives up. */
    void waitForConnection(DeviceJob row, MethodCall call, Instant now, Duration lag) {
        row.running(now, lag);
        row.dueAt = now.plusSeconds(Math.max(0, call.connectTimeoutInSeconds()));
        row.timesOut = true;
    }

    /** Completes a row whose answer is due. */
    void answer(DeviceJob row, MethodCall call, Instant now, Duration lag) {
        if (row.timesOut) {
            row.fail(TIMEOUT_CODE, TIMEOUT_TEXT, now, lag);
            return;
        }
        MethodBehavior behavior = behavior(call.methodName());
        if (row.willFail) {
            row.fail("DeviceMethodFailed", "The device answered the method with status 500.", 500,
                    Json.object().put("message", "Simulated device failure"), now, lag);
            return;
        }
        row.complete(now, behavior.status(), behavior.payload() == null ? null : behavior.payload().deepCopy(), lag);
    }

    static boolean online(DeviceTwin twin) {
        return twin != null && twin.connected();
    }
}
