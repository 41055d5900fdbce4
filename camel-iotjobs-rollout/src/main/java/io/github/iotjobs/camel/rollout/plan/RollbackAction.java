/*
 * Licensed to the Apache Software Foundation (ASF) under one or more contributor license agreements; and to You
 * under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance with the
 * License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.iotjobs.camel.rollout.plan;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * How a method action is undone: the inverse method each device the rollout reached is called with. A twin patch
 * needs none: its previous values are captured before each stage.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RollbackAction(MethodAction method) {
}
