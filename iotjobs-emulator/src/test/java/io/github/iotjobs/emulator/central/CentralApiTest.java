/*
 * Licensed to the Apache Software Foundation (ASF) under one or more contributor license agreements; and to You
 * under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance with the
 * License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.iotjobs.emulator.central;

import java.net.http.HttpResponse;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.iotjobs.emulator.IotJobsEmulator;
import io.github.iotjobs.emulator.IotJobsEmulatorExtension;
import io.github.iotjobs.emulator.http.Fault;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;

/** IoT Central auth, error shape, request validation and device groups. */
class CentralApiTest {

    @RegisterExtension
    static IotJobsEmulatorExtension emulator = new IotJobsEmulatorExtension(IotJobsEmulator.builder().devices(8));

    private static void assertError(HttpResponse<String> response, int status, String code) {
        assertThat(response.statusCode()).isEqualTo(status);
        assertThat(response.headers().firstValue("x-ms-error-code")).contains(code);
        JsonNode error = CentralClient.json(response).get("error");
        assertThat(error.get("code").asText()).isEqualTo(code);
        assertThat(error.get("message").asText()).isNotBlank();
        assertThat(error.get("requestId").asText()).isNotBlank();
        assertThat(ZonedDateTime.parse(error.get("time").asText(), DateTimeFormatter.RFC_1123_DATE_TIME)).isNotNull();
    }

    @Test
    void apiTokenAndBearerAreAcceptedAndBadCredentialsRefused(IotJobsEmulator emu) {
        CentralClient client = new CentralClient(emu);
        assertThat(emu.apiToken()).matches("SharedAccessSignature sr=[^&]+&sig=[^&]+&skn=operator-token&se=\\d{13}");
        assertThat(client.send("GET", "/jobs", null).statusCode()).isEqualTo(200);
        client.authorization = "Bearer eyJ0eXAi.payload.sig";
        assertThat(client.send("GET", "/jobs", null).statusCode()).isEqualTo(200);
        client.authorization = null;
        assertError(client.send("GET", "/jobs", null), 401, "Unauthorized");
        client.authorization = emu.apiToken().replaceFirst("sig=.", "sig=A");
        client.authorization = client.authorization.equals(emu.apiToken())
                ? emu.apiToken().replaceFirst("sig=.", "sig=B") : client.authorization;
        assertError(client.send("GET", "/jobs", null), 401, "Unauthorized");
        client.authorization = emu.apiToken().replace("skn=operator-token", "skn=other");
        assertError(client.send("GET", "/jobs", null), 401, "Unauthorized");
        client.authorization = "SharedAccessSignature sr=x&sig=y&skn=operator-token&se=1000";
        assertError(client.send("GET", "/jobs", null), 401, "Unauthorized");
    }

    @Test
    void errorsHaveTheCentralShape(IotJobsEmulator emu) {
        CentralClient client = new CentralClient(emu);
        assertError(client.send("GET", "/jobs/missing", null), 404, "NotFound");
        assertError(client.send("GET", emu.baseUrl() + "/api/jobs", null), 400, "BadRequest");
        assertError(client.send("GET", "/jobs/bad%20id", null), 400, "BadRequest");
        assertError(client.send("PUT", "/jobs/j", "{\"group\":\"all-devices\",\"data\":[]}"), 422, "InvalidBody");
        assertError(client.send("PUT", "/jobs/j", "{\"group\":\"nope\",\"data\":[{\"type\":\"command\","
                + "\"target\":\"t\",\"path\":\"p\"}]}"), 422, "InvalidBody");
        assertError(client.send("PUT", "/jobs/j", "{\"group\":\"all-devices\",\"data\":[{\"type\":\"command\","
                + "\"target\":\"t\",\"path\":\"p\"},{\"type\":\"property\",\"target\":\"t\",\"path\":\"p\","
                + "\"value\":1}]}"), 422, "InvalidBody");
        assertError(client.send("PUT", "/jobs/j", CentralClient.commandJob("all-devices",
                "{\"type\":\"percentage\",\"value\":150}", null)), 422, "InvalidBody");
        assertError(client.send("PUT", "/jobs/j", "not json"), 400, "BadRequest");
        assertError(client.send("PUT", "/deviceGroups/g", "{\"displayName\":\"g\",\"filter\":\"SELECT * FROM x\"}"),
                422, "InvalidBody");
    }

    @Test
    void injectedFaultsOnCentralPathsTakeTheCentralShape(IotJobsEmulator emu) {
        CentralClient client = new CentralClient(emu);
        emu.injectFault(Fault.status(429).retryAfterSeconds(3).onPath("/api/jobs").times(1));
        HttpResponse<String> throttled = client.send("GET", "/jobs", null);
        assertError(throttled, 429, "ThrottlingException");
        assertThat(throttled.headers().firstValue("Retry-After")).contains("3");
        assertThat(client.send("GET", "/jobs", null).statusCode()).isEqualTo(200);
    }

    @Test
    void deviceGroupsEvaluateTheirFilterOverTheFleet(IotJobsEmulator emu) {
        CentralClient client = new CentralClient(emu);
        client.group("sensors", "SELECT * FROM devices WHERE $template = \"dtmi:iotjobs:sensor-x;1\" AND "
                + "$provisioned = true AND $simulated = true");
        JsonNode members = client.ok("GET", "/deviceGroups/sensors/devices", null);
        assertThat(members.get("value")).extracting(d -> d.get("id").asText())
                .containsExactly("device-000002", "device-000006");
        assertThat(members.at("/value/0/template").asText()).isEqualTo("dtmi:iotjobs:sensor-x;1");
        client.group("not-sensors", "SELECT * FROM devices WHERE $template != 'dtmi:iotjobs:sensor-x;1'");
        assertThat(client.ok("GET", "/deviceGroups/not-sensors/devices", null).get("value")).hasSize(6);
        assertThat(client.ok("GET", "/deviceGroups", null).get("value")).extracting(g -> g.get("id").asText())
                .contains("all-devices", "sensors", "not-sensors");
        assertThat(client.send("DELETE", "/deviceGroups/not-sensors", null).statusCode()).isEqualTo(204);
        assertThat(client.send("GET", "/deviceGroups/not-sensors", null).statusCode()).isEqualTo(404);
    }
}
