/*
 * Licensed to the Apache Software Foundation (ASF) under one or more contributor license agreements; and to You
 * under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance with the
 * License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.iotjobs.emulator.query;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.iotjobs.emulator.fleet.DeviceTwin;
import io.github.iotjobs.emulator.json.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ConditionTest {

    private final DeviceTwin twin = twin();

    private static DeviceTwin twin() {
        ObjectNode tags = Json.object();
        tags.put("building", "b2");
        tags.put("floor", 3);
        tags.putNull("retired");
        tags.putObject("location").put("region", "eu-west");
        ObjectNode reported = Json.object();
        reported.put("firmware", "1.2.0");
        reported.put("temperature", 21.5);
        return new DeviceTwin("device-7", tags, Json.object(), reported, true);
    }

    private boolean eval(String condition) {
        return Condition.parse(condition).test(twin);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "*", " * ", "deviceId = 'device-7'", "DeviceId = \"device-7\"", "DEVICEID='device-7'",
        "tags.building = 'b2' AND tags.floor = 3", "tags.building = 'b9' or tags.floor >= 3",
        "NOT tags.building = 'b9'", "not (tags.floor < 2)", "tags.floor IN [1, 2, 3]",
        "tags.building NIN ['b1', 'b3']", "IS_DEFINED(tags.retired)", "is_defined(tags.building)",
        "NOT IS_DEFINED(tags.nothing)", "tags.floor + 2 = 5", "tags.floor * 2 > 5.5", "tags.floor % 2 = 1",
        "-tags.floor = -3", "tags.location.region = 'eu-west'", "properties.reported.firmware <> '2.0.0'",
        "properties.reported.temperature > 21", "properties.desired.$version = 1", "tags.floor = 0x3",
        "tags.building != 'b1'", "'b2' = tags.building", "tags.retired = null", "tags.floor = 3e0",
        "(tags.floor = 3 AND (deviceId = 'x' OR deviceId = 'device-7'))", "STARTS_WITH(deviceId, 'device-')",
        "tags.building = 'b\\u0032'", "connectionState = 'Connected'", "tags.floor IN [-1, 3]"})
    void matches(String condition) {
        assertThat(eval(condition)).as(condition).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "deviceId = 'device-8'", "tags.Building = 'b2'", "tags.nothing = 'x'", "tags.nothing != 'x'",
        "NOT tags.floor = 3", "tags.floor IN ['3']", "tags.building NIN ['b2']", "IS_DEFINED(tags.nothing)",
        "tags.building > 5", "tags.floor / 0 = 1", "tags.floor", "'text'", "tags.location = tags.location",
        "tags.floor = 3 AND tags.building = 'b1'", "properties.reported.firmware = '1.2.1'", "false", "null"})
    void doesNotMatch(String condition) {
        assertThat(eval(condition)).as(condition).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "", "   ", "deviceId =", "deviceId = 'unterminated", "(deviceId = 'a'", "deviceId = 'a')", "AND x = 1",
        "tags.floor IN 3", "tags.floor IN [1,", "UNKNOWN_FN(deviceId)", "IS_DEFINED('x')", "deviceId == 'a'",
        "tags. = 1", "deviceId = 'a' AND", "#", "SELECT * FROM devices", "1.2.3 = 1", "0x = 1",
        "tags.floor IN [tags.x]", "deviceId = 'a' deviceId = 'b'"})
    void rejectsBadSyntax(String condition) {
        assertThatThrownBy(() -> Condition.parse(condition)).isInstanceOf(QueryException.class)
                .hasMessageStartingWith("Line 1:");
    }

    @Test
    void rejectsDeepNesting() {
        String deep = "(".repeat(200) + "deviceId = 'a'" + ")".repeat(200);
        assertThatThrownBy(() -> Condition.parse(deep)).isInstanceOf(QueryException.class);
    }

    @Test
    void parsesSelectForms() {
        assertThat(SqlQuery.parse("SELECT * FROM devices").source()).isEqualTo(SqlQuery.Source.DEVICES);
        SqlQuery twins = SqlQuery.parse("select * from devices where tags.building = 'b2'");
        assertThat(twins.where().test(twin)).isTrue();
        SqlQuery jobs = SqlQuery.parse(
                "SELECT * FROM devices.jobs WHERE devices.jobs.jobId = 'j1' AND devices.jobs.status = 'completed'");
        assertThat(jobs.source()).isEqualTo(SqlQuery.Source.DEVICE_JOBS);
        ObjectNode row = Json.object().put("jobId", "j1").put("status", "completed");
        assertThat(jobs.where().test(new JsonDocument(row))).isTrue();
        assertThat(jobs.where().test(new JsonDocument(row.deepCopy().put("status", "failed")))).isFalse();
        assertThat(SqlQuery.parse("SELECT deviceId, tags.floor FROM devices").projection())
                .containsExactly("deviceId", "tags.floor");
        assertThatThrownBy(() -> SqlQuery.parse("SELECT deviceId FROM devices.jobs"))
                .isInstanceOf(QueryException.class);
        assertThatThrownBy(() -> SqlQuery.parse("SELECT deviceId, FROM devices")).isInstanceOf(QueryException.class);
        assertThatThrownBy(() -> SqlQuery.parse("SELECT * FROM modules")).isInstanceOf(QueryException.class);
        assertThatThrownBy(() -> SqlQuery.parse("SELECT * FROM devices WHERE")).isInstanceOf(QueryException.class);
    }
}
