/*
 * Licensed to the Apache Software Foundation (ASF) under one or more contributor license agreements; and to You
 * under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance with the
 * License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.iotjobs.camel.manager;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.github.iotjobs.camel.IotJobsConstants;
import io.github.iotjobs.camel.IotJobsOperationFailedException;
import io.github.iotjobs.camel.model.DeviceJob;
import io.github.iotjobs.camel.model.DeviceJobStatus;
import io.github.iotjobs.camel.model.IotJob;
import io.github.iotjobs.camel.model.JobStatus;
import io.github.iotjobs.camel.transport.JsonBodies;
import io.github.iotjobs.camel.validation.IotJobsValidationException;
import org.apache.camel.Exchange;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The manager platform against WireMock: both JSON casings, enums as numbers and names, request shapes, errors. */
class ManagerOperationsTest extends CamelTestSupport {

    static WireMockServer manager = new WireMockServer(wireMockConfig().dynamicPort());

    /** The .NET service: PascalCase, numeric enums, DateTimeOffset times, the 9999 end time of an unfinished job. */
    private static final String DOTNET_JOB = "{\"JobId\":\"reboot-1\",\"QueryCondition\":\"tags.floor = '1F'\","
            + "\"CreatedTimeUtc\":\"2026-06-01T08:00:00+00:00\",\"StartTimeUtc\":\"2026-06-01T08:00:01+00:00\","
            + "\"EndTimeUtc\":\"9999-12-30T23:59:59+00:00\",\"MaxExecutionTimeInSeconds\":3600,\"Type\":3,"
            + "\"Status\":2,\"MethodParameter\":{\"Name\":\"reboot\",\"JsonPayload\":\"{}\"},\"UpdateTwin\":null,"
            + "\"FailureReason\":null,\"StatusMessage\":\"busy\",\"ResultStatistics\":{\"DeviceCount\":3,"
            + "\"FailedCount\":1,\"SucceededCount\":1,\"RunningCount\":1,\"PendingCount\":0},\"Devices\":["
            + "{\"DeviceId\":\"d1\",\"Status\":3,\"StartTimeUtc\":\"2026-06-01T08:00:02+00:00\","
            + "\"EndTimeUtc\":\"2026-06-01T08:00:03+00:00\",\"CreatedDateTimeUtc\":\"2026-06-01T08:00:01+00:00\","
            + "\"LastUpdatedDateTimeUtc\":\"2026-06-01T08:00:03+00:00\",\"Outcome\":{\"Status\":200,"
            + "\"JsonPayload\":\"{}\"}},{\"DeviceId\":\"d2\",\"Status\":4,\"Error\":{\"Code\":\"GatewayTimeout\","
            + "\"Description\":\"Timed out\"}},{\"DeviceId\":\"d3\",\"Status\":2}]}";

    /** The Java port: camelCase with Devices capitalized, and enums as names. */
    private static final String JAVA_JOB = "{\"jobId\":\"floor-2\",\"queryCondition\":\"*\","
            + "\"createdTimeUtc\":\"2026-06-02T08:00:00.000Z\",\"startTimeUtc\":\"2026-06-02T08:00:00.000Z\","
            + "\"endTimeUtc\":\"2026-06-02T08:05:00.000Z\",\"maxExecutionTimeInSeconds\":600,"
            + "\"type\":\"ScheduleUpdateTwin\",\"status\":\"Completed\",\"resultStatistics\":{\"deviceCount\":2,"
            + "\"failedCount\":0,\"succeededCount\":2,\"runningCount\":0,\"pendingCount\":0},\"Devices\":["
            + "{\"DeviceId\":\"d1\",\"Status\":\"Completed\"},{\"deviceId\":\"d2\",\"status\":\"completed\"}]}";

    @BeforeAll
    static void start() {
        manager.start();
    }

    @AfterAll
    static void stop() {
        manager.stop();
    }

    @BeforeEach
    void reset() {
        manager.resetAll();
    }

    private String base() {
        return "iotjobs:manager?baseUrl=http://localhost:" + manager.port() + "&maxRetries=0&operation=";
    }

    private Exchange call(String uri, Object body, Map<String, Object> headers) {
        return template.request(uri, e -> {
            e.getMessage().setBody(body);
            e.getMessage().setHeaders(new HashMap<>(headers));
        });
    }

    private <T> T ok(String operation, Object body, Map<String, Object> headers, Class<T> type) {
        Exchange exchange = call(base() + operation, body, headers);
        assertThat(exchange.getException()).as(operation).isNull();
        return exchange.getMessage().getBody(type);
    }

    private static JsonNode json(LoggedRequest request) throws Exception {
        return JsonBodies.mapper().readTree(request.getBodyAsString());
    }

    @Test
    void readsPascalCaseWithNumericEnums() {
        manager.stubFor(get(urlEqualTo("/v1/jobs/reboot-1")).willReturn(okJson(DOTNET_JOB)));
        IotJob job = ok("getJob", null, Map.of(IotJobsConstants.JOB_ID, "reboot-1"), IotJob.class);
        assertThat(job.jobId()).isEqualTo("reboot-1");
        assertThat(job.platform()).isEqualTo("manager");
        assertThat(job.type()).isEqualTo("scheduleDeviceMethod");
        assertThat(job.status()).isEqualTo(JobStatus.running);
        assertThat(job.platformStatus()).isEqualTo("Running");
        assertThat(job.queryCondition()).isEqualTo("tags.floor = '1F'");
        assertThat(job.createdTime()).isEqualTo(Instant.parse("2026-06-01T08:00:00Z"));
        assertThat(job.endTime()).isNull();
        assertThat(job.statistics().deviceCount()).isEqualTo(3);
        assertThat(job.statistics().failedCount()).isEqualTo(1);
        assertThat(job.statusMessage()).isEqualTo("busy");
    }

    @Test
    void readsCamelCaseWithEnumNames() {
        manager.stubFor(get(urlEqualTo("/v1/jobs/floor-2")).willReturn(okJson(JAVA_JOB)));
        IotJob job = ok("getJob", null, Map.of(IotJobsConstants.JOB_ID, "floor-2"), IotJob.class);
        assertThat(job.type()).isEqualTo("scheduleUpdateTwin");
        assertThat(job.status()).isEqualTo(JobStatus.completed);
        assertThat(job.endTime()).isEqualTo(Instant.parse("2026-06-02T08:05:00Z"));
        assertThat(job.statistics().succeededCount()).isEqualTo(2);
    }

    @Test
    void listsDeviceRowsInBothCasingsAndFiltersWhereTheServiceCannot() {
        manager.stubFor(get(urlPathEqualTo("/v1/jobs/reboot-1")).willReturn(okJson(DOTNET_JOB)));
        manager.stubFor(get(urlPathEqualTo("/v1/jobs/floor-2")).willReturn(okJson(JAVA_JOB)));
        List<DeviceJob> rows = devices("reboot-1", null);
        assertThat(rows).extracting(DeviceJob::deviceId).containsExactly("d1", "d2", "d3");
        assertThat(rows).extracting(DeviceJob::status).containsExactly(DeviceJobStatus.completed,
                DeviceJobStatus.failed, DeviceJobStatus.running);
        assertThat(rows.get(0).jobId()).isEqualTo("reboot-1");
        assertThat(rows.get(0).endTime()).isEqualTo(Instant.parse("2026-06-01T08:00:03Z"));
        assertThat(rows.get(0).outcome().get("Status").asInt()).isEqualTo(200);
        assertThat(rows.get(1).error().code()).isEqualTo("GatewayTimeout");
        manager.verify(getRequestedFor(urlPathEqualTo("/v1/jobs/reboot-1"))
                .withQueryParam("includeDeviceDetails", equalTo("true"))
                .withQueryParam("deviceJobStatus", absent()));

        assertThat(devices("reboot-1", "failed")).extracting(DeviceJob::deviceId).containsExactly("d2");
        manager.verify(getRequestedFor(urlPathEqualTo("/v1/jobs/reboot-1"))
                .withQueryParam("deviceJobStatus", equalTo("4")));
        // Completed is filtered here: the service failed on that device-job query.
        assertThat(devices("reboot-1", "completed")).extracting(DeviceJob::deviceId).containsExactly("d1");

        List<DeviceJob> javaRows = devices("floor-2", null);
        assertThat(javaRows).extracting(DeviceJob::deviceId).containsExactly("d1", "d2");
        assertThat(javaRows).extracting(DeviceJob::status).containsOnly(DeviceJobStatus.completed);
        assertThat(javaRows.get(1).jobType()).isEqualTo("scheduleUpdateTwin");
    }

    private List<DeviceJob> devices(String jobId, String status) {
        Map<String, Object> headers = new HashMap<>(Map.of(IotJobsConstants.JOB_ID, jobId));
        if (status != null) {
            headers.put(IotJobsConstants.DEVICE_JOB_STATUS, status);
        }
        List<DeviceJob> rows = new ArrayList<>();
        @SuppressWarnings("unchecked")
        Iterator<DeviceJob> it = ok("listJobDevices", null, headers, Iterator.class);
        it.forEachRemaining(rows::add);
        return rows;
    }

    @Test
    void listJobsSendsNumericFiltersAndBoundsAndMixesCasings() throws Exception {
        manager.stubFor(get(urlPathEqualTo("/v1/jobs")).willReturn(okJson("[" + DOTNET_JOB + "," + JAVA_JOB + "]")));
        List<?> all = ok("listJobs", null, Map.of(), List.class);
        assertThat(all).extracting(j -> ((IotJob) j).jobId()).containsExactly("reboot-1", "floor-2");

        List<?> completed = ok("listJobs", null, Map.of(IotJobsConstants.JOB_TYPE, "scheduleUpdateTwin",
                IotJobsConstants.JOB_STATUS, "completed", IotJobsConstants.FROM, "2026-06-01T00:00:00+02:00",
                IotJobsConstants.TO, "NOW+PT10M", IotJobsConstants.PAGE_SIZE, 50), List.class);
        assertThat(completed).extracting(j -> ((IotJob) j).jobId()).containsExactly("floor-2");
        LoggedRequest request = manager.findAll(getRequestedFor(urlPathEqualTo("/v1/jobs"))).get(1);
        assertThat(request.queryParameter("jobType").firstValue()).isEqualTo("4");
        assertThat(request.queryParameter("jobStatus").firstValue()).isEqualTo("3");
        assertThat(request.queryParameter("pageSize").firstValue()).isEqualTo("50");
        assertThat(request.queryParameter("from").firstValue()).isEqualTo("2026-05-31T22:00:00.000Z");
        assertThat(Instant.parse(request.queryParameter("to").firstValue())).isAfter(Instant.now());

        // Queued has two manager codes (Enqueued 1, Queued 7): filtered here, not sent.
        manager.stubFor(get(urlPathEqualTo("/v1/jobs")).willReturn(okJson("[{\"JobId\":\"a\",\"Status\":1},"
                + "{\"jobId\":\"b\",\"status\":\"Queued\"},{\"JobId\":\"c\",\"Status\":6}]")));
        List<?> queued = ok("listJobs", null, Map.of(IotJobsConstants.JOB_STATUS, "queued"), List.class);
        assertThat(queued).extracting(j -> ((IotJob) j).jobId()).containsExactly("a", "b");
        assertThat(manager.findAll(getRequestedFor(urlPathEqualTo("/v1/jobs"))).get(2).queryParameter("jobStatus")
                .isPresent()).isFalse();
    }

    @Test
    void schedulesMethodAndTwinJobsThroughPost() throws Exception {
        manager.stubFor(post(urlEqualTo("/v1/jobs")).willReturn(okJson(DOTNET_JOB)));
        IotJob job = ok("scheduleDeviceMethod", "{\"delay\":5}", Map.of(IotJobsConstants.JOB_ID, "reboot-1",
                IotJobsConstants.METHOD_NAME, "reboot", IotJobsConstants.QUERY_CONDITION, "tags.floor = '1F'"),
                IotJob.class);
        assertThat(job.status()).isEqualTo(JobStatus.running);
        JsonNode body = json(manager.findAll(postRequestedFor(urlEqualTo("/v1/jobs"))).get(0));
        assertThat(body.get("jobId").asText()).isEqualTo("reboot-1");
        assertThat(body.get("queryCondition").asText()).isEqualTo("tags.floor = '1F'");
        assertThat(body.get("maxExecutionTimeInSeconds").asLong()).isEqualTo(3600);
        Instant start = Instant.parse(body.get("startTimeUtc").asText());
        assertThat(start).isBetween(Instant.now().minusSeconds(60), Instant.now());
        assertThat(body.at("/methodParameter/name").asText()).isEqualTo("reboot");
        assertThat(body.at("/methodParameter/jsonPayload").asText()).isEqualTo("{\"delay\":5}");
        assertThat(body.at("/methodParameter/responseTimeout").asText()).matches("\\d\\d:\\d\\d:\\d\\d");
        assertThat(body.has("updateTwin")).isFalse();
        manager.verify(postRequestedFor(urlEqualTo("/v1/jobs")).withHeader("Authorization", absent()));

        manager.resetRequests();
        Exchange twin = call(base() + "scheduleTwinUpdate&accessToken=RAW(aad-token)",
                "{\"tags\":{\"floor\":\"2F\"},\"properties\":{\"desired\":{\"fw\":\"2.0\"}}}",
                Map.of(IotJobsConstants.JOB_ID, "floor-2", IotJobsConstants.QUERY_CONDITION, "*",
                        IotJobsConstants.START_TIME, "2026-07-01T10:00:00+02:00"));
        assertThat(twin.getException()).isNull();
        LoggedRequest sent = manager.findAll(postRequestedFor(urlEqualTo("/v1/jobs"))).get(0);
        assertThat(sent.getHeader("Authorization")).isEqualTo("Bearer aad-token");
        JsonNode twinBody = json(sent);
        assertThat(twinBody.at("/updateTwin/tags/floor").asText()).isEqualTo("2F");
        assertThat(twinBody.at("/updateTwin/properties/desired/fw").asText()).isEqualTo("2.0");
        assertThat(twinBody.get("startTimeUtc").asText()).isEqualTo("2026-07-01T08:00:00.000Z");
        assertThat(twinBody.has("methodParameter")).isFalse();
    }

    @Test
    void aCreateWithNoAnswerIsResentOnlyAfterAGetShowsTheJobDoesNotExist() {
        manager.stubFor(post(urlEqualTo("/v1/jobs")).inScenario("c").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)).willSetStateTo("lost"));
        manager.stubFor(post(urlEqualTo("/v1/jobs")).inScenario("c").whenScenarioStateIs("lost")
                .willReturn(okJson(JAVA_JOB)));
        manager.stubFor(get(urlEqualTo("/v1/jobs/floor-2")).willReturn(aResponse().withStatus(404)
                .withBody("{\"Message\":\"An error has occurred.\",\"ExceptionType\":\"ResourceNotFoundException\"}")));
        Exchange exchange = call(resending("scheduleTwinUpdate"), "{\"tags\":{\"floor\":\"2F\"}}",
                Map.of(IotJobsConstants.JOB_ID, "floor-2", IotJobsConstants.QUERY_CONDITION, "*"));
        assertThat(exchange.getException()).isNull();
        manager.verify(2, postRequestedFor(urlEqualTo("/v1/jobs")));
        manager.verify(1, getRequestedFor(urlEqualTo("/v1/jobs/floor-2")));
    }

    @Test
    void aCreateWithNoAnswerIsNotResentWhenTheJobExists() {
        manager.stubFor(post(urlEqualTo("/v1/jobs")).willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
        manager.stubFor(get(urlEqualTo("/v1/jobs/reboot-1")).willReturn(okJson(DOTNET_JOB)));
        Exchange exchange = call(resending("scheduleDeviceMethod"), null, Map.of(IotJobsConstants.JOB_ID,
                "reboot-1", IotJobsConstants.METHOD_NAME, "reboot", IotJobsConstants.QUERY_CONDITION, "*"));
        assertThat(exchange.getException()).isNull();
        assertThat(exchange.getMessage().getBody(IotJob.class).status()).isEqualTo(JobStatus.running);
        manager.verify(1, postRequestedFor(urlEqualTo("/v1/jobs")));
    }

    private String resending(String operation) {
        return base().replace("maxRetries=0", "maxRetries=1&retryInitialDelay=5") + operation;
    }

    @Test
    void readsDeviceProperties() {
        manager.stubFor(get(urlEqualTo("/v1/deviceProperties")).willReturn(okJson("{\"Tags\":[\"IsSimulated\"],"
                + "\"Reported\":[\"Firmware\",\"Model\"],\"$metadata\":{\"$type\":\"DeviceProperties;1\"}}")));
        JsonNode properties = ok("getDeviceProperties", null, Map.of(), JsonNode.class);
        assertThat(properties.get("Reported")).extracting(JsonNode::asText).containsExactly("Firmware", "Model");
    }

    @Test
    void decodesDotNetErrorsAndRefusesUnsupportedOperations() {
        manager.stubFor(get(urlEqualTo("/v1/jobs/gone")).willReturn(aResponse().withStatus(404)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"Message\":\"An error has occurred.\",\"ExceptionMessage\":\"The job 'gone' does not"
                        + " exist.\",\"ExceptionType\":\"Microsoft.Azure.IoTSolutions.IotHubManager.Services"
                        + ".Exceptions.ResourceNotFoundException\"}")));
        Exchange missing = call(base() + "getJob", null, Map.of(IotJobsConstants.JOB_ID, "gone"));
        IotJobsOperationFailedException failure = missing.getException(IotJobsOperationFailedException.class);
        assertThat(failure).isNotNull();
        assertThat(failure.getStatusCode()).isEqualTo(404);
        assertThat(failure.getErrorCode()).isEqualTo("ResourceNotFoundException");
        assertThat(failure.getMessage()).contains("does not exist");

        Exchange cancel = call(base() + "cancelJob", null, Map.of(IotJobsConstants.JOB_ID, "reboot-1"));
        assertThat(cancel.getException()).isInstanceOf(IotJobsValidationException.class)
                .hasMessageContaining("not supported on platform manager");
        assertThatThrownBy(() -> call("iotjobs:manager?operation=getJob", null, Map.of(IotJobsConstants.JOB_ID,
                "x"))).hasStackTraceContaining("baseUrl is required");
    }
}
