/*
 * Licensed to the Apache Software Foundation (ASF) under one or more contributor license agreements; and to You
 * under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance with the
 * License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.iotjobs.camel.rollout.plan;

import java.time.Duration;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * A direct method each device of a stage is called with.
 *
 * @param name            the method name
 * @param payload         the method payload (any JSON), or null
 * @param responseTimeout how long the hub waits for the device's answer (5 s to 300 s; default 30 s)
 * @param connectTimeout  how long the hub waits for an offline device to connect (0 to 300 s; default 0)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record MethodAction(String name, JsonNode payload, Duration responseTimeout, Duration connectTimeout) {
}
