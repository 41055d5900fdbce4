/*
 * Licensed to the Apache Software Foundation (ASF) under one or more contributor license agreements; and to You
 * under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance with the
 * License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.iotjobs.emulator.query;

import java.util.Iterator;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

/** A plain JSON object as a query document; the first path segment matches field names case-insensitively. */
public record JsonDocument(JsonNode root) implements Document {

    @Override
    public JsonNode resolve(List<String> path) {
        if (path.isEmpty() || !root.isObject()) {
            return null;
        }
        JsonNode first = root.get(path.get(0));
        if (first == null) {
            for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> e = it.next();
                if (e.getKey().equalsIgnoreCase(path.get(0))) {
                    first = e.getValue();
                    break;
                }
            }
        }
        return first == null ? null : Document.walk(first, path, 1);
    }
}
