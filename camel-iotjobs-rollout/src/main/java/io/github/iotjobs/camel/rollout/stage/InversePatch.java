/*
 * Licensed to the Apache Software Foundation (ASF) under one or more contributor license agreements; and to You
 * under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance with the
 * License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.iotjobs.camel.rollout.stage;

import java.util.Iterator;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The twin patch that undoes a patch on one device: at each path the patch sets, the value the device had before
 * ({@code null} where it had none, which removes the path in twin PATCH semantics). Read from a twin row projected
 * on {@link #PROJECTION}.
 */
public final class InversePatch {

    /** What a twin query selects to capture a device's previous values. */
    public static final String PROJECTION = "tags, properties.desired";

    private InversePatch() {
    }

    /**
     * @param patch the rollout's twin patch ({@code tags}, {@code properties.desired})
     * @param row   the device's twin projected on {@link #PROJECTION} ({@code tags}, {@code desired}), or an empty
     *              object for a device that had neither
     */
    public static ObjectNode of(ObjectNode patch, JsonNode row) {
        ObjectNode inverse = JsonNodeFactory.instance.objectNode();
        if (patch.has("tags")) {
            inverse.set("tags", undo(patch.get("tags"), section(row.get("tags"))));
        }
        JsonNode desiredPatch = patch.path("properties").get("desired");
        if (desiredPatch != null) {
            JsonNode desired = row.has("desired") ? row.get("desired") : row.path("properties").get("desired");
            inverse.putObject("properties").set("desired", undo(desiredPatch, section(desired)));
        }
        return inverse;
    }

    /** A twin without tags or desired properties has them empty: never undo a whole section with null. */
    private static JsonNode section(JsonNode value) {
        return value == null || !value.isObject() ? JsonNodeFactory.instance.objectNode() : value;
    }

    /** The previous values at the paths {@code patch} sets; a leaf (or an object where none was) comes back whole. */
    private static JsonNode undo(JsonNode patch, JsonNode previous) {
        if (!patch.isObject() || patch.isEmpty() || previous == null || !previous.isObject()) {
            return previous == null || previous.isMissingNode() ? JsonNodeFactory.instance.nullNode()
                    : previous.deepCopy();
        }
        ObjectNode inverse = JsonNodeFactory.instance.objectNode();
        for (Iterator<Map.Entry<String, JsonNode>> fields = patch.fields(); fields.hasNext();) {
            Map.Entry<String, JsonNode> field = fields.next();
            inverse.set(field.getKey(), undo(field.getValue(), previous.get(field.getKey())));
        }
        return inverse;
    }
}
