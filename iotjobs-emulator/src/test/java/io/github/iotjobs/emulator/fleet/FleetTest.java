/*
 * Licensed to the Apache Software Foundation (ASF) under one or more contributor license agreements; and to You
 * under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance with the
 * License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.iotjobs.emulator.fleet;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.IntStream;

import io.github.iotjobs.emulator.json.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class FleetTest {

    @Test
    void generatesVariedTags() {
        Fleet fleet = new Fleet();
        FleetGenerator.generate(fleet, 50, 0.2, 1);
        assertThat(fleet.size()).isEqualTo(50);
        assertThat(fleet.all()).extracting(t -> t.tags().get("building").asText()).containsOnly("b1", "b2", "b3",
                "b4", "b5");
        assertThat(fleet.all()).extracting(t -> t.tags().get("region").asText()).hasSize(50)
                .contains("eu-west", "us-east", "ap-south");
        assertThat(fleet.all()).filteredOn(t -> !t.connected()).isNotEmpty();
    }

    @Test
    void patchMergesAndBumpsVersions() {
        Fleet fleet = new Fleet();
        FleetGenerator.generate(fleet, 1, 0, 1);
        DeviceTwin before = fleet.twin("device-000000").orElseThrow();
        DeviceTwin after = fleet.patch("device-000000", Json.object().put("floor", 9).putNull("model"),
                Json.object().put("fw", "2.0")).orElseThrow();
        assertThat(after.version()).isEqualTo(before.version() + 1);
        assertThat(after.desiredVersion()).isEqualTo(before.desiredVersion() + 1);
        assertThat(after.etag()).isNotEqualTo(before.etag());
        assertThat(after.tags().get("floor").asInt()).isEqualTo(9);
        assertThat(after.tags().has("model")).isFalse();
        assertThat(after.toJson().at("/properties/desired/fw").asText()).isEqualTo("2.0");
        assertThat(after.toJson().at("/properties/desired/$version").asLong()).isEqualTo(after.desiredVersion());
        assertThat(before.tags().has("model")).as("old snapshot untouched").isTrue();
    }

    @Test
    void concurrentPatchesAreNotLost() {
        Fleet fleet = new Fleet();
        FleetGenerator.generate(fleet, 1, 0, 1);
        IntStream.range(0, 400).parallel().forEach(i -> fleet.patch("device-000000", null,
                Json.object().put("k" + i, i)));
        DeviceTwin twin = fleet.twin("device-000000").orElseThrow();
        assertThat(twin.desired().size()).isEqualTo(400);
        assertThat(twin.version()).isEqualTo(401);
    }

    @Test
    void loadsFleetFile(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("fleet.json");
        Files.writeString(file, "{\"devices\":[{\"deviceId\":\"pump-1\",\"tags\":{\"site\":\"north\"},"
                + "\"properties\":{\"desired\":{\"speed\":3,\"$version\":7},\"reported\":{\"speed\":2}},"
                + "\"connectionState\":\"Disconnected\"},{\"deviceId\":\"pump-2\"}]}");
        Fleet fleet = new Fleet();
        FleetFile.load(fleet, file);
        assertThat(fleet.all()).extracting(DeviceTwin::deviceId).isEqualTo(List.of("pump-1", "pump-2"));
        DeviceTwin pump = fleet.twin("pump-1").orElseThrow();
        assertThat(pump.connected()).isFalse();
        assertThat(pump.desired().get("speed").asInt()).isEqualTo(3);
        assertThat(pump.desired().has("$version")).isFalse();
        assertThat(fleet.twin("pump-2").orElseThrow().connected()).isTrue();
    }
}
