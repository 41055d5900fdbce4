/*
 * Licensed to the Apache Software Foundation (ASF) under one or more contributor license agreements; and to You
 * under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance with the
 * License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.iotjobs.camel.central;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.github.iotjobs.camel.IotJobsConstants;
import io.github.iotjobs.camel.IotJobsOperationFailedException;
import io.github.iotjobs.camel.model.DeviceJob;
import io.github.iotjobs.camel.model.IotJob;
import io.github.iotjobs.camel.model.JobStatus;
import org.apache.camel.Exchange;
import org.junit.jupiter.api.Test;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.patch;
import static com.github.tomakehurst.wiremock.client.WireMock.patchRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;

/** Every IoT Central operation against WireMock stubs shaped like the service's examples (protocol.md §10). */
class CentralOperationsTest extends CentralWireMockSupport {

    static final String JOB = """
            {"id":"job01","displayName":"Set temp","group":"thermostats","batch":{"type":"number","value":10},
             "cancellationThreshold":{"type":"percentage","value":20,"batch":false},
             "data":[{"type":"property","target":"dtmi:x:thermo;1","path":"settings.target","value":21}],
             "start":"2026-11-20T10:00:01Z","progress":{"total":10,"pending":3,"completed":6,"failed":1},
             "status":"running"}""";
    static final String SCHEDULED = """
            {"id":"nightly","displayName":"Nightly","group":"thermostats","etag":"\\"970070b9\\"",
             "data":[{"type":"command","target":"dtmi:x:thermo;1","path":"reboot","value":null}],
             "schedule":{"start":"2026-12-01T22:00:00Z","recurrence":"daily",
                         "end":{"type":"occurrences","occurrences":3}},"enabled":true,"completed":false}""";

    private static String jobWithStatus(String id, String status) {
        return JOB.replace("\"job01\"", "\"" + id + "\"").replace("\"running\"", "\"" + status + "\"");
    }

    @Test
    void createJobSendsTheDefinitionWithTheApiTokenAndParsesTheJob() {
        central.stubFor(put(urlPathEqualTo("/api/jobs/job01")).willReturn(okJson(JOB)));
        String body = "{\"group\":\"thermostats\",\"batch\":{\"type\":\"number\",\"value\":10},"
                      + "\"data\":[{\"type\":\"property\",\"target\":\"dtmi:x:thermo;1\",\"path\":\"settings.target\","
                      + "\"value\":21}]}";
        Exchange exchange = call("createJob", body, Map.of(IotJobsConstants.JOB_ID, "job01"));

        IotJob job = exchange.getMessage().getBody(IotJob.class);
        assertThat(job.jobId()).isEqualTo("job01");
        assertThat(job.platform()).isEqualTo("central");
        assertThat(job.type()).isEqualTo("property");
        assertThat(job.status()).isEqualTo(JobStatus.running);
        assertThat(job.queryCondition()).isEqualTo("thermostats");
        assertThat(job.startTime()).isEqualTo(Instant.parse("2026-11-20T10:00:01Z"));
        assertThat(job.statistics().deviceCount()).isEqualTo(10);
        assertThat(job.statistics().succeededCount()).isEqualTo(6);
        assertThat(job.statistics().pendingCount()).isEqualTo(3);
        assertThat(exchange.getMessage().getHeader(IotJobsConstants.JOB_STATUS)).isEqualTo(JobStatus.running);
        central.verify(putRequestedFor(urlPathEqualTo("/api/jobs/job01")).withQueryParam("api-version", equalTo(API))
                .withHeader("Authorization", equalTo(TOKEN)).withRequestBody(equalToJson(body)));
    }

    @Test
    void createJobGeneratesAnIdWhenAbsent() {
        central.stubFor(put(urlPathMatching("/api/jobs/[0-9a-f-]{36}")).willReturn(okJson(JOB)));
        Exchange exchange = call("createJob", Map.of("group", "g", "data", List.of(Map.of("type", "command",
                "target", "t", "path", "reboot"))), Map.of());
        assertThat(exchange.getException()).isNull();
        central.verify(putRequestedFor(urlPathMatching("/api/jobs/[0-9a-f-]{36}")));
    }

    @Test
    void getJobMapsEveryCentralStatus() {
        Map<String, JobStatus> statuses = Map.of("pending", JobStatus.queued, "running", JobStatus.running,
                "complete", JobStatus.completed, "failed", JobStatus.failed, "cancelled", JobStatus.cancelled,
                "stopped", JobStatus.stopped, "surprising", JobStatus.unknown);
        statuses.forEach((word, status) -> {
            central.stubFor(get(urlPathEqualTo("/api/jobs/j-" + word)).willReturn(okJson(jobWithStatus("j-" + word,
                    word))));
            IotJob job = call("getJob", null, Map.of(IotJobsConstants.JOB_ID, "j-" + word)).getMessage()
                    .getBody(IotJob.class);
            assertThat(job.status()).as(word).isEqualTo(status);
            assertThat(job.platformStatus()).isEqualTo(word);
        });
    }

    @Test
    void listJobsFollowsNextLinkOnTheConfiguredHostOnly() {
        central.stubFor(get(urlPathEqualTo("/api/jobs")).withQueryParam("skiptoken", absent())
                .willReturn(okJson("{\"value\":[" + jobWithStatus("a", "complete") + "],\"nextLink\":"
                                   + "\"https://elsewhere.example/api/jobs?api-version=" + API
                                   + "&skiptoken=p%3D2\"}")));
        central.stubFor(get(urlPathEqualTo("/api/jobs")).withQueryParam("skiptoken", equalTo("p=2"))
                .willReturn(okJson("{\"value\":[" + jobWithStatus("b", "running") + "]}")));
        List<?> jobs = call("listJobs", null, Map.of()).getMessage().getBody(List.class);
        assertThat(jobs).extracting(j -> ((IotJob) j).jobId()).containsExactly("a", "b");
        central.verify(2, getRequestedFor(urlPathEqualTo("/api/jobs")).withHeader("Authorization", equalTo(TOKEN)));
    }

    @Test
    void listJobDevicesStreamsPagesAndFiltersByStatus() {
        central.stubFor(get(urlPathEqualTo("/api/jobs/job01/devices")).withQueryParam("skiptoken", absent())
                .withQueryParam("maxpagesize", equalTo("2"))
                .willReturn(okJson("{\"value\":[{\"id\":\"d1\",\"status\":\"completed\"},{\"id\":\"d2\","
                                   + "\"status\":\"failed\"}],\"nextLink\":\"http://localhost:" + central.port()
                                   + "/api/jobs/job01/devices?api-version=" + API + "&maxpagesize=2&skiptoken=x\"}")));
        central.stubFor(get(urlPathEqualTo("/api/jobs/job01/devices")).withQueryParam("skiptoken", equalTo("x"))
                .willReturn(okJson("{\"value\":[{\"id\":\"d3\",\"status\":\"pending\"}]}")));
        @SuppressWarnings("unchecked")
        Iterator<DeviceJob> rows = call("iotjobs:central?operation=listJobDevices&pageSize=2", null,
                Map.of(IotJobsConstants.JOB_ID, "job01")).getMessage().getBody(Iterator.class);
        List<String> seen = new ArrayList<>();
        rows.forEachRemaining(r -> seen.add(r.deviceId() + "=" + r.status()));
        assertThat(seen).containsExactly("d1=completed", "d2=failed", "d3=pending");

        @SuppressWarnings("unchecked")
        Iterator<DeviceJob> failed = call("iotjobs:central?operation=listJobDevices&pageSize=2"
                                                    + "&deviceJobStatus=failed", null,
                Map.of(IotJobsConstants.JOB_ID, "job01")).getMessage().getBody(Iterator.class);
        assertThat(failed.next().deviceId()).isEqualTo("d2");
        assertThat(failed.hasNext()).isFalse();
    }

    @Test
    void stopAndResumePostThenReadTheJobBack() {
        central.stubFor(post(urlPathMatching("/api/jobs/job01/(stop|resume)")).willReturn(aResponse().withStatus(204)));
        central.stubFor(get(urlPathEqualTo("/api/jobs/job01")).willReturn(okJson(jobWithStatus("job01", "stopped"))));
        IotJob stopped = call("stopJob", null, Map.of(IotJobsConstants.JOB_ID, "job01")).getMessage()
                .getBody(IotJob.class);
        assertThat(stopped.status()).isEqualTo(JobStatus.stopped);
        central.stubFor(get(urlPathEqualTo("/api/jobs/job01")).willReturn(okJson(JOB)));
        IotJob resumed = call("resumeJob", null, Map.of(IotJobsConstants.JOB_ID, "job01")).getMessage()
                .getBody(IotJob.class);
        assertThat(resumed.status()).isEqualTo(JobStatus.running);
        central.verify(postRequestedFor(urlPathEqualTo("/api/jobs/job01/stop")).withQueryParam("api-version",
                equalTo(API)));
        central.verify(postRequestedFor(urlPathEqualTo("/api/jobs/job01/resume")));
    }

    @Test
    void rerunReturnsTheNewJobAndGeneratesItsIdWhenAbsent() {
        central.stubFor(put(urlPathMatching("/api/jobs/job01/rerun/.+")).willReturn(okJson(jobWithStatus("retry-1",
                "running"))));
        IotJob rerun = call("rerunJob", null, Map.of(IotJobsConstants.JOB_ID, "job01", IotJobsConstants.RERUN_ID,
                "retry-1")).getMessage().getBody(IotJob.class);
        assertThat(rerun.jobId()).isEqualTo("retry-1");
        central.verify(putRequestedFor(urlPathEqualTo("/api/jobs/job01/rerun/retry-1")));
        call("rerunJob", null, Map.of(IotJobsConstants.JOB_ID, "job01"));
        central.verify(putRequestedFor(urlPathMatching("/api/jobs/job01/rerun/[0-9a-f-]{36}")));
    }

    @Test
    void scheduledJobsCreateGetListUpdateDeleteAndRuns() {
        central.stubFor(put(urlPathEqualTo("/api/scheduledJobs/nightly")).willReturn(okJson(SCHEDULED)));
        central.stubFor(get(urlPathEqualTo("/api/scheduledJobs/nightly")).willReturn(okJson(SCHEDULED)));
        central.stubFor(get(urlPathEqualTo("/api/scheduledJobs")).willReturn(okJson("{\"value\":[" + SCHEDULED
                                                                                    + "]}")));
        central.stubFor(patch(urlPathEqualTo("/api/scheduledJobs/nightly")).willReturn(okJson(SCHEDULED
                .replace("\"enabled\":true", "\"enabled\":false"))));
        central.stubFor(delete(urlPathEqualTo("/api/scheduledJobs/nightly")).willReturn(aResponse().withStatus(204)));
        central.stubFor(get(urlPathEqualTo("/api/scheduledJobs/nightly/jobs")).willReturn(okJson("{\"value\":["
                + jobWithStatus("nightly-1", "complete").replace("\"group\"", "\"scheduledJobId\":\"nightly\","
                                                                                 + "\"group\"") + "]}")));
        Map<String, Object> id = Map.of(IotJobsConstants.JOB_ID, "nightly");
        String definition = SCHEDULED.replace("\"id\":\"nightly\",", "");

        Exchange created = call("createScheduledJob", definition, id);
        assertThat(created.getMessage().getBody(JsonNode.class).get("etag").asText()).isEqualTo("\"970070b9\"");
        central.verify(putRequestedFor(urlPathEqualTo("/api/scheduledJobs/nightly"))
                .withRequestBody(equalToJson(definition)));

        assertThat(call("getScheduledJob", null, id).getMessage().getBody(JsonNode.class).at("/schedule/recurrence")
                .asText()).isEqualTo("daily");
        assertThat(call("listScheduledJobs", null, Map.of()).getMessage().getBody(List.class)).hasSize(1);

        JsonNode updated = call("updateScheduledJob", "{\"enabled\":false}", id).getMessage().getBody(JsonNode.class);
        assertThat(updated.get("enabled").asBoolean()).isFalse();
        central.verify(patchRequestedFor(urlPathEqualTo("/api/scheduledJobs/nightly"))
                .withHeader("Content-Type", matching("application/merge-patch\\+json.*"))
                .withRequestBody(equalToJson("{\"enabled\":false}")));

        List<?> runs = call("listScheduledJobRuns", null, id).getMessage().getBody(List.class);
        assertThat(runs).extracting(r -> ((IotJob) r).jobId()).containsExactly("nightly-1");
        assertThat(((IotJob) runs.get(0)).status()).isEqualTo(JobStatus.completed);

        Exchange deleted = call("deleteScheduledJob", null, id);
        assertThat(deleted.getException()).isNull();
        assertThat(deleted.getMessage().getBody()).isNull();
        central.verify(deleteRequestedFor(urlPathEqualTo("/api/scheduledJobs/nightly")));
    }

    @Test
    void listDeviceGroupsReadsEveryPage() {
        central.stubFor(get(urlPathEqualTo("/api/deviceGroups")).withQueryParam("skiptoken", absent())
                .willReturn(okJson("{\"value\":[{\"id\":\"g1\",\"displayName\":\"G1\",\"filter\":\"SELECT * FROM"
                                   + " devices\"}],\"nextLink\":\"/api/deviceGroups?api-version=" + API
                                   + "&skiptoken=2\"}")));
        central.stubFor(get(urlPathEqualTo("/api/deviceGroups")).withQueryParam("skiptoken", equalTo("2"))
                .willReturn(okJson("{\"value\":[{\"id\":\"g2\",\"displayName\":\"G2\",\"filter\":\"SELECT * FROM"
                                   + " devices WHERE $simulated = true\"}]}")));
        List<?> groups = call("listDeviceGroups", null, Map.of()).getMessage().getBody(List.class);
        assertThat(groups).extracting(g -> ((JsonNode) g).get("id").asText()).containsExactly("g1", "g2");
    }

    @Test
    void bearerAccessTokenIsSentAsBearer() {
        central.stubFor(get(urlPathEqualTo("/api/jobs/job01")).willReturn(okJson(JOB)));
        Exchange exchange = call("iotjobs:central?operation=getJob&apiToken=&accessToken=RAW.aad.token", null,
                Map.of(IotJobsConstants.JOB_ID, "job01"));
        assertThat(exchange.getException()).isNull();
        central.verify(getRequestedFor(urlPathEqualTo("/api/jobs/job01")).withHeader("Authorization",
                equalTo("Bearer RAW.aad.token")));
    }

    @Test
    void centralErrorShapeBecomesTheComponentException() {
        central.stubFor(get(urlPathEqualTo("/api/jobs/missing")).willReturn(aResponse().withStatus(404)
                .withHeader("x-ms-error-code", "NotFound").withHeader("Content-Type", "application/json")
                .withBody("{\"error\":{\"code\":\"NotFound\",\"message\":\"Job 'missing' was not found.\","
                          + "\"requestId\":\"req-42\",\"time\":\"Mon, 23 Nov 2026 17:00:00 GMT\"}}")));
        IotJobsOperationFailedException e = failure(call("getJob", null, Map.of(IotJobsConstants.JOB_ID, "missing")));
        assertThat(e.getStatusCode()).isEqualTo(404);
        assertThat(e.getErrorCode()).isEqualTo("NotFound");
        assertThat(e.getPlatformMessage()).isEqualTo("Job 'missing' was not found.");
        assertThat(e.getRequestId()).isEqualTo("req-42");
        assertThat(e.getMessage()).doesNotContain(TOKEN).doesNotContain("c2VjcmV0LXNpZw");
    }

    @Test
    void headerOnlyAndNonJsonErrorsStillCarryTheirCode() {
        central.stubFor(put(urlPathEqualTo("/api/jobs/j1")).willReturn(aResponse().withStatus(422)
                .withHeader("x-ms-error-code", "InvalidBody").withBody("<html>bad</html>")));
        IotJobsOperationFailedException e = failure(call("createJob", "{\"group\":\"g\",\"data\":[{\"type\":"
                + "\"command\",\"target\":\"t\",\"path\":\"p\"}]}", Map.of(IotJobsConstants.JOB_ID, "j1")));
        assertThat(e.getStatusCode()).isEqualTo(422);
        assertThat(e.getErrorCode()).isEqualTo("InvalidBody");
        assertThat(e.getPlatformMessage()).contains("bad");

        central.stubFor(get(urlPathEqualTo("/api/jobs/j2")).willReturn(aResponse().withStatus(401)
                .withHeader("x-ms-request-id", "rid-7").withBody("")));
        IotJobsOperationFailedException unauthorized = failure(call("getJob", null, Map.of(IotJobsConstants.JOB_ID,
                "j2")));
        assertThat(unauthorized.getStatusCode()).isEqualTo(401);
        assertThat(unauthorized.getRequestId()).isEqualTo("rid-7");
    }

    @Test
    void throttlingIsRetriedHonouringRetryAfter() {
        central.stubFor(get(urlPathEqualTo("/api/jobs/job01")).inScenario("throttle")
                .whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "0")
                        .withHeader("x-ms-error-code", "TooManyRequests")
                        .withBody("{\"error\":{\"code\":\"TooManyRequests\",\"message\":\"slow down\"}}"))
                .willSetStateTo("ok"));
        central.stubFor(get(urlPathEqualTo("/api/jobs/job01")).inScenario("throttle").whenScenarioStateIs("ok")
                .willReturn(okJson(JOB)));
        IotJob job = call("getJob", null, Map.of(IotJobsConstants.JOB_ID, "job01")).getMessage().getBody(IotJob.class);
        assertThat(job.jobId()).isEqualTo("job01");
        central.verify(2, getRequestedFor(urlPathEqualTo("/api/jobs/job01")));
    }

    @Test
    void aCreateWithoutAnswerIsSettledByReadingNotByResending() {
        central.stubFor(put(urlPathEqualTo("/api/jobs/job01")).willReturn(aResponse().withStatus(503)));
        central.stubFor(get(urlPathEqualTo("/api/jobs/job01")).willReturn(okJson(JOB)));
        IotJob job = call("createJob", "{\"group\":\"g\",\"data\":[{\"type\":\"command\",\"target\":\"t\","
                          + "\"path\":\"p\"}]}", Map.of(IotJobsConstants.JOB_ID, "job01")).getMessage()
                .getBody(IotJob.class);
        assertThat(job.jobId()).isEqualTo("job01");
        central.verify(1, putRequestedFor(urlPathEqualTo("/api/jobs/job01")));

        central.stubFor(post(urlPathEqualTo("/api/jobs/job01/stop")).willReturn(aResponse().withStatus(502)));
        central.stubFor(get(urlPathEqualTo("/api/jobs/job01")).willReturn(okJson(jobWithStatus("job01", "running"))));
        IotJobsOperationFailedException e = failure(call("stopJob", null, Map.of(IotJobsConstants.JOB_ID, "job01")));
        assertThat(e.getStatusCode()).isEqualTo(502);
        central.verify(1, postRequestedFor(urlPathEqualTo("/api/jobs/job01/stop")));
    }

    static IotJobsOperationFailedException failure(Exchange exchange) {
        assertThat(exchange.getException()).isInstanceOf(IotJobsOperationFailedException.class);
        return (IotJobsOperationFailedException) exchange.getException();
    }
}
