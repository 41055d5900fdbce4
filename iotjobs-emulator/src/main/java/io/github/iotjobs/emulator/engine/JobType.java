/*
 * Licensed to the Apache Software Foundation (ASF) under one or more contributor license agreements; and to You
 * under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance with the
 * License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.iotjobs.emulator.engine;

/** The two job types the jobs v2 API accepts (protocol.md §4.1). */
public enum JobType {
    SCHEDULE_DEVICE_METHOD("scheduleDeviceMethod"),
    SCHEDULE_UPDATE_TWIN("scheduleUpdateTwin");

    private final String wire;

    JobType(String wire) {
        this.wire = wire;
    }

    public String wire() {
        return wire;
    }

    /** Case-insensitive, because the C# SDK sends PascalCase and Java sends camelCase (§2.4). */
    public static JobType fromWire(String text) {
        for (JobType t : values()) {
            if (t.wire.equalsIgnoreCase(text)) {
                return t;
            }
        }
        return null;
    }
}
