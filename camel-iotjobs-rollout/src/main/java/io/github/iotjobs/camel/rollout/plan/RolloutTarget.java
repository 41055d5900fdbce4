/*
 * Licensed to the Apache Software Foundation (ASF) under one or more contributor license agreements; and to You
 * under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance with the
 * License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.iotjobs.camel.rollout.plan;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The devices a rollout may reach: a query condition ({@code tags.model = 'x1'}) or a list of device ids of any size.
 * Exactly one of the two is set. The target is resolved once, when the rollout starts, and then frozen.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RolloutTarget(String query, List<String> devices) {

    public static RolloutTarget query(String condition) {
        return new RolloutTarget(condition, null);
    }

    public static RolloutTarget devices(List<String> deviceIds) {
        return new RolloutTarget(null, List.copyOf(deviceIds));
    }
}
