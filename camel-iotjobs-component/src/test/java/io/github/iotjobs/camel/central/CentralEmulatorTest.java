/*
 * Licensed to the Apache Software Foundation (ASF) under one or more contributor license agreements; and to You
 * under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance with the
 * License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.iotjobs.camel.central;

import java.time.Duration;
import java.time.Instant;
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

/** Every IoT Central operation, and the consumer, against the emulator on a manual clock. */
class CentralEmulatorTest extends CamelTestSupport {

    private final ManualClock clock = new ManualClock(Instant.parse("2026-06-01T08:00:00Z"));
    private final IotJobsEmulator emulator = IotJobsEmulator.builder().devices(6).clock(clock).autoTick(false).noThrottling()
            .start();
    private final List<String> events = new CopyOnWriteArrayList<>();

    @AfterEach
    void stopEmulator() {
        emulator.close();
    }

    private String options() {
        return "baseUrl=" + emulator.baseUrl() + "&apiToken=RAW(" + emulator.apiToken() + ")&maxRetries=0";
    }

    @Override
    protected RoutesBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("iotjobs:central?" + options() + "&delay=20&initialDelay=0&deviceEvents=true").routeId("events")
                        .process(e -> events.add(e.getMessage().getHeader(IotJobsConstants.JOB_ID) + " "
                                                 + e.getMessage().getHeader(IotJobsConstants.EVENT_TYPE) + " "
                                                 + e.getMessage().getHeader(IotJobsConstants.JOB_STATUS)));
            }
        };
    }

    private Exchange call(String operation, Object body, Map<String, Object> headers) {
        Exchange exchange = template.request("iotjobs:central?operation=" + operation + "&pageSize=2&" + options(),
                e -> {
                    e.getMessage().setBody(body);
                    e.getMessage().setHeaders(new HashMap<>(headers));
                });
        return exchange;
    }

    private <T> T ok(String operation, Object body, Map<String, Object> headers, Class<T> type) {
        Exchange exchange = call(operation, body, headers);
        assertThat(exchange.getException()).as(operation).isNull();
        return exchange.getMessage().getBody(type);
    }

    private static final String REBOOT = "{\"displayName\":\"reboot\",\"group\":\"all-devices\","
                                         + "\"batch\":{\"type\":\"number\",\"value\":2},\"data\":[{\"type\":\"command\","
                                         + "\"target\":\"dtmi:iotjobs:sensor-x;1\",\"path\":\"reboot\"}]}";

    @Test
    void jobsStopResumeRerunAndPagedDevices() {
        List<?> groups = ok("listDeviceGroups", null, Map.of(), List.class);
        assertThat(groups).extracting(g -> ((JsonNode) g).get("id").asText()).contains("all-devices");
        emulator.setConnected("device-000003", false);

        IotJob created = ok("createJob", REBOOT, Map.of(IotJobsConstants.JOB_ID, "reboot-1"), IotJob.class);
        assertThat(created.status()).isEqualTo(JobStatus.queued);
        assertThat(created.statistics().deviceCount()).isEqualTo(6);
        emulator.tick();
        emulator.tick();
        Map<String, Object> id = Map.of(IotJobsConstants.JOB_ID, "reboot-1");
        IotJob stopped = ok("stopJob", null, id, IotJob.class);
        assertThat(stopped.status()).isEqualTo(JobStatus.stopped);
        assertThat(stopped.statistics().pendingCount()).isEqualTo(4);
        emulator.tick();
        assertThat(ok("getJob", null, id, IotJob.class).statistics().pendingCount()).isEqualTo(4);
        assertThat(ok("resumeJob", null, id, IotJob.class).status()).isEqualTo(JobStatus.running);
        emulator.tick();
        emulator.tick();
        IotJob finished = ok("getJob", null, id, IotJob.class);
        assertThat(finished.status()).isEqualTo(JobStatus.failed);
        assertThat(finished.statistics().failedCount()).isEqualTo(1);
        assertThat(finished.endTime()).isEqualTo(clock.instant());

        List<String> rows = new ArrayList<>();
        @SuppressWarnings("unchecked")
        Iterator<DeviceJob> it = ok("listJobDevices", null, id, Iterator.class);
        it.forEachRemaining(r -> rows.add(r.deviceId() + "=" + r.status()));
        assertThat(rows).hasSize(6).contains("device-000003=failed", "device-000000=completed");

        emulator.setConnected("device-000003", true);
        IotJob rerun = ok("rerunJob", null, Map.of(IotJobsConstants.JOB_ID, "reboot-1", IotJobsConstants.RERUN_ID,
                "reboot-1-retry"), IotJob.class);
        assertThat(rerun.jobId()).isEqualTo("reboot-1-retry");
        assertThat(rerun.statistics().deviceCount()).isEqualTo(1);
        emulator.tick();
        emulator.tick();
        List<?> jobs = ok("listJobs", null, Map.of(), List.class);
        assertThat(jobs).extracting(j -> ((IotJob) j).jobId() + "=" + ((IotJob) j).status())
                .containsExactly("reboot-1=failed", "reboot-1-retry=completed");
    }

    @Test
    void scheduledJobRunsTwiceThroughTheComponent() {
        Map<String, Object> id = Map.of(IotJobsConstants.JOB_ID, "nightly");
        String definition = "{\"displayName\":\"nightly\",\"group\":\"all-devices\",\"data\":[{\"type\":"
                            + "\"cloudProperty\",\"target\":\"t\",\"path\":\"site\",\"value\":\"north\"}],"
                            + "\"schedule\":{\"start\":\"2026-06-01T09:00:00Z\",\"recurrence\":\"daily\","
                            + "\"end\":{\"type\":\"occurrences\",\"occurrences\":2}}}";
        JsonNode created = ok("createScheduledJob", definition, id, JsonNode.class);
        assertThat(created.get("completed").asBoolean()).isFalse();
        JsonNode updated = ok("updateScheduledJob", "{\"description\":\"every night\"}", id, JsonNode.class);
        assertThat(updated.get("description").asText()).isEqualTo("every night");
        assertThat(ok("listScheduledJobs", null, Map.of(), List.class)).hasSize(1);

        emulator.advance(Duration.ofHours(1));
        emulator.advance(Duration.ofDays(1));
        emulator.advance(Duration.ofDays(1));
        List<?> runs = ok("listScheduledJobRuns", null, id, List.class);
        assertThat(runs).extracting(r -> ((IotJob) r).jobId()).containsExactly("nightly-1", "nightly-2");
        assertThat(ok("getScheduledJob", null, id, JsonNode.class).get("completed").asBoolean()).isTrue();

        assertThat(call("deleteScheduledJob", null, id).getException()).isNull();
        Exchange gone = call("getScheduledJob", null, id);
        assertThat(gone.getException()).isInstanceOf(IotJobsOperationFailedException.class);
        IotJobsOperationFailedException e = (IotJobsOperationFailedException) gone.getException();
        assertThat(e.getStatusCode()).isEqualTo(404);
        assertThat(e.getErrorCode()).isEqualTo("NotFound");
        assertThat(e.getRequestId()).isNotBlank();
    }

    @Test
    void createJobCanWaitForCompletion() {
        try (IotJobsEmulator running = IotJobsEmulator.builder().devices(4).noThrottling().start()) {
            IotJob done = template.requestBodyAndHeader("iotjobs:central?operation=createJob&waitForCompletion=true"
                                                        + "&pollInterval=20&waitTimeout=10000&baseUrl="
                                                        + running.baseUrl() + "&apiToken=RAW(" + running.apiToken()
                                                        + ")", REBOOT, IotJobsConstants.JOB_ID, "waited", IotJob.class);
            assertThat(done.status()).isEqualTo(JobStatus.completed);
            assertThat(done.statistics().succeededCount()).isEqualTo(4);
        }
    }

    @Test
    void badTokenIsRefusedWithTheCentralError() {
        Exchange exchange = template.request("iotjobs:central?operation=listJobs&baseUrl=" + emulator.baseUrl()
                                             + "&maxRetries=0&apiToken=RAW(" + emulator.apiToken()
                                                     .replace("skn=operator-token", "skn=someone") + ")", e -> { });
        IotJobsOperationFailedException e = (IotJobsOperationFailedException) exchange.getException();
        assertThat(e.getStatusCode()).isEqualTo(401);
        assertThat(e.getErrorCode()).isEqualTo("Unauthorized");
        assertThat(e.getMessage()).doesNotContain(emulator.apiToken());
    }

    @Test
    void consumerEmitsCentralJobTransitions() {
        ok("createJob", REBOOT, Map.of(IotJobsConstants.JOB_ID, "watched"), IotJob.class);
        await().atMost(Duration.ofSeconds(10)).until(() -> events.contains("watched jobCreated queued"));
        emulator.tick();
        await().atMost(Duration.ofSeconds(10)).until(() -> events.contains("watched statusChanged running"));
        for (int i = 0; i < 3; i++) {
            emulator.tick();
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> events.contains("watched statusChanged completed"));
        assertThat(events).filteredOn(e -> e.contains("deviceCompleted")).hasSize(6);
    }
}
