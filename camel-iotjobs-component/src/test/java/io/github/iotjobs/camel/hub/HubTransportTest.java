/*
 * Licensed to the Apache Software Foundation (ASF) under one or more contributor license agreements; and to You
 * under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance with the
 * License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.iotjobs.camel.hub;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

import io.github.iotjobs.camel.IotJobsConstants;
import io.github.iotjobs.camel.model.IotJob;
import io.github.iotjobs.camel.validation.IotJobsValidationException;
import org.apache.camel.Exchange;
import org.junit.jupiter.api.Test;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The requests the transport sends, straight to the service (HttpClient's minimal client) or through a proxy (the full
 * client): the same headers either way, the proxy's challenge answered with its credentials.
 */
class HubTransportTest extends HubWireMockSupport {

    private static final String JOB = "{\"jobId\":\"job01\",\"type\":\"scheduleDeviceMethod\",\"status\":\"running\"}";

    @Test
    void straightToTheServiceARequestCarriesTheComponentsHeadersAndAsksForNoCompression() {
        hub.stubFor(get(urlPathEqualTo("/jobs/v2/job01")).willReturn(okJson(JOB)));

        Exchange exchange = call("getJob", null, Map.of(IotJobsConstants.JOB_ID, "job01"));

        assertThat(exchange.getException()).isNull();
        assertThat(exchange.getMessage().getBody(IotJob.class).jobId()).isEqualTo("job01");
        hub.verify(1, getRequestedFor(urlPathEqualTo("/jobs/v2/job01"))
                .withQueryParam("api-version", equalTo(API))
                .withHeader("User-Agent", equalTo("camel-iotjobs"))
                .withHeader("Accept", equalTo("application/json"))
                .withHeader("Authorization", matching("SharedAccessSignature sr=.*"))
                .withoutHeader("Accept-Encoding"));
    }

    @Test
    void throughAProxyEveryRequestGoesToTheProxyWhichGetsItsCredentialsWhenItAsks() {
        // The WireMock server plays the proxy; the hub's own address does not resolve, so only the proxy can answer.
        String credentials = "Basic " + Base64.getEncoder().encodeToString("relay:pass".getBytes(StandardCharsets.UTF_8));
        hub.stubFor(get(urlPathEqualTo("/jobs/v2/job01")).atPriority(2).willReturn(aResponse().withStatus(407)
                .withHeader("Proxy-Authenticate", "Basic realm=\"proxy\"")));
        hub.stubFor(get(urlPathEqualTo("/jobs/v2/job01")).atPriority(1)
                .withHeader("Proxy-Authorization", equalTo(credentials)).willReturn(okJson(JOB)));
        String uri = "iotjobs:hub?operation=getJob&baseUrl=http://myhub.invalid&proxyHost=localhost&proxyPort="
                     + hub.port() + "&proxyUsername=relay&proxyPassword=pass";

        Exchange exchange = call(uri, null, Map.of(IotJobsConstants.JOB_ID, "job01"));

        assertThat(exchange.getException()).isNull();
        assertThat(exchange.getMessage().getBody(IotJob.class).jobId()).isEqualTo("job01");
        hub.verify(2, getRequestedFor(urlPathEqualTo("/jobs/v2/job01")).withHeader("Host", equalTo("myhub.invalid"))
                .withHeader("User-Agent", equalTo("camel-iotjobs")).withoutHeader("Accept-Encoding"));
    }

    @Test
    void aBaseUrlWithoutSchemeOrHostIsRefusedBeforeAnyRequest() {
        for (String baseUrl : new String[] { "localhost:8080", "myhub.azure-devices.net", "ftp://myhub" }) {
            assertThatThrownBy(() -> context.getEndpoint("iotjobs:hub?operation=getJob&baseUrl=" + baseUrl)
                    .createProducer().start()).rootCause().isInstanceOf(IotJobsValidationException.class)
                    .hasMessageContaining("baseUrl");
        }
        assertThat(hub.getAllServeEvents()).isEmpty();
    }
}
