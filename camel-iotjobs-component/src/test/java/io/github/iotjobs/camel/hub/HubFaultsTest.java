/*
 * Licensed to the Apache Software Foundation (ASF) under one or more contributor license agreements; and to You
 * under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance with the
 * License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.iotjobs.camel.hub;

import java.util.Map;
import java.util.stream.Stream;

import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.github.iotjobs.camel.IotJobsConstants;
import io.github.iotjobs.camel.IotJobsOperationFailedException;
import io.github.iotjobs.camel.model.IotJob;
import io.github.iotjobs.camel.model.JobStatus;
import org.apache.camel.Exchange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Errors, retries and the rule that a create or cancel is never sent twice blindly.
 */
class HubFaultsTest extends HubWireMockSupport {

    private static final Map<String, Object> JOB_01 = Map.of(IotJobsConstants.JOB_ID, "job01");
    private static final String JOB_JSON = "{\"jobId\":\"job01\",\"type\":\"scheduleUpdateTwin\",\"status\":\"queued\"}";

    static Stream<Arguments> errorShapes() {
        return Stream.of(
                Arguments.of("classic", 404, null,
                        "{\"Message\":\"ErrorCode:JobNotFound;Job not found\",\"ExceptionMessage\":\"Tracking ID:"
                                      + "113a1b7dd04946059412a08842d2be71-G:6-TimeStamp:09/07/2020 14:46:08\"}",
                        "JobNotFound", "Job not found", "113a1b7dd04946059412a08842d2be71-G:6"),
                Arguments.of("nested", 400, null,
                        "{\"Message\":\"ErrorCode:ArgumentInvalid;Error: BadRequest {\\\"Message\\\":\\\"ErrorCode:"
                                  + "ArgumentInvalid;Missing or invalid etag for job type ScheduleUpdateTwin.\\\","
                                  + "\\\"ExceptionMessage\\\":\\\"Tracking ID:1234-TimeStamp:06/26/2017 20:56:33\\\"}\","
                                  + "\"ExceptionMessage\":\"Tracking ID:5678-G:10-TimeStamp:06/26/2017 20:56:33\"}",
                        "ArgumentInvalid", "Missing or invalid etag for job type ScheduleUpdateTwin.", null),
                Arguments.of("json-in-message", 404, null,
                        "{\"Message\":\"{\\\"errorCode\\\":404002,\\\"trackingId\\\":\\\"abc123\\\",\\\"message\\\":"
                                           + "\\\"The job does not exist\\\",\\\"timestampUtc\\\":"
                                           + "\\\"2020-05-21T20:14:49.3270481Z\\\"}\",\"ExceptionMessage\":\"\"}",
                        "JobNotFound", "The job does not exist", "abc123"),
                Arguments.of("flat", 404, null,
                        "{\"errorCode\":404001,\"trackingId\":\"191306c3cfda487ebe0988aa7663fb0f-TimeStamp:05/21/2020"
                                + " 20:14:49\",\"message\":\"thisDeviceDoesNotExistObviously\","
                                + "\"timestampUtc\":\"2020-05-21T20:14:49.3270481Z\"}",
                        "DeviceNotFound", "thisDeviceDoesNotExistObviously", null),
                Arguments.of("plain text with header", 401, "IotHubUnauthorizedAccess",
                        "ErrorCode:IotHubUnauthorizedAccess;Unauthorized",
                        "IotHubUnauthorizedAccess", "Unauthorized", null));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("errorShapes")
    void everyErrorShapeBecomesOneExceptionType(
            String shape, int status, String header, String body, String code, String message, String requestId) {
        var response = aResponse().withStatus(status).withBody(body);
        if (header != null) {
            response = response.withHeader("iothub-errorcode", header);
        }
        hub.stubFor(get(urlPathEqualTo("/jobs/v2/job01")).willReturn(response));

        Exchange exchange = call("getJob", null, JOB_01);

        IotJobsOperationFailedException failure = exchange.getException(IotJobsOperationFailedException.class);
        assertThat(failure).as(shape).isNotNull();
        assertThat(failure.getStatusCode()).isEqualTo(status);
        assertThat(failure.getErrorCode()).isEqualTo(code);
        assertThat(failure.getPlatformMessage()).isEqualTo(message);
        if (requestId != null) {
            assertThat(failure.getRequestId()).startsWith(requestId);
        }
        hub.verify(1, getRequestedFor(urlPathEqualTo("/jobs/v2/job01")));
    }

    @Test
    void throttlingIsRetriedHonouringRetryAfter() {
        hub.stubFor(get(urlPathEqualTo("/jobs/v2/job01")).inScenario("t").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "1")
                        .withHeader("iothub-errorcode", "ThrottlingException")
                        .withBody("{\"Message\":\"ErrorCode:ThrottlingException;429\"}"))
                .willSetStateTo("ok"));
        hub.stubFor(get(urlPathEqualTo("/jobs/v2/job01")).inScenario("t").whenScenarioStateIs("ok")
                .willReturn(okJson(JOB_JSON)));

        long start = System.nanoTime();
        Exchange exchange = call("getJob", null, JOB_01);
        long elapsedMillis = (System.nanoTime() - start) / 1_000_000;

        assertThat(exchange.getException()).isNull();
        assertThat(exchange.getMessage().getBody(IotJob.class).status()).isEqualTo(JobStatus.queued);
        assertThat(elapsedMillis).isGreaterThanOrEqualTo(1000);
        hub.verify(2, getRequestedFor(urlPathEqualTo("/jobs/v2/job01")));
    }

    @Test
    void throttlingWithoutRetryAfterBacksOffAndRetries() {
        hub.stubFor(put(urlPathEqualTo("/jobs/v2/job01")).inScenario("t").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(429).withBody(
                        "{\"Message\":\"ErrorCode:ThrottlingMaxActiveJobCountExceeded;429\"}"))
                .willSetStateTo("ok"));
        hub.stubFor(put(urlPathEqualTo("/jobs/v2/job01")).inScenario("t").whenScenarioStateIs("ok")
                .willReturn(okJson(JOB_JSON)));

        Exchange exchange = call("scheduleTwinUpdate", Map.of("tags", Map.of("ring", "canary")),
                Map.of(IotJobsConstants.JOB_ID, "job01", IotJobsConstants.QUERY_CONDITION, "*"));

        assertThat(exchange.getException()).isNull();
        hub.verify(2, putRequestedFor(urlPathEqualTo("/jobs/v2/job01")));
    }

    @Test
    void throttlingThatOutlastsTheRetriesIsReportedWithItsCode() {
        hub.stubFor(get(urlPathEqualTo("/jobs/v2/job01")).willReturn(aResponse().withStatus(429).withBody(
                "{\"Message\":\"ErrorCode:ThrottlingException;Too many requests\"}")));

        Exchange exchange = call("iotjobs:hub?operation=getJob&maxRetries=2", null, JOB_01);

        IotJobsOperationFailedException failure = exchange.getException(IotJobsOperationFailedException.class);
        assertThat(failure.getStatusCode()).isEqualTo(429);
        assertThat(failure.getErrorCode()).isEqualTo("ThrottlingException");
        hub.verify(3, getRequestedFor(urlPathEqualTo("/jobs/v2/job01")));
    }

    @Test
    void aDroppedConnectionOnAReadIsRetried() {
        hub.stubFor(get(urlPathEqualTo("/jobs/v2/job01")).inScenario("d").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)).willSetStateTo("ok"));
        hub.stubFor(get(urlPathEqualTo("/jobs/v2/job01")).inScenario("d").whenScenarioStateIs("ok")
                .willReturn(okJson(JOB_JSON)));

        Exchange exchange = call("getJob", null, JOB_01);

        assertThat(exchange.getException()).isNull();
        hub.verify(2, getRequestedFor(urlPathEqualTo("/jobs/v2/job01")));
    }

    @Test
    void aMalformedBodyIsReportedNotSwallowed() {
        hub.stubFor(get(urlPathEqualTo("/jobs/v2/job01")).willReturn(okJson("{\"jobId\":\"job01\",\"status")));

        Exchange exchange = call("getJob", null, JOB_01);

        IotJobsOperationFailedException failure = exchange.getException(IotJobsOperationFailedException.class);
        assertThat(failure.getErrorCode()).isEqualTo("MalformedResponse");
        assertThat(failure.getStatusCode()).isEqualTo(200);
    }

    @Test
    void aCreateWithNoAnswerIsResentOnlyAfterAGetShowsTheJobDoesNotExist() {
        hub.stubFor(put(urlPathEqualTo("/jobs/v2/job01")).inScenario("c").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)).willSetStateTo("lost"));
        hub.stubFor(put(urlPathEqualTo("/jobs/v2/job01")).inScenario("c").whenScenarioStateIs("lost")
                .willReturn(okJson(JOB_JSON)));
        hub.stubFor(get(urlPathEqualTo("/jobs/v2/job01")).willReturn(aResponse().withStatus(404)
                .withHeader("iothub-errorcode", "JobNotFound").withBody("{\"Message\":\"ErrorCode:JobNotFound;x\"}")));

        Exchange exchange = call("scheduleTwinUpdate", Map.of("tags", Map.of("ring", "canary")),
                Map.of(IotJobsConstants.JOB_ID, "job01", IotJobsConstants.QUERY_CONDITION, "*"));

        assertThat(exchange.getException()).isNull();
        hub.verify(2, putRequestedFor(urlPathEqualTo("/jobs/v2/job01")));
        hub.verify(1, getRequestedFor(urlPathEqualTo("/jobs/v2/job01")));
    }

    @Test
    void aCreateWithNoAnswerIsNotResentWhenTheJobExists() {
        hub.stubFor(put(urlPathEqualTo("/jobs/v2/job01"))
                .willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
        hub.stubFor(get(urlPathEqualTo("/jobs/v2/job01")).willReturn(okJson(
                "{\"jobId\":\"job01\",\"type\":\"scheduleUpdateTwin\",\"status\":\"running\"}")));

        Exchange exchange = call("scheduleTwinUpdate", Map.of("tags", Map.of("ring", "canary")),
                Map.of(IotJobsConstants.JOB_ID, "job01", IotJobsConstants.QUERY_CONDITION, "*"));

        assertThat(exchange.getException()).isNull();
        assertThat(exchange.getMessage().getBody(IotJob.class).status()).isEqualTo(JobStatus.running);
        hub.verify(1, putRequestedFor(urlPathEqualTo("/jobs/v2/job01")));
    }

    @Test
    void aCancelWithNoAnswerIsNeverResentWhenTheJobIsRunning() {
        hub.stubFor(post(urlPathEqualTo("/jobs/v2/job01/cancel"))
                .willReturn(aResponse().withStatus(500).withBody("{\"Message\":\"ErrorCode:ServerError;boom\"}")));
        hub.stubFor(get(urlPathEqualTo("/jobs/v2/job01")).willReturn(okJson(
                "{\"jobId\":\"job01\",\"type\":\"scheduleUpdateTwin\",\"status\":\"running\"}")));

        Exchange exchange = call("cancelJob", null, JOB_01);

        assertThat(exchange.getException(IotJobsOperationFailedException.class)).isNotNull();
        hub.verify(1, postRequestedFor(urlPathEqualTo("/jobs/v2/job01/cancel")));
    }

    @Test
    void aCancelWithNoAnswerIsConfirmedByAGet() {
        hub.stubFor(post(urlPathEqualTo("/jobs/v2/job01/cancel"))
                .willReturn(aResponse().withFault(Fault.EMPTY_RESPONSE)));
        hub.stubFor(get(urlPathEqualTo("/jobs/v2/job01")).willReturn(okJson(
                "{\"jobId\":\"job01\",\"type\":\"scheduleUpdateTwin\",\"status\":\"cancelled\"}")));

        Exchange exchange = call("cancelJob", null, JOB_01);

        assertThat(exchange.getException()).isNull();
        assertThat(exchange.getMessage().getBody(IotJob.class).status()).isEqualTo(JobStatus.cancelled);
        hub.verify(1, postRequestedFor(urlPathEqualTo("/jobs/v2/job01/cancel")));
    }
}
