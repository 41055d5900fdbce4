/*
 * Licensed to the Apache Software Foundation (ASF) under one or more contributor license agreements; and to You
 * under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance with the
 * License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.iotjobs.emulator.central;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.iotjobs.emulator.fleet.DeviceTwin;

/**
 * The IoT Central view of a twin: its device template comes from the twin tag {@code template} (set by a
 * deviceTemplateMigration job), else from the tag {@code model} as {@code dtmi:iotjobs:MODEL;1}.
 */
public final class DeviceTemplates {

    public static final String TAG = "template";

    private DeviceTemplates() {
    }

    public static String template(DeviceTwin twin) {
        JsonNode tags = twin.tags();
        if (tags.path(TAG).isTextual()) {
            return tags.get(TAG).asText();
        }
        if (tags.path("model").isTextual()) {
            return "dtmi:iotjobs:" + tags.get("model").asText() + ";1";
        }
        return "dtmi:iotjobs:default;1";
    }
}
