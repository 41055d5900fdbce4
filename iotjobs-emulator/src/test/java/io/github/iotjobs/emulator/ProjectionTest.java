/*
 * Licensed to the Apache Software Foundation (ASF) under one or more contributor license agreements; and to You
 * under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance with the
 * License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.iotjobs.emulator;

import java.net.http.HttpResponse;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;

class ProjectionTest {

    @RegisterExtension
    static IotJobsEmulatorExtension extension = new IotJobsEmulatorExtension(IotJobsEmulator.builder().devices(20));

    @Test
    void aProjectionReturnsRawRowsWithCamelCasedSystemNames(IotJobsEmulator emulator) {
        HttpResponse<String> r = new HubClient(emulator)
                .query("SELECT DeviceId, tags.floor FROM devices WHERE tags.building = 'b2'");

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("x-ms-item-type")).contains("Raw");
        JsonNode rows = HubClient.json(r);
        assertThat(rows).hasSize(4);
        for (JsonNode row : rows) {
            assertThat(row.fieldNames()).toIterable().containsExactlyInAnyOrder("deviceId", "floor");
            String deviceId = row.get("deviceId").asText();
            assertThat(row.get("floor").asInt())
                    .isEqualTo(emulator.twin(deviceId).orElseThrow().tags().get("floor").asInt());
        }
    }

    @Test
    void aProjectionOnDeviceJobsIsRefused(IotJobsEmulator emulator) {
        HttpResponse<String> r = new HubClient(emulator).query("SELECT deviceId FROM devices.jobs");

        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.body()).contains("SELECT *");
    }
}
