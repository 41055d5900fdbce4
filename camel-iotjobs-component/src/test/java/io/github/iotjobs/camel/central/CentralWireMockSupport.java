/*
 * Licensed to the Apache Software Foundation (ASF) under one or more contributor license agreements; and to You
 * under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance with the
 * License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.iotjobs.camel.central;

import java.util.HashMap;
import java.util.Map;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.github.iotjobs.camel.IotJobsComponent;
import io.github.iotjobs.camel.IotJobsConfiguration;
import io.github.iotjobs.camel.IotJobsPlatform;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

/** A Camel context whose iotjobs component talks to a WireMock IoT Central application. */
abstract class CentralWireMockSupport extends CamelTestSupport {

    /** A made-up API token; the tests check that it never leaks. */
    static final String TOKEN = "SharedAccessSignature sr=app-1234&sig=c2VjcmV0LXNpZw&skn=operator-token"
                                + "&se=1900000000000";
    static final String API = "2022-07-31";

    static WireMockServer central = new WireMockServer(wireMockConfig().dynamicPort());

    @BeforeAll
    static void startCentral() {
        central.start();
    }

    @AfterAll
    static void stopCentral() {
        central.stop();
    }

    @BeforeEach
    void resetCentral() {
        central.resetAll();
    }

    @Override
    protected CamelContext createCamelContext() throws Exception {
        CamelContext context = super.createCamelContext();
        IotJobsConfiguration defaults = context.getComponent("iotjobs", IotJobsComponent.class).getConfiguration();
        defaults.setPlatform(IotJobsPlatform.central);
        defaults.setApiToken(TOKEN);
        defaults.setBaseUrl("http://localhost:" + central.port());
        defaults.setRetryInitialDelay(5);
        defaults.setRetryMaxDelay(2000);
        return context;
    }

    /** Sends to a central endpoint and returns the exchange, failed or not. */
    Exchange call(String operationOrUri, Object body, Map<String, Object> headers) {
        String uri = operationOrUri.startsWith("iotjobs:") ? operationOrUri
                : "iotjobs:central?operation=" + operationOrUri;
        return template.request(uri, exchange -> {
            exchange.getMessage().setBody(body);
            exchange.getMessage().setHeaders(new HashMap<>(headers));
        });
    }
}
