/*
 * Licensed to the Apache Software Foundation (ASF) under one or more contributor license agreements; and to You
 * under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance with the
 * License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.iotjobs.camel.rollout.plan;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The plan's {@code rollback} section: that the rollout can be rolled back, and how a method action is undone (the
 * inverse method each device the rollout reached is called with). A twin patch needs no method: its previous values
 * are captured before each stage, so its section is empty ({@code rollback: {}}).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RollbackAction(MethodAction method) {
}
