/*
 * Licensed to the Apache Software Foundation (ASF) under one or more contributor license agreements; and to You
 * under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance with the
 * License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.iotjobs.camel.rollout.engine;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.github.iotjobs.camel.model.DeviceJob;

/**
 * One thing that happened to a rollout.
 *
 * @param stage     the stage it concerns (from 0), null for the rollout as a whole
 * @param detail    why, in words (the gate's counts, the reason of a halt)
 * @param succeeded the stage's succeeded devices when the event happened
 * @param failed    the stage's failed devices when the event happened
 * @param deviceJob the device's row, for {@code deviceResult}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RolloutEvent(String rolloutId, RolloutEventType type, Integer stage, Instant at, String detail,
        Integer succeeded, Integer failed, DeviceJob deviceJob) {
}
