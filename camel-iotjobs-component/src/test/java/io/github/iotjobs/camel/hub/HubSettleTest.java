/*
 * Licensed to the Apache Software Foundation (ASF) under one or more contributor license agreements; and to You
 * under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance with the
 * License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.iotjobs.camel.hub;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.github.iotjobs.camel.IotJobsConstants;
import io.github.iotjobs.camel.model.IotJob;
import io.github.iotjobs.camel.transport.AmbiguousOutcomeException;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.Test;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * One message creates at most one job: the id is fixed once per exchange, and every unknown outcome is settled by
 * reading, under redelivery, lost answers, conflicts and unreadable answers.
 */
class HubSettleTest extends HubWireMockSupport {

    private static final String METHOD_JOB = "{\"jobId\":\"job01\",\"type\":\"scheduleDeviceMethod\","
                                             + "\"queryCondition\":\"*\",\"status\":\"queued\"}";

    @Override
    protected RouteBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:reboot").routeId("reboot")
                        .errorHandler(defaultErrorHandler().maximumRedeliveries(3).redeliveryDelay(0))
                        .to("iotjobs:hub?operation=scheduleDeviceMethod&methodName=reboot&queryCondition=*"
                            + "&maxRetries=0");
                from("direct:twice")
                        .to("iotjobs:hub?operation=scheduleDeviceMethod&methodName=reboot&queryCondition=*")
                        .removeHeader(IotJobsConstants.JOB_ID)
                        .to("iotjobs:hub?operation=scheduleDeviceMethod&methodName=reboot&queryCondition=*");
            }
        };
    }

    @Test
    void aCreateWhosePutDropsAndWhoseGetFailsSendsOneIdAcrossRedeliveries() {
        hub.stubFor(put(urlPathMatching("/jobs/v2/.*")).willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
        hub.stubFor(get(urlPathMatching("/jobs/v2/.*")).willReturn(aResponse().withStatus(503)
                .withBody("{\"Message\":\"ErrorCode:ServiceUnavailable;busy\"}")));

        Exchange exchange = template.request("direct:reboot", e -> e.getMessage().setBody(null));

        List<String> ids = hub.findAll(putRequestedFor(urlPathMatching("/jobs/v2/.*"))).stream()
                .map(LoggedRequest::getUrl).map(url -> url.substring(0, url.indexOf('?'))).collect(Collectors.toList());
        assertThat(ids).hasSize(4);
        assertThat(ids).containsOnly(ids.get(0));
        assertThat(ids.get(0)).isEqualTo("/jobs/v2/" + exchange.getMessage().getHeader(IotJobsConstants.JOB_ID));
        assertThat(exchange.getException()).isInstanceOf(AmbiguousOutcomeException.class)
                .hasMessageContaining("outcome unknown");
        assertThat(exchange.getException().getSuppressed()).isNotEmpty();
    }

    @Test
    void aConflictAfterAResendSettlesToTheExistingJob() {
        hub.stubFor(put(urlPathEqualTo("/jobs/v2/job01")).inScenario("c").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)).willSetStateTo("lost"));
        hub.stubFor(get(urlPathEqualTo("/jobs/v2/job01")).inScenario("c").whenScenarioStateIs("lost")
                .willReturn(aResponse().withStatus(404).withBody("{\"Message\":\"ErrorCode:JobNotFound;x\"}"))
                .willSetStateTo("absent"));
        hub.stubFor(put(urlPathEqualTo("/jobs/v2/job01")).inScenario("c").whenScenarioStateIs("absent")
                .willReturn(aResponse().withStatus(409).withBody("{\"Message\":\"ErrorCode:JobAlreadyExists;x\"}"))
                .willSetStateTo("exists"));
        hub.stubFor(get(urlPathEqualTo("/jobs/v2/job01")).inScenario("c").whenScenarioStateIs("exists")
                .willReturn(okJson(METHOD_JOB)));

        Exchange exchange = call("iotjobs:hub?operation=scheduleDeviceMethod&methodName=reboot&queryCondition=*", null,
                Map.of(IotJobsConstants.JOB_ID, "job01"));

        assertThat(exchange.getException()).isNull();
        assertThat(exchange.getMessage().getBody(IotJob.class).jobId()).isEqualTo("job01");
        hub.verify(2, putRequestedFor(urlPathEqualTo("/jobs/v2/job01")));
        hub.verify(2, getRequestedFor(urlPathEqualTo("/jobs/v2/job01")));
    }

    @Test
    void aConflictOnAFirstSendIsAnError() {
        hub.stubFor(put(urlPathEqualTo("/jobs/v2/job01")).willReturn(aResponse().withStatus(409)
                .withBody("{\"Message\":\"ErrorCode:JobAlreadyExists;x\"}")));

        Exchange exchange = call("iotjobs:hub?operation=scheduleDeviceMethod&methodName=reboot&queryCondition=*", null,
                Map.of(IotJobsConstants.JOB_ID, "job01"));

        assertThat(exchange.getException()).hasMessageContaining("409");
        hub.verify(0, getRequestedFor(urlPathEqualTo("/jobs/v2/job01")));
    }

    @Test
    void aSuccessWithAnUnreadableBodyIsSettledByReading() {
        hub.stubFor(put(urlPathEqualTo("/jobs/v2/job01")).willReturn(aResponse().withStatus(200)
                .withBody("<html>proxy says ok</html>")));
        hub.stubFor(get(urlPathEqualTo("/jobs/v2/job01")).willReturn(okJson(METHOD_JOB)));

        Exchange exchange = call("iotjobs:hub?operation=scheduleDeviceMethod&methodName=reboot&queryCondition=*", null,
                Map.of(IotJobsConstants.JOB_ID, "job01"));

        assertThat(exchange.getException()).isNull();
        assertThat(exchange.getMessage().getBody(IotJob.class).jobId()).isEqualTo("job01");
        hub.verify(1, putRequestedFor(urlPathEqualTo("/jobs/v2/job01")));
    }

    @Test
    void aSecondCreateOnTheSameExchangeChoosesItsOwnId() {
        hub.stubFor(put(urlPathMatching("/jobs/v2/.*")).willReturn(okJson(METHOD_JOB)));

        Exchange exchange = template.request("direct:twice", e -> e.getMessage().setBody(null));

        assertThat(exchange.getException()).isNull();
        List<String> paths = hub.findAll(putRequestedFor(urlPathMatching("/jobs/v2/.*"))).stream()
                .map(LoggedRequest::getUrl).collect(Collectors.toList());
        assertThat(paths).hasSize(2);
        assertThat(paths.get(0)).isNotEqualTo(paths.get(1));
    }

    @Test
    void aGeneratedIdIsOnTheHeaderBeforeTheFirstRequest() {
        hub.stubFor(put(urlPathMatching("/jobs/v2/.*")).willReturn(aResponse().withStatus(400)
                .withBody("{\"Message\":\"ErrorCode:ArgumentInvalid;no\"}")));

        Exchange exchange = call("iotjobs:hub?operation=scheduleDeviceMethod&methodName=reboot&queryCondition=*", null,
                Map.of());

        String jobId = exchange.getMessage().getHeader(IotJobsConstants.JOB_ID, String.class);
        assertThat(exchange.getException()).isNotNull();
        assertThat(jobId).isNotBlank();
        hub.verify(1, putRequestedFor(urlPathEqualTo("/jobs/v2/" + jobId)));
    }
}
