/*
 * Licensed to the Apache Software Foundation (ASF) under one or more contributor license agreements; and to You
 * under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance with the
 * License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.iotjobs.camel.manager;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.iotjobs.camel.IotJobsConstants;
import io.github.iotjobs.camel.IotJobsOperationFailedException;
import io.github.iotjobs.camel.model.DeviceJob;
import io.github.iotjobs.camel.model.IotJob;
import io.github.iotjobs.camel.model.JobStatus;
import io.github.iotjobs.emulator.IotJobsEmulator;
import io.github.iotjobs.emulator.ManualClock;
import org.apache.camel.Exchange;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Every manager operation and every NOW form of from/to against the emulator, whose manager and hub APIs share one
 * job engine; and the consumer on manager. The emulator clock starts two days before the real now, because the
 * component reads NOW (and the default start time) from the real clock.
 */
class ManagerEmulatorTest extends CamelTestSupport {

    private final Instant realStart = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    private final ManualClock clock = new ManualClock(realStart.minus(Duration.ofDays(2)));
    private final IotJobsEmulator emulator = IotJobsEmulator.builder().devices(4).clock(clock).autoTick(false).noThrottling()
            .start();
    private final List<String> events = new CopyOnWriteArrayList<>();

    @AfterEach
    void stopEmulator() {
        emulator.close();
    }

    private String options() {
        return "baseUrl=" + emulator.baseUrl() + "&maxRetries=0";
    }

    @Override
    protected RoutesBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("iotjobs:manager?" + options() + "&delay=20&initialDelay=0&deviceEvents=true").routeId("events")
                        .process(e -> events.add(e.getMessage().getHeader(IotJobsConstants.JOB_ID) + " "
                                                 + e.getMessage().getHeader(IotJobsConstants.EVENT_TYPE) + " "
                                                 + e.getMessage().getHeader(IotJobsConstants.JOB_STATUS)));
            }
        };
    }

    private String hub(String operation) {
        return "iotjobs:hub?operation=" + operation + "&connectionString=RAW(" + emulator.connectionString()
               + ")&" + options();
    }

    private Exchange call(String uri, Object body, Map<String, Object> headers) {
        return template.request(uri, e -> {
            e.getMessage().setBody(body);
            e.getMessage().setHeaders(new HashMap<>(headers));
        });
    }

    private <T> T ok(String operation, Object body, Map<String, Object> headers, Class<T> type) {
        Exchange exchange = call("iotjobs:manager?operation=" + operation + "&" + options(), body, headers);
        assertThat(exchange.getException()).as(operation).isNull();
        return exchange.getMessage().getBody(type);
    }

    private List<String> listed(Map<String, Object> headers) {
        List<String> ids = new ArrayList<>();
        for (Object job : ok("listJobs", null, headers, List.class)) {
            ids.add(((IotJob) job).jobId());
        }
        return ids;
    }

    private List<String> rows(String jobId, String status) {
        Map<String, Object> headers = new HashMap<>(Map.of(IotJobsConstants.JOB_ID, jobId));
        if (status != null) {
            headers.put(IotJobsConstants.DEVICE_JOB_STATUS, status);
        }
        List<String> rows = new ArrayList<>();
        @SuppressWarnings("unchecked")
        Iterator<DeviceJob> it = ok("listJobDevices", null, headers, Iterator.class);
        it.forEachRemaining(r -> rows.add(r.deviceId() + "=" + r.status()));
        return rows;
    }

    /** The emulator's now an hour past the real now, so that jobs starting at the real now start at once. */
    private void clockAheadOfRealNow() {
        clock.advance(Duration.ofDays(2).plusHours(1));
    }

    @Test
    void everyOperationOverTheSharedEngine() {
        clockAheadOfRealNow();
        emulator.setConnected("device-000003", false);
        IotJob reboot = ok("scheduleDeviceMethod", "{\"delay\":1}", Map.of(IotJobsConstants.JOB_ID, "reboot-1",
                IotJobsConstants.METHOD_NAME, "reboot", IotJobsConstants.QUERY_CONDITION, "*",
                IotJobsConstants.METHOD_CONNECT_TIMEOUT, 5), IotJob.class);
        assertThat(reboot.platform()).isEqualTo("manager");
        assertThat(reboot.type()).isEqualTo("scheduleDeviceMethod");
        assertThat(reboot.status()).isEqualTo(JobStatus.queued);
        assertThat(reboot.details().get("MaxExecutionTimeInSeconds").asLong()).isEqualTo(3600);
        // The hub API sees the same job.
        Exchange viaHub = call(hub("getJob"), null, Map.of(IotJobsConstants.JOB_ID, "reboot-1"));
        assertThat(viaHub.getException()).isNull();
        assertThat(viaHub.getMessage().getBody(IotJob.class).details().at("/cloudToDeviceMethod/payload/delay")
                .asInt()).isEqualTo(1);

        emulator.advance(Duration.ofSeconds(1));
        emulator.advance(Duration.ofSeconds(10));
        IotJob done = ok("getJob", null, Map.of(IotJobsConstants.JOB_ID, "reboot-1"), IotJob.class);
        assertThat(done.status()).isEqualTo(JobStatus.completed);
        assertThat(done.endTime()).isEqualTo(clock.instant());
        assertThat(done.statistics().deviceCount()).isEqualTo(4);
        assertThat(done.statistics().failedCount()).isEqualTo(1);
        assertThat(rows("reboot-1", null)).hasSize(4).contains("device-000003=failed", "device-000000=completed");
        assertThat(rows("reboot-1", "failed")).containsExactly("device-000003=failed");
        assertThat(rows("reboot-1", "completed")).hasSize(3);

        IotJob twin = ok("scheduleTwinUpdate", "{\"tags\":{\"floor\":\"9F\"},\"properties\":{\"desired\":"
                + "{\"fw\":\"3.0\"}}}", Map.of(IotJobsConstants.JOB_ID, "floor-9",
                IotJobsConstants.QUERY_CONDITION, "deviceId = 'device-000001'"), IotJob.class);
        assertThat(twin.type()).isEqualTo("scheduleUpdateTwin");
        emulator.advance(Duration.ofSeconds(1));
        assertThat(emulator.twin("device-000001").orElseThrow().tags().get("floor").asText()).isEqualTo("9F");
        assertThat(emulator.twin("device-000001").orElseThrow().desired().get("fw").asText()).isEqualTo("3.0");

        // A job created through the hub API, listed through the manager API.
        Exchange hubJob = call(hub("scheduleDeviceMethod"), null, Map.of(
                IotJobsConstants.JOB_ID, "later-1", IotJobsConstants.METHOD_NAME, "reboot",
                IotJobsConstants.QUERY_CONDITION, "*", IotJobsConstants.START_TIME, "NOW+P30D"));
        assertThat(hubJob.getException()).isNull();
        assertThat(listed(Map.of())).containsExactlyInAnyOrder("reboot-1", "floor-9", "later-1");
        assertThat(listed(Map.of(IotJobsConstants.JOB_TYPE, "scheduleUpdateTwin"))).containsExactly("floor-9");
        assertThat(listed(Map.of(IotJobsConstants.JOB_STATUS, "scheduled"))).containsExactly("later-1");
        assertThat(listed(Map.of(IotJobsConstants.JOB_TYPE, "scheduleDeviceMethod", IotJobsConstants.JOB_STATUS,
                "completed"))).containsExactly("reboot-1");
        // Enum headers as the manager's numbers: JobType 4, JobStatus 3 and 6, DeviceJobStatus 4.
        assertThat(listed(Map.of(IotJobsConstants.JOB_TYPE, "4"))).containsExactly("floor-9");
        assertThat(listed(Map.of(IotJobsConstants.JOB_TYPE, "3", IotJobsConstants.JOB_STATUS, "3")))
                .containsExactly("reboot-1");
        assertThat(listed(Map.of(IotJobsConstants.JOB_STATUS, 6))).containsExactly("later-1");
        assertThat(rows("reboot-1", "4")).containsExactly("device-000003=failed");

        JsonNode properties = ok("getDeviceProperties", null, Map.of(), JsonNode.class);
        assertThat(properties.get("Tags")).extracting(JsonNode::asText).contains("floor");

        Exchange missing = call("iotjobs:manager?operation=getJob&" + options(), null,
                Map.of(IotJobsConstants.JOB_ID, "nope"));
        IotJobsOperationFailedException e = missing.getException(IotJobsOperationFailedException.class);
        assertThat(e.getStatusCode()).isEqualTo(404);
        assertThat(e.getErrorCode()).isEqualTo("ResourceNotFoundException");
        Exchange duplicate = call("iotjobs:manager?operation=scheduleDeviceMethod&methodName=reboot&queryCondition=*&"
                                  + options(), null, Map.of(IotJobsConstants.JOB_ID, "reboot-1"));
        assertThat(duplicate.getException(IotJobsOperationFailedException.class).getStatusCode()).isEqualTo(409);
        Exchange withToken = call("iotjobs:manager?operation=getJob&accessToken=RAW(aad)&" + options(), null,
                Map.of(IotJobsConstants.JOB_ID, "floor-9"));
        assertThat(withToken.getException()).isNull();
    }

    @Test
    void everyNowFormOfFromAndTo() {
        ok("scheduleTwinUpdate", "{\"tags\":{\"age\":\"old\"}}", Map.of(IotJobsConstants.JOB_ID, "old",
                IotJobsConstants.QUERY_CONDITION, "*"), IotJob.class);
        clock.advance(Duration.ofDays(2)); // the emulator's now is the real start now
        ok("scheduleTwinUpdate", "{\"tags\":{\"age\":\"new\"}}", Map.of(IotJobsConstants.JOB_ID, "recent",
                IotJobsConstants.QUERY_CONDITION, "*", IotJobsConstants.START_TIME, "NOW"), IotJob.class);

        assertThat(listed(Map.of(IotJobsConstants.FROM, "NOW-P1D"))).containsExactly("recent");
        assertThat(listed(Map.of(IotJobsConstants.TO, "NOW-P1D"))).containsExactly("old");
        assertThat(listed(Map.of(IotJobsConstants.FROM, "NOW-P3D", IotJobsConstants.TO, "NOW")))
                .containsExactlyInAnyOrder("old", "recent");
        assertThat(listed(Map.of(IotJobsConstants.FROM, "NOW+PT10M"))).isEmpty();
        assertThat(listed(Map.of(IotJobsConstants.TO, "NOW+PT10M"))).containsExactlyInAnyOrder("old", "recent");
        assertThat(listed(Map.of(IotJobsConstants.FROM, "NOW-P1DT12H", IotJobsConstants.TO, "NOW-PT1H")))
                .isEmpty();
        String dayAgo = realStart.minus(Duration.ofDays(1)).atOffset(ZoneOffset.ofHours(2)).toString();
        assertThat(dayAgo).endsWith("+02:00");
        assertThat(listed(Map.of(IotJobsConstants.FROM, dayAgo))).containsExactly("recent");
        assertThat(listed(Map.of(IotJobsConstants.TO, dayAgo))).containsExactly("old");
        // The same forms as endpoint options.
        List<?> viaOption = template.requestBody("iotjobs:manager?operation=listJobs&from=NOW-P1D&to=NOW%2BPT10M&"
                                                 + options(), null, List.class);
        assertThat(viaOption).extracting(j -> ((IotJob) j).jobId()).containsExactly("recent");
    }

    @Test
    void consumerEmitsManagerJobTransitions() {
        clockAheadOfRealNow();
        emulator.setConnected("device-000002", false);
        ok("scheduleDeviceMethod", null, Map.of(IotJobsConstants.JOB_ID, "watched", IotJobsConstants.METHOD_NAME,
                "reboot", IotJobsConstants.QUERY_CONDITION, "*", IotJobsConstants.METHOD_CONNECT_TIMEOUT, 5),
                IotJob.class);
        await().atMost(Duration.ofSeconds(10)).until(() -> events.contains("watched jobCreated queued"));
        emulator.advance(Duration.ofSeconds(1));
        await().atMost(Duration.ofSeconds(10)).until(() -> events.contains("watched statusChanged running"));
        emulator.advance(Duration.ofSeconds(10));
        await().atMost(Duration.ofSeconds(10)).until(() -> events.contains("watched statusChanged completed"));
        await().atMost(Duration.ofSeconds(10)).until(() -> events.stream().filter(e -> e.contains("deviceCompleted"))
                .count() == 4);
        assertThat(events).filteredOn(e -> e.contains("jobCreated")).hasSize(1);
    }
}
