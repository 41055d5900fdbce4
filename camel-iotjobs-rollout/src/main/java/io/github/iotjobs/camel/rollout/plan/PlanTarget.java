/*
 * Licensed to the Apache Software Foundation (ASF) under one or more contributor license agreements; and to You
 * under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance with the
 * License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.iotjobs.camel.rollout.plan;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.github.iotjobs.camel.rollout.stage.HubTier;

/**
 * One hub of a plan over several ({@code targets}): its name (part of its job ids), the iotjobs endpoint that reaches
 * it, its size when the endpoint's own tier should not be used, and its devices (a query condition or a list).
 *
 * @param name         letters and digits, at most {@value #MAX_NAME} characters, distinct within the plan
 * @param jobsEndpoint an iotjobs endpoint URI ({@code iotjobs:hub}, or a component of its own: {@code eu:hub})
 * @param tier         the hub's tier; null: the endpoint's
 * @param units        the hub's units; null: the endpoint's
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PlanTarget(String name, String jobsEndpoint, HubTier tier, Integer units, String query,
        List<String> devices) {

    /** Target names are short: they go into every job id of the target. */
    public static final int MAX_NAME = 12;

    public static PlanTarget query(String name, String jobsEndpoint, String condition) {
        return new PlanTarget(name, jobsEndpoint, null, null, condition, null);
    }

    public static PlanTarget devices(String name, String jobsEndpoint, List<String> deviceIds) {
        return new PlanTarget(name, jobsEndpoint, null, null, null, List.copyOf(deviceIds));
    }

    /** The devices this target selects, as a single-target plan's {@code target}. */
    public RolloutTarget selection() {
        return new RolloutTarget(query, devices);
    }
}
