/*
 * Licensed to the Apache Software Foundation (ASF) under one or more contributor license agreements; and to You
 * under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance with the
 * License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.iotjobs.emulator.engine;

import com.fasterxml.jackson.databind.JsonNode;

/** The cloudToDeviceMethod of a method job; timeouts in seconds, payload as sent (may be null). */
public record MethodCall(String methodName, JsonNode payload, int responseTimeoutInSeconds,
                         int connectTimeoutInSeconds) {
}
