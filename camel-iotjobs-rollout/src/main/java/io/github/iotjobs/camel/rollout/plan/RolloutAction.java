/*
 * Licensed to the Apache Software Foundation (ASF) under one or more contributor license agreements; and to You
 * under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance with the
 * License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.iotjobs.camel.rollout.plan;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The one change a rollout applies: a twin patch ({@code tags}, {@code properties.desired}) or a direct method.
 * Exactly one of the two is set.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RolloutAction(ObjectNode twinPatch, MethodAction method) {

    public static RolloutAction twinPatch(ObjectNode patch) {
        return new RolloutAction(patch, null);
    }

    public static RolloutAction method(MethodAction method) {
        return new RolloutAction(null, method);
    }
}
