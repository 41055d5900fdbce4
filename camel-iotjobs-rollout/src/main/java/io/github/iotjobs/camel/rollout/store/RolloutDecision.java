/*
 * Licensed to the Apache Software Foundation (ASF) under one or more contributor license agreements; and to You
 * under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance with the
 * License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.iotjobs.camel.rollout.store;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One decision of a rollout, in the order taken: the event it was announced as ({@code stageStarted},
 * {@code gateFailed}, ...), its stage (null for the rollout as a whole) and why.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RolloutDecision(Instant at, String event, Integer stage, String detail) {
}
