/*
 * Licensed to the Apache Software Foundation (ASF) under one or more contributor license agreements; and to You
 * under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance with the
 * License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.iotjobs.camel.hub;

import java.util.List;

import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.health.HealthCheck;
import org.apache.camel.health.HealthCheckHelper;
import org.apache.camel.impl.health.AbstractHealthCheck;
import org.junit.jupiter.api.Test;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The producer's readiness check: one listing of one job proves the hub reachable and the credentials accepted, sent
 * at most once a minute however often the check runs; a 401 is DOWN with credentials invalid and no secret in the
 * message.
 */
class HubProducerHealthTest extends HubWireMockSupport {

    @Override
    protected RouteBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:jobs").to("iotjobs:hub?operation=getJob");
            }
        };
    }

    @Override
    protected void doPostSetup() {
        // Camel's producer checks are off until the application enables them (camel.health.producersEnabled).
        HealthCheckHelper.getHealthCheckRepository(context, "producers").setEnabled(true);
    }

    private List<HealthCheck.Result> producerChecks() {
        return HealthCheckHelper.invokeReadiness(context).stream()
                .filter(result -> result.getCheck().getId().startsWith("producer:iotjobs-")).toList();
    }

    @Test
    void aReachableHubWithValidCredentialsIsUpAndProbedOnceAMinuteAtMost() {
        hub.stubFor(get(urlPathEqualTo("/jobs/v2/query")).willReturn(okJson("[]")));

        for (int i = 0; i < 5; i++) {
            List<HealthCheck.Result> results = producerChecks();
            assertThat(results).hasSize(1);
            assertThat(results.get(0).getState()).isEqualTo(HealthCheck.State.UP);
            assertThat(results.get(0).getDetails()).containsEntry("platform", "hub")
                    .containsEntry("credentials.valid", true).containsKey("probe.last");
        }

        hub.verify(1, getRequestedFor(urlPathEqualTo("/jobs/v2/query")).withHeader("x-ms-max-item-count",
                equalTo("1")));
    }

    @Test
    void refusedCredentialsAreDownWithoutTheSecret() {
        hub.stubFor(get(urlPathEqualTo("/jobs/v2/query")).willReturn(aResponse().withStatus(401)
                .withHeader("iothub-errorcode", "IotHubUnauthorizedAccess")
                .withBody("{\"Message\":\"ErrorCode:IotHubUnauthorizedAccess;Unauthorized\"}")));

        HealthCheck.Result result = producerChecks().get(0);
        producerChecks();

        assertThat(result.getState()).isEqualTo(HealthCheck.State.DOWN);
        assertThat(result.getDetails()).containsEntry("credentials.valid", false)
                .containsEntry(AbstractHealthCheck.SERVICE_STATUS_CODE, 401);
        assertThat(result.getMessage()).hasValueSatisfying(message -> assertThat(message)
                .contains("Credentials refused", "401", "IotHubUnauthorizedAccess").doesNotContain(KEY, "sig="));
        assertThat(result.getError()).isEmpty();
        // A SAS token signed again with the same key would be refused too: one request; the second check reuses it.
        hub.verify(1, getRequestedFor(urlPathEqualTo("/jobs/v2/query")));
    }

    @Test
    void anUnreachableHubIsDown() {
        hub.stubFor(get(urlPathEqualTo("/jobs/v2/query")).willReturn(aResponse().withStatus(404)
                .withBody("{\"Message\":\"ErrorCode:IotHubNotFound;not found\"}")));

        HealthCheck.Result result = producerChecks().get(0);

        assertThat(result.getState()).isEqualTo(HealthCheck.State.DOWN);
        assertThat(result.getDetails()).containsEntry("platform.reachable", false)
                .containsEntry(AbstractHealthCheck.SERVICE_STATUS_CODE, 404);
    }
}
