/*
 * Licensed to the Apache Software Foundation (ASF) under one or more contributor license agreements; and to You
 * under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance with the
 * License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.iotjobs.camel;

/**
 * The platforms whose job APIs the component speaks.
 */
public enum IotJobsPlatform {
    /** Azure IoT Hub jobs v2. */
    hub("2021-04-12"),
    /** Azure IoT Central jobs, scheduled jobs and device groups. */
    central("2022-07-31"),
    /** The Remote Monitoring IoTHub Manager jobs API. */
    manager(null);

    private final String defaultApiVersion;

    IotJobsPlatform(String defaultApiVersion) {
        this.defaultApiVersion = defaultApiVersion;
    }

    /** The api-version sent when the endpoint sets none; null where the platform takes no api-version. */
    public String defaultApiVersion() {
        return defaultApiVersion;
    }
}
