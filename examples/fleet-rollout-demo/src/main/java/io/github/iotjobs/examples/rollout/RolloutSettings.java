/*
 * Licensed to the Apache Software Foundation (ASF) under one or more contributor license agreements; and to You
 * under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance with the
 * License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.iotjobs.examples.rollout;

/**
 * What the rollout does and where.
 *
 * @param connectionString the IoT Hub connection string (the emulator's, or a real hub's)
 * @param baseUrl          the service address when it is not the hub's own (the emulator speaks plain HTTP); null for a
 *                         real hub
 * @param target           the query condition selecting the devices to update and reboot
 * @param wave             the tag value the twin update writes to tags.rollout; the reboot job selects on it
 * @param firmware         the desired firmware version the twin update writes
 * @param connectTimeout   seconds the reboot waits for an offline device
 * @param pollMillis       how often the route and the progress consumer look at the jobs
 */
public record RolloutSettings(String connectionString, String baseUrl, String target, String wave, String firmware,
        int connectTimeout, long pollMillis) {

    public RolloutSettings {
        if (connectionString == null || connectionString.isBlank()) {
            throw new IllegalArgumentException("a connection string is required");
        }
        if (target == null || target.isBlank()) {
            throw new IllegalArgumentException("a target query condition is required");
        }
        if (!wave.matches("[A-Za-z0-9-]+")) {
            throw new IllegalArgumentException("wave must be letters, digits and dashes: " + wave);
        }
    }

    /** The condition the reboot job uses: exactly the devices the twin update tagged. */
    public String rebootCondition() {
        return "tags.rollout = '" + wave + "'";
    }

    /** The twin patch: tag the devices with the wave and ask for the new firmware. */
    public String twinPatch() {
        return "{\"tags\":{\"rollout\":\"" + wave + "\"},"
               + "\"properties\":{\"desired\":{\"firmware\":\"" + firmware + "\"}}}";
    }
}
