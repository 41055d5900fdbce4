/*
 * Licensed to the Apache Software Foundation (ASF) under one or more contributor license agreements; and to You
 * under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance with the
 * License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.iotjobs.emulator.query;

import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

/** Something a query condition can look paths up in: a twin, or a device-job row. */
public interface Document {

    /** @return the value at the path, a NullNode for an explicit null, or null when the path is undefined. */
    JsonNode resolve(List<String> path);

    /** Walks the remaining path segments of an object; missing keys are undefined. */
    static JsonNode walk(JsonNode root, List<String> path, int from) {
        JsonNode node = root;
        for (int i = from; i < path.size(); i++) {
            if (node == null || !node.isObject()) {
                return null;
            }
            node = node.get(path.get(i));
        }
        return node;
    }
}
