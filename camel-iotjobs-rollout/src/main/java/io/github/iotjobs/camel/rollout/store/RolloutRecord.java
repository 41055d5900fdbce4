/*
 * Licensed to the Apache Software Foundation (ASF) under one or more contributor license agreements; and to You
 * under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance with the
 * License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.iotjobs.camel.rollout.store;

import java.time.Instant;
import java.util.List;

import io.github.iotjobs.camel.rollout.plan.RolloutPlan;
import io.github.iotjobs.camel.rollout.stage.FrozenStage;

/** What a rollout is, written once when it starts: its plan and the devices of each stage, frozen. */
public record RolloutRecord(String rolloutId, RolloutPlan plan, List<FrozenStage> stages, Instant createdAt) {
}
