/*
 * Licensed to the Apache Software Foundation (ASF) under one or more contributor license agreements; and to You
 * under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance with the
 * License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.iotjobs.emulator.fleet;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.iotjobs.emulator.json.Json;

/**
 * Loads a fleet from JSON: either an array of twins or {"devices": [...]}. Each twin may carry deviceId, tags,
 * properties.desired, properties.reported and connectionState ("Connected" by default).
 */
public final class FleetFile {

    private FleetFile() {
    }

    public static void load(Fleet fleet, Path file) throws IOException {
        JsonNode root = Json.MAPPER.readTree(Files.readAllBytes(file));
        JsonNode devices = root.isArray() ? root : root.path("devices");
        if (!devices.isArray()) {
            throw new IOException("Fleet file must hold an array of twins or {\"devices\": [...]}");
        }
        for (JsonNode device : devices) {
            String deviceId = device.path("deviceId").asText("");
            if (deviceId.isEmpty()) {
                throw new IOException("Every device in the fleet file needs a deviceId");
            }
            fleet.put(new DeviceTwin(deviceId, object(device.get("tags")),
                    clean(object(device.path("properties").get("desired"))),
                    clean(object(device.path("properties").get("reported"))),
                    !"Disconnected".equalsIgnoreCase(device.path("connectionState").asText("Connected"))));
        }
    }

    private static ObjectNode object(JsonNode node) {
        return node instanceof ObjectNode o ? o.deepCopy() : Json.object();
    }

    // $version/$metadata are ours to maintain.
    private static ObjectNode clean(ObjectNode node) {
        node.remove("$version");
        node.remove("$metadata");
        return node;
    }
}
