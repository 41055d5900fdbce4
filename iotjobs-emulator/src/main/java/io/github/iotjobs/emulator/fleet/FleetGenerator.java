/*
 * Licensed to the Apache Software Foundation (ASF) under one or more contributor license agreements; and to You
 * under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance with the
 * License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.iotjobs.emulator.fleet;

import java.util.Random;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.iotjobs.emulator.json.Json;

/** Builds a deterministic fleet with varied tags, so conditions like tags.building = 'b2' select real subsets. */
public final class FleetGenerator {

    static final String[] MODELS = {"thermostat-a", "thermostat-b", "sensor-x", "gateway-z"};
    static final String[] FIRMWARE = {"1.0.0", "1.1.0", "1.2.0", "2.0.0"};
    static final String[] REGIONS = {"eu-west", "us-east", "ap-south"};

    private FleetGenerator() {
    }

    /** Device i gets deviceId device-NNNNNN; offlineFraction of the devices report Disconnected. */
    public static void generate(Fleet fleet, int count, double offlineFraction, long seed) {
        Random random = new Random(seed);
        for (int i = 0; i < count; i++) {
            ObjectNode tags = Json.object();
            tags.put("building", "b" + (1 + i % 5));
            tags.put("floor", 1 + (i / 5) % 10);
            tags.put("model", MODELS[i % MODELS.length]);
            tags.put("region", REGIONS[(i / 7) % REGIONS.length]);
            String firmware = FIRMWARE[random.nextInt(FIRMWARE.length)];
            tags.put("firmware", firmware);
            ObjectNode reported = Json.object();
            reported.put("firmware", firmware);
            reported.put("temperature", 18 + random.nextInt(10));
            boolean connected = random.nextDouble() >= offlineFraction;
            fleet.put(new DeviceTwin(String.format("device-%06d", i), tags, Json.object(), reported, connected));
        }
    }
}
