/*
 * Licensed to the Apache Software Foundation (ASF) under one or more contributor license agreements; and to You
 * under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance with the
 * License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.iotjobs.camel.hub;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import io.github.iotjobs.camel.IotJobsComponent;
import io.github.iotjobs.camel.IotJobsConfiguration;
import io.github.iotjobs.camel.IotJobsConstants;
import io.github.iotjobs.camel.IotJobsOperationFailedException;
import io.github.iotjobs.camel.model.DeviceJob;
import io.github.iotjobs.camel.model.DeviceJobStatus;
import io.github.iotjobs.camel.model.IotJob;
import io.github.iotjobs.camel.model.JobStatus;
import io.github.iotjobs.emulator.IotJobsEmulator;
import io.github.iotjobs.emulator.IotJobsEmulatorExtension;
import io.github.iotjobs.emulator.engine.MethodBehavior;
import io.github.iotjobs.emulator.fleet.DeviceTwin;
import io.github.iotjobs.emulator.http.Fault;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every hub operation against the emulator, as a user's route would run them: jobs really run, twins really change,
 * faults really happen on the wire.
 */
class HubEmulatorTest extends CamelTestSupport {

    @RegisterExtension
    static IotJobsEmulatorExtension hub = new IotJobsEmulatorExtension(IotJobsEmulator.builder()
            .devices(200)
            .noThrottling()
            .seed(11)
            .method("reboot", MethodBehavior.ok().withLatency(Duration.ofMillis(2)).withFailureRate(0.25)));

    @Override
    protected CamelContext createCamelContext() throws Exception {
        CamelContext context = super.createCamelContext();
        IotJobsConfiguration defaults = context.getComponent("iotjobs", IotJobsComponent.class).getConfiguration();
        defaults.setConnectionString(hub.emulator().connectionString());
        defaults.setBaseUrl(hub.emulator().baseUrl());
        defaults.setPollInterval(20);
        defaults.setWaitTimeout(30_000);
        defaults.setRetryInitialDelay(5);
        return context;
    }

    @Test
    void aTwinUpdateChangesExactlyTheDevicesItsDryRunPreviewed() {
        String condition = "tags.building = 'b1' AND tags.floor <= 3";
        List<?> preview = call("queryDevices", null, Map.of(IotJobsConstants.QUERY_CONDITION, condition))
                .getMessage().getBody(List.class);
        assertThat(preview).isNotEmpty();

        IotJob job = call("iotjobs:hub?operation=scheduleTwinUpdate&waitForCompletion=true",
                Map.of("properties", Map.of("desired", Map.of("firmware", "9.9.9")), "tags", Map.of("ring", "canary")),
                Map.of(IotJobsConstants.JOB_ID, "twin-b1", IotJobsConstants.QUERY_CONDITION, condition))
                .getMessage().getBody(IotJob.class);

        assertThat(job.status()).isEqualTo(JobStatus.completed);
        assertThat(job.statistics().deviceCount()).isEqualTo(preview.size());
        assertThat(job.statistics().succeededCount()).isEqualTo(preview.size());
        assertThat(job.endTime()).isNotNull();
        for (Object deviceId : preview) {
            DeviceTwin twin = hub.emulator().twin((String) deviceId).orElseThrow();
            assertThat(twin.desired().path("firmware").asText()).isEqualTo("9.9.9");
            assertThat(twin.tags().path("ring").asText()).isEqualTo("canary");
        }
        long untouched = hub.emulator().fleet().all().stream()
                .filter(twin -> !preview.contains(twin.deviceId()))
                .filter(twin -> "canary".equals(twin.tags().path("ring").asText(null)))
                .count();
        assertThat(untouched).isZero();
    }

    @Test
    void aMethodJobReportsEachFailedDeviceWithItsError() {
        IotJob job = call("iotjobs:hub?operation=scheduleDeviceMethod&methodName=reboot&waitForCompletion=true",
                "{\"delay\":1}", Map.of(IotJobsConstants.JOB_ID, "reboot-all", IotJobsConstants.QUERY_CONDITION, "*"))
                .getMessage().getBody(IotJob.class);
        assertThat(job.status()).isEqualTo(JobStatus.completed);
        assertThat(job.statistics().deviceCount()).isEqualTo(200);
        assertThat(job.statistics().failedCount()).isPositive();

        Iterator<?> failedRows = call("iotjobs:hub?operation=listJobDevices&pageSize=7", null, Map.of(
                IotJobsConstants.JOB_ID, "reboot-all", IotJobsConstants.DEVICE_JOB_STATUS, "failed"))
                .getMessage().getBody(Iterator.class);
        List<DeviceJob> failed = new ArrayList<>();
        failedRows.forEachRemaining(row -> failed.add((DeviceJob) row));

        assertThat(failed).hasSize(job.statistics().failedCount());
        assertThat(failed).allSatisfy(row -> {
            assertThat(row.status()).isEqualTo(DeviceJobStatus.failed);
            assertThat(row.jobId()).isEqualTo("reboot-all");
            assertThat(row.outcome() != null || row.error() != null).isTrue();
        });
    }

    @Test
    void listJobsReadsEveryPageAndFiltersByStatus() {
        for (int i = 0; i < 5; i++) {
            call("scheduleTwinUpdate", Map.of("tags", Map.of("later", i)), Map.of(IotJobsConstants.JOB_ID,
                    "later-" + i, IotJobsConstants.QUERY_CONDITION, "*", IotJobsConstants.START_TIME, "NOW+PT1H"));
        }

        List<?> scheduled = call("iotjobs:hub?operation=listJobs&pageSize=2&jobStatus=scheduled", null, Map.of())
                .getMessage().getBody(List.class);

        assertThat(scheduled).extracting(job -> ((IotJob) job).jobId())
                .contains("later-0", "later-1", "later-2", "later-3", "later-4");
        assertThat(scheduled).allSatisfy(job -> assertThat(((IotJob) job).status()).isEqualTo(JobStatus.scheduled));
        call("iotjobs:hub?operation=listJobs&pageSize=2", null, Map.of());
        for (int i = 0; i < 5; i++) {
            call("cancelJob", null, Map.of(IotJobsConstants.JOB_ID, "later-" + i));
        }
    }

    @Test
    void aScheduledJobIsCancelledAndNeverRuns() {
        call("scheduleTwinUpdate", Map.of("tags", Map.of("never", true)), Map.of(IotJobsConstants.JOB_ID, "to-cancel",
                IotJobsConstants.QUERY_CONDITION, "*", IotJobsConstants.START_TIME, "NOW+PT10M"));

        IotJob cancelled = call("cancelJob", null, Map.of(IotJobsConstants.JOB_ID, "to-cancel"))
                .getMessage().getBody(IotJob.class);
        IotJob read = call("getJob", null, Map.of(IotJobsConstants.JOB_ID, "to-cancel")).getMessage()
                .getBody(IotJob.class);

        assertThat(cancelled.status()).isEqualTo(JobStatus.cancelled);
        assertThat(read.status()).isEqualTo(JobStatus.cancelled);
        assertThat(hub.emulator().fleet().all()).noneMatch(twin -> twin.tags().has("never"));
    }

    @Test
    void anUnknownJobIsReportedWithTheHubsErrorCode() {
        Exchange exchange = call("getJob", null, Map.of(IotJobsConstants.JOB_ID, "no-such-job"));

        IotJobsOperationFailedException failure = exchange.getException(IotJobsOperationFailedException.class);
        assertThat(failure.getStatusCode()).isEqualTo(404);
        assertThat(failure.getErrorCode()).isEqualTo("JobNotFound");
    }

    @Test
    void aWrongKeyIsRefusedWithTheHubsUnauthorizedError() {
        String wrongKey = hub.emulator().connectionString().replaceAll("SharedAccessKey=[^;]+",
                "SharedAccessKey=d3Jvbmcta2V5LXdyb25nLWtleS13cm9uZy1rZXktMzI=");
        Exchange exchange = call("iotjobs:hub?operation=getJob&connectionString=RAW(" + wrongKey + ")", null,
                Map.of(IotJobsConstants.JOB_ID, "any"));

        IotJobsOperationFailedException failure = exchange.getException(IotJobsOperationFailedException.class);
        assertThat(failure.getStatusCode()).isEqualTo(401);
        assertThat(failure.getErrorCode()).isEqualTo("IotHubUnauthorizedAccess");
    }

    @Test
    void aServerFaultOnAReadIsRetried() {
        hub.emulator().injectFault(Fault.status(503).onPath("/jobs/v2/query").onMethod("GET").times(2));

        Exchange exchange = call("listJobs", null, Map.of());

        assertThat(exchange.getException()).isNull();
        assertThat(exchange.getMessage().getBody(List.class)).isNotNull();
    }

    @Test
    void aCreateWhoseConnectionDropsIsResolvedWithoutADuplicate() {
        hub.emulator().injectFault(Fault.dropConnection().onPath("/jobs/v2/dropped").onMethod("PUT").times(1));

        Exchange exchange = call("scheduleTwinUpdate", Map.of("tags", Map.of("dropped", true)), Map.of(
                IotJobsConstants.JOB_ID, "dropped", IotJobsConstants.QUERY_CONDITION, "deviceId = 'device-000001'",
                IotJobsConstants.START_TIME, "NOW+PT1H"));

        assertThat(exchange.getException()).isNull();
        assertThat(exchange.getMessage().getBody(IotJob.class).jobId()).isEqualTo("dropped");
        assertThat(call("getJob", null, Map.of(IotJobsConstants.JOB_ID, "dropped")).getMessage()
                .getBody(IotJob.class).status()).isEqualTo(JobStatus.scheduled);
        call("cancelJob", null, Map.of(IotJobsConstants.JOB_ID, "dropped"));
    }

    private Exchange call(String operationOrUri, Object body, Map<String, Object> headers) {
        String uri = operationOrUri.startsWith("iotjobs:") ? operationOrUri : "iotjobs:hub?operation=" + operationOrUri;
        return template.request(uri, exchange -> {
            exchange.getMessage().setBody(body);
            exchange.getMessage().setHeaders(new HashMap<>(headers));
        });
    }
}
