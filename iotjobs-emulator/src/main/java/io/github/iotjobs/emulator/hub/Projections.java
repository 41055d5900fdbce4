/*
 * Licensed to the Apache Software Foundation (ASF) under one or more contributor license agreements; and to You
 * under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance with the
 * License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.iotjobs.emulator.hub;

import java.util.Iterator;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.iotjobs.emulator.json.Json;

/**
 * Twin query projections ({@code SELECT deviceId, tags.floor FROM devices}): each selected path becomes a property
 * named after its last segment; system properties are matched case-insensitively and returned camelCased, as the hub
 * does ({@code SELECT DeviceId} gives {@code deviceId}). Paths that are not set are left out.
 */
final class Projections {

    private Projections() {
    }

    static ObjectNode project(ObjectNode twin, List<String> paths) {
        ObjectNode row = Json.object();
        for (String path : paths) {
            String[] segments = path.split("\\.");
            JsonNode value = topLevel(twin, segments[0]);
            String name = value == null ? segments[0] : topLevelName(twin, segments[0]);
            for (int i = 1; i < segments.length && value != null; i++) {
                value = value.get(segments[i]);
                name = segments[i];
            }
            if (value != null) {
                row.set(name, value);
            }
        }
        return row;
    }

    private static JsonNode topLevel(ObjectNode twin, String segment) {
        String name = topLevelName(twin, segment);
        return name == null ? null : twin.get(name);
    }

    private static String topLevelName(ObjectNode twin, String segment) {
        for (Iterator<String> names = twin.fieldNames(); names.hasNext();) {
            String name = names.next();
            if (name.equalsIgnoreCase(segment)) {
                return name;
            }
        }
        return null;
    }
}
