/*
 * Licensed to the Apache Software Foundation (ASF) under one or more contributor license agreements; and to You
 * under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance with the
 * License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.iotjobs.camel.hub;

import java.util.HashMap;
import java.util.Map;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.github.iotjobs.camel.IotJobsComponent;
import io.github.iotjobs.camel.IotJobsConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

/**
 * A Camel context whose iotjobs component talks to a WireMock IoT Hub. Stubs reproduce the wire shapes of the
 * protocol reference: bare JSON arrays, paging in headers, sparse create responses, nested error bodies.
 */
abstract class HubWireMockSupport extends CamelTestSupport {

    /** A made-up policy key; the tests check that it never leaks. */
    static final String KEY = "c2VjcmV0LWtleS1mb3ItdGhlLXRlc3RzLW9ubHktMzI=";
    static final String HOST = "myhub.azure-devices.net";
    static final String CONNECTION_STRING = "HostName=" + HOST + ";SharedAccessKeyName=iothubowner;SharedAccessKey="
                                            + KEY;
    static final String API = "2021-04-12";

    static WireMockServer hub = new WireMockServer(wireMockConfig().dynamicPort());

    @BeforeAll
    static void startHub() {
        hub.start();
    }

    @AfterAll
    static void stopHub() {
        hub.stop();
    }

    @BeforeEach
    void resetHub() {
        hub.resetAll();
    }

    @Override
    protected CamelContext createCamelContext() throws Exception {
        CamelContext context = super.createCamelContext();
        IotJobsConfiguration defaults = context.getComponent("iotjobs", IotJobsComponent.class).getConfiguration();
        defaults.setConnectionString(CONNECTION_STRING);
        defaults.setBaseUrl("http://localhost:" + hub.port());
        defaults.setRetryInitialDelay(5);
        defaults.setRetryMaxDelay(2000);
        return context;
    }

    /**
     * Sends to a hub endpoint and returns the exchange, failed or not.
     *
     * @param operationOrUri an operation name, or a whole {@code iotjobs:} URI
     */
    Exchange call(String operationOrUri, Object body, Map<String, Object> headers) {
        String uri = operationOrUri.startsWith("iotjobs:") ? operationOrUri : "iotjobs:hub?operation=" + operationOrUri;
        return template.request(uri, exchange -> {
            exchange.getMessage().setBody(body);
            exchange.getMessage().setHeaders(new HashMap<>(headers));
        });
    }
}
