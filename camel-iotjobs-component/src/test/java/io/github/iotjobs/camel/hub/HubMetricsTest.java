/*
 * Licensed to the Apache Software Foundation (ASF) under one or more contributor license agreements; and to You
 * under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance with the
 * License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.iotjobs.camel.hub;

import java.util.Map;

import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.github.iotjobs.camel.IotJobsComponent;
import io.github.iotjobs.camel.IotJobsConstants;
import io.github.iotjobs.camel.metrics.IotJobsMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.spi.Registry;
import org.junit.jupiter.api.Test;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/** Throttling and retries as meters: every request with its outcome, every 429, every retry with its reason. */
class HubMetricsTest extends HubWireMockSupport {

    private final MeterRegistry meters = new SimpleMeterRegistry();

    @Override
    protected void bindToRegistry(Registry registry) {
        registry.bind("meters", meters);
    }

    @Test
    void aThrottledRequestCountsOnceThrottledOnceRetriedAndOnceSucceeded() {
        String job = "{\"jobId\":\"job01\",\"type\":\"scheduleDeviceMethod\",\"status\":\"completed\"}";
        hub.stubFor(get(urlPathEqualTo("/jobs/v2/job01")).inScenario("t").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "0")
                        .withBody("{\"Message\":\"ErrorCode:ThrottlingException;429\"}"))
                .willSetStateTo("ok"));
        hub.stubFor(get(urlPathEqualTo("/jobs/v2/job01")).inScenario("t").whenScenarioStateIs("ok")
                .willReturn(okJson(job)));

        Exchange exchange = call("getJob", null, Map.of(IotJobsConstants.JOB_ID, "job01"));

        assertThat(exchange.getException()).isNull();
        String operation = "GET /jobs/v2/{id}";
        assertThat(meters.get("iotjobs.requests").tags("platform", "hub", "operation", operation, "outcome",
                "throttled").timer().count()).isEqualTo(1);
        assertThat(meters.get("iotjobs.requests").tags("operation", operation, "outcome", "success").timer()
                .count()).isEqualTo(1);
        assertThat(meters.get("iotjobs.throttled").tags("platform", "hub", "operation", operation).counter()
                .count()).isEqualTo(1);
        assertThat(meters.get("iotjobs.retries").tags("platform", "hub", "operation", operation, "reason",
                "throttled").counter().count()).isEqualTo(1);
    }

    @Test
    void withoutAMeterRegistryNothingIsMeasured() throws Exception {
        try (DefaultCamelContext bare = new DefaultCamelContext()) {
            bare.start();
            IotJobsComponent component = bare.getComponent("iotjobs", IotJobsComponent.class);
            assertThat(component.getSharedResources().metrics()).isSameAs(IotJobsMetrics.NONE);
        }
    }
}
