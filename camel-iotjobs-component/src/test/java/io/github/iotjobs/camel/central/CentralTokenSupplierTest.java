/*
 * Licensed to the Apache Software Foundation (ASF) under one or more contributor license agreements; and to You
 * under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance with the
 * License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.iotjobs.camel.central;

import java.time.Instant;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.iotjobs.camel.IotJobsConstants;
import io.github.iotjobs.camel.client.AccessTokenSupplier;
import io.github.iotjobs.camel.model.IotJob;
import org.apache.camel.BindToRegistry;
import org.apache.camel.Exchange;
import org.junit.jupiter.api.Test;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Access tokens that expire come from a supplier bean, asked again before expiry and on 401.
 */
class CentralTokenSupplierTest extends CentralWireMockSupport {

    private static final String JOB = "{\"id\":\"job01\",\"group\":\"g\",\"status\":\"running\"}";

    private final AtomicInteger issued = new AtomicInteger();
    private volatile long lifetimeSeconds = 3600;

    @BindToRegistry("tokens")
    AccessTokenSupplier tokens = () -> new AccessTokenSupplier.AccessToken("t" + issued.incrementAndGet(),
            Instant.now().plusSeconds(lifetimeSeconds));

    private Exchange getJob() {
        return call("iotjobs:central?operation=getJob&apiToken=&accessTokenSupplier=#tokens", null,
                Map.of(IotJobsConstants.JOB_ID, "job01"));
    }

    @Test
    void aRefusedTokenIsReplacedByAFreshOneAndTheRequestSentOnceMore() {
        central.stubFor(get(urlPathEqualTo("/api/jobs/job01")).withHeader("Authorization", equalTo("Bearer t1"))
                .willReturn(aResponse().withStatus(401).withBody("{\"error\":{\"code\":\"Unauthorized\","
                                                                 + "\"message\":\"token expired\"}}")));
        central.stubFor(get(urlPathEqualTo("/api/jobs/job01")).withHeader("Authorization", equalTo("Bearer t2"))
                .willReturn(okJson(JOB)));

        Exchange exchange = getJob();

        assertThat(exchange.getException()).isNull();
        assertThat(exchange.getMessage().getBody(IotJob.class).jobId()).isEqualTo("job01");
        assertThat(issued.get()).isEqualTo(2);
        central.verify(2, getRequestedFor(urlPathEqualTo("/api/jobs/job01")));
    }

    @Test
    void aTokenIsKeptUntilItNearsExpiryThenAskedForAgain() {
        central.stubFor(get(urlPathEqualTo("/api/jobs/job01")).willReturn(okJson(JOB)));

        lifetimeSeconds = 60;
        getJob();
        getJob();
        // Tokens issued within five minutes of their expiry are asked for again on each request.
        assertThat(issued.get()).isEqualTo(2);

        lifetimeSeconds = 3600;
        getJob();
        getJob();
        assertThat(issued.get()).isEqualTo(3);
        central.verify(2, getRequestedFor(urlPathEqualTo("/api/jobs/job01")).withHeader("Authorization",
                equalTo("Bearer t3")));
    }
}
