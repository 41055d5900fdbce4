/*
 * Licensed to the Apache Software Foundation (ASF) under one or more contributor license agreements; and to You
 * under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance with the
 * License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.iotjobs.camel.hub;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.github.iotjobs.camel.IotJobsConstants;
import io.github.iotjobs.camel.model.DeviceJob;
import io.github.iotjobs.camel.model.DeviceJobStatus;
import io.github.iotjobs.camel.model.IotJob;
import io.github.iotjobs.camel.model.JobStatus;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.junit.jupiter.api.Test;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToIgnoreCase;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every hub operation against the wire shapes of IoT Hub jobs v2.
 */
class HubOperationsTest extends HubWireMockSupport {

    static final String RUNNING_JOB = """
            {"jobId":"job01","queryCondition":"tags.building = 'b1'","createdTime":"2026-11-20T10:00:00.1234567Z",
             "startTime":"2026-11-20T10:00:01Z","endTime":"9999-12-30T00:00:00Z","maxExecutionTimeInSeconds":3600,
             "type":"scheduleDeviceMethod","cloudToDeviceMethod":{"methodName":"reboot","payload":{},
             "responseTimeoutInSeconds":30,"connectTimeoutInSeconds":0},"status":"running",
             "deviceJobStatistics":{"deviceCount":10,"failedCount":1,"succeededCount":6,"runningCount":2,
             "pendingCount":1}}""";

    @Override
    protected RouteBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:devices")
                        .to("iotjobs:hub?operation=listJobDevices&pageSize=2")
                        .split(body()).streaming()
                        .to("mock:device");
            }
        };
    }

    @Test
    void getJobParsesTheFullResponseAndMapsTheEndTimeSentinelToNull() {
        hub.stubFor(get(urlPathEqualTo("/jobs/v2/job01")).withQueryParam("api-version", equalTo(API))
                .willReturn(okJson(RUNNING_JOB)));

        Exchange exchange = call("getJob", null, Map.of(IotJobsConstants.JOB_ID, "job01"));

        IotJob job = exchange.getMessage().getBody(IotJob.class);
        assertThat(job.status()).isEqualTo(JobStatus.running);
        assertThat(job.platform()).isEqualTo("hub");
        assertThat(job.type()).isEqualTo("scheduleDeviceMethod");
        assertThat(job.endTime()).isNull();
        assertThat(job.createdTime()).isEqualTo(Instant.parse("2026-11-20T10:00:00.1234567Z"));
        assertThat(job.statistics().succeededCount()).isEqualTo(6);
        assertThat(job.statistics().pendingCount()).isEqualTo(1);
        assertThat(exchange.getMessage().getHeader(IotJobsConstants.JOB_STATUS)).isEqualTo(JobStatus.running);
        hub.verify(getRequestedFor(urlPathEqualTo("/jobs/v2/job01"))
                .withHeader("Accept", equalTo("application/json")));
    }

    @Test
    void scheduleDeviceMethodSendsTheJobRequestAndAcceptsTheSparseResponse() {
        hub.stubFor(put(urlPathEqualTo("/jobs/v2/reboot-1")).withQueryParam("api-version", equalTo(API))
                .willReturn(okJson("{\"jobId\":\"reboot-1\",\"type\":\"scheduleDeviceMethod\",\"status\":\"queued\"}")));

        Map<String, Object> headers = new LinkedHashMap<>();
        headers.put(IotJobsConstants.JOB_ID, "reboot-1");
        headers.put(IotJobsConstants.QUERY_CONDITION, "tags.building = 'b1'");
        headers.put(IotJobsConstants.METHOD_NAME, "reboot");
        headers.put(IotJobsConstants.START_TIME, "2026-12-01T08:00:00Z");
        Exchange exchange = call("scheduleDeviceMethod", "{\"delay\": 5}", headers);

        IotJob job = exchange.getMessage().getBody(IotJob.class);
        assertThat(job.jobId()).isEqualTo("reboot-1");
        assertThat(job.status()).isEqualTo(JobStatus.queued);
        hub.verify(putRequestedFor(urlPathEqualTo("/jobs/v2/reboot-1"))
                .withHeader("Content-Type", equalToIgnoreCase("application/json; charset=utf-8"))
                .withRequestBody(equalToJson("""
                        {"jobId":"reboot-1","type":"scheduleDeviceMethod",
                         "cloudToDeviceMethod":{"methodName":"reboot","payload":{"delay":5},
                           "responseTimeoutInSeconds":30,"connectTimeoutInSeconds":0},
                         "queryCondition":"tags.building = 'b1'","startTime":"2026-12-01T08:00:00.000Z",
                         "maxExecutionTimeInSeconds":3600}""")));
    }

    @Test
    void scheduleTwinUpdateForcesTheEtagAndGeneratesAJobId() {
        hub.stubFor(put(urlPathMatching("/jobs/v2/[0-9a-f-]{36}"))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                        .withTransformers("response-template")
                        .withBody("{\"jobId\":\"{{request.pathSegments.[2]}}\",\"type\":\"scheduleUpdateTwin\","
                                  + "\"status\":\"queued\"}")));

        Exchange exchange = call("scheduleTwinUpdate", Map.of("properties", Map.of("desired", Map.of("fw", "2.0"))),
                Map.of(IotJobsConstants.QUERY_CONDITION, "*"));

        IotJob job = exchange.getMessage().getBody(IotJob.class);
        assertThat(job.jobId()).matches("[0-9a-f-]{36}");
        LoggedRequest sent = hub.findAll(putRequestedFor(urlPathEqualTo("/jobs/v2/" + job.jobId()))).get(0);
        assertThat(sent.getBodyAsString()).contains("\"etag\":\"*\"").contains("\"type\":\"scheduleUpdateTwin\"")
                .contains("\"desired\":{\"fw\":\"2.0\"}").contains("\"jobId\":\"" + job.jobId() + "\"");
    }

    @Test
    void cancelJobPostsAnEmptyObject() {
        hub.stubFor(post(urlPathEqualTo("/jobs/v2/job02/cancel")).willReturn(okJson(
                "{\"jobId\":\"job02\",\"type\":\"scheduleUpdateTwin\",\"status\":\"cancelled\"}")));

        Exchange exchange = call("cancelJob", null, Map.of(IotJobsConstants.JOB_ID, "job02"));

        assertThat(exchange.getMessage().getBody(IotJob.class).status()).isEqualTo(JobStatus.cancelled);
        hub.verify(1, postRequestedFor(urlPathEqualTo("/jobs/v2/job02/cancel")).withRequestBody(equalTo("{}")));
    }

    @Test
    void listJobsFollowsTheContinuationHeaderAcrossThreePages() {
        stubJobPage(null, "c2", "a", "b");
        stubJobPage("c2", "c3", "c", "d");
        stubJobPage("c3", null, "e");

        Exchange exchange = call("iotjobs:hub?operation=listJobs&pageSize=2&jobType=scheduleUpdateTwin",
                null, Map.of());

        List<?> jobs = exchange.getMessage().getBody(List.class);
        assertThat(jobs).extracting(job -> ((IotJob) job).jobId()).containsExactly("a", "b", "c", "d", "e");
        hub.verify(3, getRequestedFor(urlPathEqualTo("/jobs/v2/query"))
                .withQueryParam("jobType", equalTo("scheduleUpdateTwin"))
                .withHeader("x-ms-max-item-count", equalTo("2")));
    }

    @Test
    void listJobsAppliesStatusAndTimeFiltersTheHubCannotApply() {
        hub.stubFor(get(urlPathEqualTo("/jobs/v2/query")).willReturn(okJson("""
                [{"jobId":"old","type":"scheduleUpdateTwin","status":"enqueued","createdTime":"2020-01-01T00:00:00Z"},
                 {"jobId":"new","type":"scheduleUpdateTwin","status":"queued","createdTime":"2026-11-20T00:00:00Z"},
                 {"jobId":"run","type":"scheduleUpdateTwin","status":"running","createdTime":"2026-11-20T00:00:00Z"}]
                """)));

        Exchange exchange = call("listJobs", null,
                Map.of(IotJobsConstants.JOB_STATUS, "queued", IotJobsConstants.FROM, "2026-01-01T00:00:00Z"));

        List<?> jobs = exchange.getMessage().getBody(List.class);
        assertThat(jobs).extracting(job -> ((IotJob) job).jobId()).containsExactly("new");
    }

    @Test
    void listJobDevicesStreamsPagesToASplitterAndQueriesTheJobsRows() throws Exception {
        stubDevicePage(null, "p2", "d1", "d2");
        stubDevicePage("p2", "p3", "d3", "d4");
        stubDevicePage("p3", null, "d5");
        MockEndpoint devices = getMockEndpoint("mock:device");
        devices.expectedMessageCount(5);

        template.sendBodyAndHeader("direct:devices", null, IotJobsConstants.JOB_ID, "job7");

        devices.assertIsSatisfied();
        List<String> ids = new ArrayList<>();
        for (Exchange exchange : devices.getExchanges()) {
            DeviceJob row = exchange.getMessage().getBody(DeviceJob.class);
            ids.add(row.deviceId());
            assertThat(row.status()).isEqualTo(DeviceJobStatus.cancelled);
            assertThat(row.platformStatus()).isEqualTo("canceled");
        }
        assertThat(ids).containsExactly("d1", "d2", "d3", "d4", "d5");
        hub.verify(3, postRequestedFor(urlPathEqualTo("/devices/query")).withRequestBody(matchingJsonPath(
                "$.query", equalTo("SELECT * FROM devices.jobs WHERE devices.jobs.jobId = 'job7'"))));
    }

    @Test
    void listJobDevicesFetchesTheNextPageOnlyWhenTheFirstIsUsedUp() {
        stubDevicePage(null, "p2", "d1", "d2");
        stubDevicePage("p2", null, "d3");

        Exchange exchange = call("listJobDevices", null, Map.of(IotJobsConstants.JOB_ID, "job7"));

        Iterator<?> rows = exchange.getMessage().getBody(Iterator.class);
        hub.verify(0, postRequestedFor(urlPathEqualTo("/devices/query")));
        rows.next();
        rows.next();
        hub.verify(1, postRequestedFor(urlPathEqualTo("/devices/query")));
        rows.next();
        assertThat(rows.hasNext()).isFalse();
        hub.verify(2, postRequestedFor(urlPathEqualTo("/devices/query")));
    }

    @Test
    void queryDevicesReturnsTheIdsTheConditionSelects() {
        hub.stubFor(post(urlPathEqualTo("/devices/query")).inScenario("q").whenScenarioStateIs(Scenario.STARTED)
                .withRequestBody(matchingJsonPath("$.query",
                        equalTo("SELECT deviceId FROM devices WHERE tags.floor = 3")))
                .willReturn(okJson("[{\"deviceId\":\"d1\"},{\"deviceId\":\"d2\"}]")
                        .withHeader("x-ms-continuation", "next").withHeader("x-ms-item-type", "Raw"))
                .willSetStateTo("second"));
        hub.stubFor(post(urlPathEqualTo("/devices/query")).inScenario("q").whenScenarioStateIs("second")
                .withHeader("x-ms-continuation", equalTo("next"))
                .willReturn(okJson("[{\"deviceId\":\"d3\"}]")));

        Exchange exchange = call("queryDevices", null, Map.of(IotJobsConstants.QUERY_CONDITION, "tags.floor = 3"));

        assertThat(exchange.getMessage().getBody(List.class)).containsExactly("d1", "d2", "d3");
        assertThat(exchange.getMessage().getHeader(IotJobsConstants.DEVICE_COUNT)).isEqualTo(3);
    }

    @Test
    void waitForCompletionPollsUntilTheJobIsTerminal() {
        hub.stubFor(get(urlPathEqualTo("/jobs/v2/job09")).inScenario("w").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(okJson("{\"jobId\":\"job09\",\"type\":\"scheduleUpdateTwin\",\"status\":\"running\"}"))
                .willSetStateTo("done"));
        hub.stubFor(get(urlPathEqualTo("/jobs/v2/job09")).inScenario("w").whenScenarioStateIs("done")
                .willReturn(okJson("{\"jobId\":\"job09\",\"type\":\"scheduleUpdateTwin\",\"status\":\"completed\","
                                   + "\"endTime\":\"2026-11-20T10:05:00Z\"}")));

        Exchange exchange = call("iotjobs:hub?operation=getJob&waitForCompletion=true&pollInterval=10",
                null, Map.of(IotJobsConstants.JOB_ID, "job09"));

        IotJob job = exchange.getMessage().getBody(IotJob.class);
        assertThat(job.status()).isEqualTo(JobStatus.completed);
        assertThat(job.endTime()).isEqualTo(Instant.parse("2026-11-20T10:05:00Z"));
        hub.verify(2, getRequestedFor(urlPathEqualTo("/jobs/v2/job09")));
    }

    @Test
    void theSasTokenSentIsSignedWithThePolicyKey() throws Exception {
        hub.stubFor(get(urlPathEqualTo("/jobs/v2/job01")).willReturn(okJson(RUNNING_JOB)));

        call("getJob", null, Map.of(IotJobsConstants.JOB_ID, "job01"));

        String authorization = hub.findAll(getRequestedFor(urlPathEqualTo("/jobs/v2/job01"))).get(0)
                .getHeader("Authorization");
        assertThat(authorization).startsWith("SharedAccessSignature ");
        Map<String, String> fields = new LinkedHashMap<>();
        for (String pair : authorization.substring("SharedAccessSignature ".length()).split("&")) {
            int eq = pair.indexOf('=');
            fields.put(pair.substring(0, eq), pair.substring(eq + 1));
        }
        assertThat(fields).containsOnlyKeys("sr", "sig", "se", "skn");
        assertThat(fields.get("skn")).isEqualTo("iothubowner");
        assertThat(URLDecoder.decode(fields.get("sr"), StandardCharsets.UTF_8)).isEqualTo(HOST);
        long expiry = Long.parseLong(fields.get("se"));
        assertThat(expiry).isBetween(Instant.now().getEpochSecond() + 3000, Instant.now().getEpochSecond() + 3700);
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(Base64.getDecoder().decode(KEY), "HmacSHA256"));
        String expected = Base64.getEncoder().encodeToString(
                mac.doFinal((fields.get("sr") + "\n" + expiry).getBytes(StandardCharsets.UTF_8)));
        assertThat(URLDecoder.decode(fields.get("sig"), StandardCharsets.UTF_8)).isEqualTo(expected);
    }

    private static void stubJobPage(String continuation, String next, String... ids) {
        StringBuilder body = new StringBuilder("[");
        for (String id : ids) {
            body.append(body.length() > 1 ? "," : "").append("{\"jobId\":\"").append(id)
                    .append("\",\"type\":\"scheduleUpdateTwin\",\"status\":\"completed\"}");
        }
        var response = okJson(body.append(']').toString()).withHeader("x-ms-item-type", "JobResponse");
        if (next != null) {
            response = response.withHeader("x-ms-continuation", next);
        }
        var request = get(urlPathEqualTo("/jobs/v2/query"));
        request = continuation == null
                ? request.withHeader("x-ms-continuation", absent())
                : request.withHeader("x-ms-continuation", equalTo(continuation));
        hub.stubFor(request.willReturn(response));
    }

    private static void stubDevicePage(String continuation, String next, String... ids) {
        StringBuilder body = new StringBuilder("[");
        for (String id : ids) {
            body.append(body.length() > 1 ? "," : "").append("{\"deviceId\":\"").append(id)
                    .append("\",\"jobId\":\"job7\",\"jobType\":\"scheduleUpdateTwin\",\"status\":\"canceled\",")
                    .append("\"startTimeUtc\":\"2016-09-29T18:18:52.7418462\",")
                    .append("\"endTimeUtc\":\"2016-09-29T18:20:52.7418462\",")
                    .append("\"createdDateTimeUtc\":\"2016-09-29T18:18:56.7787107Z\",")
                    .append("\"lastUpdatedDateTimeUtc\":\"2016-09-29T18:18:56.8894408Z\",")
                    .append("\"outcome\":{\"deviceMethodResponse\":null}}");
        }
        var response = okJson(body.append(']').toString()).withHeader("x-ms-item-type", "DeviceJob");
        if (next != null) {
            response = response.withHeader("x-ms-continuation", next);
        }
        var request = post(urlPathEqualTo("/devices/query"));
        request = continuation == null
                ? request.withHeader("x-ms-continuation", absent())
                : request.withHeader("x-ms-continuation", equalTo(continuation));
        hub.stubFor(request.willReturn(response));
    }
}
