/*
 * Licensed to the Apache Software Foundation (ASF) under one or more contributor license agreements; and to You
 * under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance with the
 * License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.iotjobs.camel.rollout.plan;

import java.time.Duration;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One stage of a rollout: either {@code devices} (this many more devices, e.g. a canary) or {@code percent} (the
 * stage ends when this share of the whole target is covered, counting earlier stages). Exactly one is set.
 *
 * @param timeout how long the stage may take before its gate fails; null takes the plan's {@code stageTimeout}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RolloutStage(Integer devices, Double percent, Duration timeout) {

    public static RolloutStage devices(int count) {
        return new RolloutStage(count, null, null);
    }

    public static RolloutStage percent(double share) {
        return new RolloutStage(null, share, null);
    }

    public RolloutStage withTimeout(Duration value) {
        return new RolloutStage(devices, percent, value);
    }
}
