/*
 * Licensed to the Apache Software Foundation (ASF) under one or more contributor license agreements; and to You
 * under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance with the
 * License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.iotjobs.emulator.quota;

import java.util.Arrays;
import java.util.stream.Collectors;

/** The hub's throttled operation classes the emulator meters (protocol.md §8), by their wire names. */
public enum ThrottleClass {
    /** Jobs operations under /jobs/v2: create, get, cancel, list. */
    JOBS("jobs"),
    /** Device queries: POST /devices/query (twin and devices.jobs queries). */
    QUERIES("queries"),
    /** Device operations a running job performs (a twin update or a method call), hub-wide. */
    DEVICE_OPS("deviceOps");

    private final String wire;

    ThrottleClass(String wire) {
        this.wire = wire;
    }

    public String wire() {
        return wire;
    }

    /** @throws IllegalArgumentException naming the known classes */
    public static ThrottleClass parse(String text) {
        for (ThrottleClass c : values()) {
            if (c.wire.equalsIgnoreCase(text == null ? "" : text.trim())) {
                return c;
            }
        }
        throw new IllegalArgumentException("Unknown throttle class '" + text + "'; known: "
                + Arrays.stream(values()).map(ThrottleClass::wire).collect(Collectors.joining(", ")));
    }
}
