/*
 * Licensed to the Apache Software Foundation (ASF) under one or more contributor license agreements; and to You
 * under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance with the
 * License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.iotjobs.examples.rollout;

/**
 * What the demo rolls out and where.
 *
 * @param connectionString the IoT Hub connection string (the emulator's, or a real hub's)
 * @param baseUrl          the service address when it is not the hub's own (the emulator speaks plain HTTP); null for a
 *                         real hub
 * @param tier             the hub's tier (S1, S2, S3): its concurrent-job limit paces the stages
 * @param target           the query condition selecting the devices of the firmware rollout
 * @param wave             the tag value the rollout writes to tags.rollout, and part of the rollout ids
 * @param firmware         the desired firmware version the rollout writes
 * @param failingCanary    whether to run the second rollout, whose canary fails past its threshold (emulator only)
 * @param pollMillis       how often the orchestrator reads the jobs and the progress line is refreshed
 */
public record RolloutSettings(String connectionString, String baseUrl, String tier, String target, String wave,
        String firmware, boolean failingCanary, long pollMillis) {

    public RolloutSettings {
        if (connectionString == null || connectionString.isBlank()) {
            throw new IllegalArgumentException("a connection string is required");
        }
        if (target == null || target.isBlank()) {
            throw new IllegalArgumentException("a target query condition is required");
        }
        if (!wave.matches("[A-Za-z0-9-]+")) {
            throw new IllegalArgumentException("wave must be letters, digits and dashes: " + wave);
        }
    }

    /** The firmware rollout as data: a canary, then 10 %, 50 % and the rest, each gated on 95 % success. */
    public String firmwarePlan() {
        return """
                target: {query: "%s"}
                action:
                  twinPatch:
                    tags: {rollout: "%s"}
                    properties: {desired: {firmware: "%s"}}
                stages: [{devices: 20}, {percent: 10}, {percent: 50}, {percent: 100}]
                successThreshold: 95%%
                failureThreshold: 5%%
                onFailure: pause
                stageTimeout: PT10M
                """.formatted(target.replace("\"", "\\\""), wave, firmware);
    }

    /** A beta installer that fails on half the devices: its canary halts the rollout before the fleet. */
    public String failingPlan() {
        return """
                target: {query: "tags.floor < 3"}
                action: {method: {name: install-beta, responseTimeout: PT30S, connectTimeout: PT5S}}
                stages: [{devices: 20}, {percent: 100}]
                successThreshold: 95%
                failureThreshold: 10%
                onFailure: abort
                """;
    }
}
