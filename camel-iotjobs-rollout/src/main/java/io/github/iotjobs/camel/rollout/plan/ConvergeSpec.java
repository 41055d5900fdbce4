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
 * Success measured on the device's reported state: a device whose job succeeded counts as succeeded only once its
 * reported properties match, and as failed if they do not within {@code within} of its job's end.
 *
 * @param reported a path under {@code properties.reported} ({@code firmware}, {@code fw.version}); null: the
 *                 patched desired values, each at its own path
 * @param equals   the value {@code reported} must have (required with {@code reported})
 * @param within   how long after its job a device has to converge
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ConvergeSpec(String reported, JsonNode equals, Duration within) {
}
