/*
 * Licensed to the Apache Software Foundation (ASF) under one or more contributor license agreements; and to You
 * under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance with the
 * License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.iotjobs.emulator.engine;

import java.time.Instant;

/** Told when a device has answered a direct method successfully (device agents reboot on it). */
@FunctionalInterface
public interface MethodObserver {

    MethodObserver NONE = (deviceId, methodName, at) -> { };

    void answered(String deviceId, String methodName, Instant at);
}
