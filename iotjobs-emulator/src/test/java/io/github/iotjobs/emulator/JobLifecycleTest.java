/*
 * Licensed to the Apache Software Foundation (ASF) under one or more contributor license agreements; and to You
 * under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance with the
 * License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.iotjobs.emulator;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.iotjobs.emulator.engine.MethodBehavior;
import io.github.iotjobs.emulator.fleet.DeviceTwin;
import io.github.iotjobs.emulator.json.Json;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Job lifecycle over real HTTP, with a manual clock and explicit ticks: no sleeping, fully deterministic. */
class JobLifecycleTest {

    private static final Instant T0 = Instant.parse("2026-01-10T08:00:00Z");

    private final ManualClock clock = new ManualClock(T0);
    private IotJobsEmulator emulator;
    private HubClient hub;

    @BeforeEach
    void start() {
        // S2's five concurrent jobs; device operations fast enough that each tick finishes what is due.
        emulator = IotJobsEmulator.builder().devices(20).clock(clock).autoTick(false).tier(Tier.S2)
                .throttle("deviceOps", "1000/sec")
                .method("reboot", MethodBehavior.ok().withLatency(Duration.ofSeconds(10))
                        .withResponse(200, Json.object().put("rebooted", true)))
                .method("flaky", MethodBehavior.ok().withFailureRate(1.0))
                .method("transient", MethodBehavior.ok().withFailFirst("device-000001", 1)
                        .withFailFirst("device-000002", Integer.MAX_VALUE))
                .start();
        hub = new HubClient(emulator);
    }

    @AfterEach
    void stop() {
        emulator.close();
    }

    @Test
    void twinJobRunsAndChangesTwins() {
        DeviceTwin before = emulator.twin("device-000001").orElseThrow();
        HttpResponse<String> created = hub.createJob("fw-rollout", HubClient.twinJob("fw-rollout",
                "tags.building = 'b2'", "{\"firmware\":\"2.1.0\"}"));
        assertThat(created.statusCode()).isEqualTo(200);
        JsonNode sparse = HubClient.json(created);
        assertThat(sparse.get("jobId").asText()).isEqualTo("fw-rollout");
        assertThat(sparse.get("type").asText()).isEqualTo("scheduleUpdateTwin");
        assertThat(sparse.get("status").asText()).isEqualTo("queued");
        assertThat(sparse.size()).isEqualTo(3);

        JsonNode queued = hub.getJob("fw-rollout");
        assertThat(queued.has("endTime")).isFalse();

        emulator.tick();
        JsonNode done = hub.getJob("fw-rollout");
        assertThat(done.get("status").asText()).isEqualTo("completed");
        assertThat(done.get("endTime").asText()).isEqualTo("2026-01-10T08:00:00.000Z");
        JsonNode stats = done.get("deviceJobStatistics");
        assertThat(stats.get("deviceCount").asInt()).isEqualTo(4);
        assertThat(stats.get("succeededCount").asInt()).isEqualTo(4);
        assertThat(stats.get("pendingCount").asInt() + stats.get("runningCount").asInt()
                + stats.get("failedCount").asInt()).isZero();

        DeviceTwin after = emulator.twin("device-000001").orElseThrow();
        assertThat(after.desired().get("firmware").asText()).isEqualTo("2.1.0");
        assertThat(after.version()).isEqualTo(before.version() + 1);
        assertThat(after.etag()).isNotEqualTo(before.etag());
        assertThat(emulator.twin("device-000000").orElseThrow().desired().has("firmware")).isFalse();

        JsonNode rows = HubClient.json(hub.query("SELECT * FROM devices.jobs WHERE devices.jobs.jobId = 'fw-rollout'"
                + " AND devices.jobs.status = 'completed'"));
        assertThat(rows).hasSize(4);
        JsonNode row = rows.get(0);
        assertThat(row.get("jobType").asText()).isEqualTo("scheduleUpdateTwin");
        for (String field : new String[] {"deviceId", "jobId", "status", "startTimeUtc", "endTimeUtc",
            "createdDateTimeUtc", "lastUpdatedDateTimeUtc", "outcome"}) {
            assertThat(row.has(field)).as(field).isTrue();
        }
        JsonNode twins = HubClient.json(hub.query("SELECT * FROM devices WHERE properties.desired.firmware = '2.1.0'"));
        assertThat(twins).hasSize(4);
    }

    @Test
    void methodJobWithLatencyRunsThenCompletes() {
        hub.createJob("reboot-all", HubClient.methodJob("reboot-all", "*", "reboot", null, 3600));
        emulator.tick();
        JsonNode running = hub.getJob("reboot-all");
        assertThat(running.get("status").asText()).isEqualTo("running");
        assertThat(running.at("/deviceJobStatistics/runningCount").asInt()).isEqualTo(20);
        assertThat(running.has("endTime")).isFalse();

        HttpResponse<String> cancel = hub.send("POST", "/jobs/v2/reboot-all/cancel?" + HubClient.API, "{}");
        assertThat(cancel.statusCode()).isEqualTo(400);
        assertThat(cancel.headers().firstValue("iothub-errorcode")).contains("OperationNotAllowedInCurrentState");
        assertThat(HubClient.json(cancel).get("Message").asText()).isEqualTo(
                "ErrorCode:OperationNotAllowedInCurrentState;Job cannot be cancelled in 'Running' status.");

        emulator.advance(Duration.ofSeconds(10));
        JsonNode done = hub.getJob("reboot-all");
        assertThat(done.get("status").asText()).isEqualTo("completed");
        assertThat(done.at("/deviceJobStatistics/succeededCount").asInt()).isEqualTo(20);
        JsonNode rows = HubClient.json(hub.query("select * from devices.jobs where devices.jobs.jobId = 'reboot-all'"));
        assertThat(rows.get(0).at("/outcome/deviceMethodResponse/status").asInt()).isEqualTo(200);
        assertThat(rows.get(0).at("/outcome/deviceMethodResponse/payload/rebooted").asBoolean()).isTrue();
    }

    @Test
    void scheduledJobWaitsForStartTimeAndCanBeCancelled() {
        String later = "2026-01-10T09:00:00.000Z";
        JsonNode created = HubClient.json(hub.createJob("later", HubClient.methodJob("later", "*", "reboot", later,
                60)));
        assertThat(created.get("status").asText()).isEqualTo("scheduled");
        hub.createJob("later2", HubClient.methodJob("later2", "*", "reboot", later, 60));
        emulator.advance(Duration.ofMinutes(59));
        assertThat(hub.getJob("later").get("status").asText()).isEqualTo("scheduled");

        HttpResponse<String> cancelled = hub.send("POST", "/jobs/v2/later/cancel?" + HubClient.API, null);
        assertThat(cancelled.statusCode()).isEqualTo(200);
        assertThat(HubClient.json(cancelled).get("status").asText()).isEqualTo("cancelled");

        emulator.advance(Duration.ofMinutes(1));
        assertThat(hub.getJob("later").get("status").asText()).isEqualTo("cancelled");
        assertThat(hub.getJob("later2").get("status").asText()).isEqualTo("running");
    }

    @Test
    void maxExecutionTimeFailsRemainingDevices() {
        hub.createJob("slow", HubClient.methodJob("slow", "*", "reboot", null, 5));
        emulator.tick();
        emulator.advance(Duration.ofSeconds(5));
        JsonNode job = hub.getJob("slow");
        assertThat(job.get("status").asText()).isEqualTo("completed");
        assertThat(job.at("/deviceJobStatistics/failedCount").asInt()).isEqualTo(20);
        assertThat(job.at("/deviceJobStatistics/deviceCount").asInt()).isEqualTo(20);
        JsonNode rows = HubClient.json(hub.query("SELECT * FROM devices.jobs WHERE devices.jobs.jobId = 'slow'"));
        assertThat(rows.get(0).get("status").asText()).isEqualTo("failed");
        assertThat(rows.get(0).at("/error/code").asText()).isEqualTo("JobTimeout");
    }

    @Test
    void offlineDevicesAndFailingMethodsFail() {
        emulator.setConnected("device-000003", false);
        hub.createJob("ping", HubClient.methodJob("ping", "deviceId IN ['device-000003', 'device-000004']", "ping",
                null, 60));
        hub.createJob("flaky", HubClient.methodJob("flaky", "deviceId = 'device-000005'", "flaky", null, 60));
        emulator.tick();
        JsonNode rows = HubClient.json(hub.query("SELECT * FROM devices.jobs WHERE devices.jobs.jobId = 'ping'"
                + " AND devices.jobs.status = 'failed'"));
        assertThat(rows).hasSize(1);
        assertThat(rows.get(0).get("deviceId").asText()).isEqualTo("device-000003");
        assertThat(rows.get(0).at("/error/code").asText()).isEqualTo("GatewayTimeout");
        assertThat(rows.get(0).at("/error/description").asText())
                .isEqualTo("Timed out waiting for the response from device.");
        assertThat(hub.getJob("ping").at("/deviceJobStatistics/succeededCount").asInt()).isEqualTo(1);
        assertThat(hub.getJob("flaky").at("/deviceJobStatistics/failedCount").asInt()).isEqualTo(1);
    }

    @Test
    void scriptedDevicesFailTheirFirstCallsThenAnswer() {
        String condition = "deviceId IN ['device-000001','device-000002','device-000004']";
        for (String id : new String[] {"device-000001", "device-000002", "device-000004"}) {
            emulator.setConnected(id, true);
        }
        hub.createJob("t1", HubClient.methodJob("t1", condition, "transient", null, 60));
        emulator.tick();
        assertThat(failedDevices("t1")).containsExactlyInAnyOrder("device-000001", "device-000002");

        hub.createJob("t2", HubClient.methodJob("t2", condition, "transient", null, 60));
        emulator.tick();
        assertThat(failedDevices("t2")).containsExactly("device-000002");
        assertThat(hub.getJob("t2").at("/deviceJobStatistics/succeededCount").asInt()).isEqualTo(2);
    }

    private List<String> failedDevices(String jobId) {
        List<String> ids = new ArrayList<>();
        HubClient.json(hub.query("SELECT * FROM devices.jobs WHERE devices.jobs.jobId = '" + jobId
                + "' AND devices.jobs.status = 'failed'")).forEach(row -> ids.add(row.get("deviceId").asText()));
        return ids;
    }

    @Test
    void badConditionFailsTheJobAtExecution() {
        hub.createJob("bad", HubClient.methodJob("bad", "SELECT * FROM devices", "reboot", null, 60));
        emulator.tick();
        JsonNode job = hub.getJob("bad");
        assertThat(job.get("status").asText()).isEqualTo("failed");
        assertThat(job.get("failureReason").asText()).startsWith("SQL query parse failed");
    }

    @Test
    void concurrencyLimitAnswers429() {
        for (int i = 0; i < 5; i++) {
            assertThat(hub.createJob("c" + i, HubClient.methodJob("c" + i, "*", "reboot", null, 60)).statusCode())
                    .isEqualTo(200);
        }
        HttpResponse<String> throttled = hub.createJob("c5", HubClient.methodJob("c5", "*", "reboot", null, 60));
        assertThat(throttled.statusCode()).isEqualTo(429);
        assertThat(throttled.headers().firstValue("iothub-errorcode")).contains("ThrottlingMaxActiveJobCountExceeded");
        assertThat(HubClient.json(throttled).get("Message").asText())
                .startsWith("ErrorCode:ThrottlingMaxActiveJobCountExceeded;");
        emulator.tick();
        emulator.advance(Duration.ofSeconds(10));
        assertThat(hub.createJob("c5", HubClient.methodJob("c5", "*", "reboot", null, 60)).statusCode())
                .isEqualTo(200);
    }

    @Test
    void historyExpiresAfterThirtyDays() {
        hub.createJob("old", HubClient.twinJob("old", "*", "{\"x\":1}"));
        emulator.tick();
        emulator.advance(Duration.ofDays(29));
        assertThat(hub.getJob("old").get("status").asText()).isEqualTo("completed");
        emulator.advance(Duration.ofDays(1));
        HttpResponse<String> gone = hub.send("GET", "/jobs/v2/old?" + HubClient.API, null);
        assertThat(gone.statusCode()).isEqualTo(404);
        assertThat(gone.headers().firstValue("iothub-errorcode")).contains("JobNotFound");
        // Past retention the id is free again: a new job, not the old one.
        assertThat(hub.createJob("old", HubClient.twinJob("old", "*", "{\"x\":2}")).statusCode()).isEqualTo(200);
        assertThat(hub.getJob("old").get("createdTime").asText()).isEqualTo("2026-02-09T08:00:00.000Z");
    }

    @Test
    void validationErrorsUseShapeA() {
        assertError(hub.createJob("bad_id", HubClient.twinJob("bad_id", "*", "{\"x\":1}")), 400, "ArgumentInvalid");
        assertError(hub.createJob("x".repeat(65), HubClient.twinJob("x".repeat(65), "*", "{\"x\":1}")), 400,
                "ArgumentInvalid");
        assertError(hub.createJob("t1", HubClient.twinJob("t1", "*", "{\"x\":1}").replace("\"*\",\"tags\"",
                "\"AAAA\",\"tags\"")), 400, "ArgumentInvalid");
        assertError(hub.createJob("t2", HubClient.methodJob("t2", "*", "m", null, 60).replace("200,", "301,")),
                400, "ArgumentInvalid");
        assertError(hub.createJob("t3", HubClient.methodJob("t3", "*", "m", null, 60).replace("200,", "4,")),
                400, "ArgumentInvalid");
        String big = "{\"jobId\":\"t4\",\"type\":\"scheduleDeviceMethod\",\"cloudToDeviceMethod\":{\"methodName\":"
                + "\"m\",\"payload\":\"" + "a".repeat(130 * 1024) + "\"},\"queryCondition\":\"*\"}";
        assertError(hub.createJob("t4", big), 400, "ArgumentInvalid");
        assertError(hub.createJob("t5", "{\"type\":\"scheduleDirectMethod\",\"queryCondition\":\"*\"}"), 400,
                "GenericBadRequest");
        assertError(hub.createJob("t6", "not json"), 400, "IotHubFormatError");
        assertError(hub.send("GET", "/jobs/v2/t1", null), 400, "InvalidProtocolVersion");
        assertError(hub.send("GET", "/jobs/v2/nope?" + HubClient.API, null), 404, "JobNotFound");
        assertThat(hub.createJob("dup", HubClient.twinJob("dup", "*", "{\"x\":1}")).statusCode()).isEqualTo(200);
        assertError(hub.createJob("dup", HubClient.twinJob("dup", "*", "{\"x\":1}")), 409, "JobAlreadyExists");
        assertError(hub.query("SELECT * FROM devices WHERE tags.x = "), 400, "ArgumentInvalid");
    }

    @Test
    void acceptsUnknownFieldsNullsAndCaseInsensitiveFilters() {
        String body = HubClient.methodJob("extra", "*", "reboot", null, 60)
                .replace("{\"jobId\"", "{\"maxExecutionTimeSeconds\":9,\"somethingNew\":{\"a\":[1]},\"jobId\"");
        assertThat(hub.createJob("extra", body).statusCode()).isEqualTo(200);
        JsonNode jobs = HubClient.json(hub.send("GET", "/jobs/v2/query?jobType=ScheduleDeviceMethod&jobStatus=Queued&"
                + HubClient.API, null));
        assertThat(jobs).hasSize(1);
        HttpResponse<String> typed = hub.send("GET", "/jobs/v2/query?jobType=scheduleUpdateTwin&" + HubClient.API,
                null);
        assertThat(HubClient.json(typed)).isEmpty();
        assertThat(typed.headers().firstValue("x-ms-item-type")).contains("JobResponse");
        assertThat(typed.headers().firstValue("x-ms-continuation")).isEmpty();
        assertThat(HubClient.json(hub.send("GET", "/jobs/v2/query?jobType=Export&jobStatus=Enqueued&" + HubClient.API,
                null))).isEmpty();
        assertThat(hub.send("GET", "/jobs/v2/query?jobStatus=pending&" + HubClient.API, null).statusCode())
                .isEqualTo(400);
    }

    private static void assertError(HttpResponse<String> response, int status, String code) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("iothub-errorcode")).contains(code);
        JsonNode body = HubClient.json(response);
        assertThat(body.get("Message").asText()).startsWith("ErrorCode:" + code + ";");
        assertThat(body.get("ExceptionMessage").asText()).startsWith("Tracking ID:");
    }
}
