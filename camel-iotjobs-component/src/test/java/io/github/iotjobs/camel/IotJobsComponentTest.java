/*
 * Licensed to the Apache Software Foundation (ASF) under one or more contributor license agreements; and to You
 * under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance with the
 * License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.iotjobs.camel;

import java.util.LinkedHashMap;
import java.util.Map;

import io.github.iotjobs.camel.model.JobStatus;
import org.apache.camel.CamelContext;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.main.Main;
import org.apache.camel.spi.EndpointUriFactory;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Endpoint options, their defaults, and the integrations users touch: component properties, URI building, masking.
 */
class IotJobsComponentTest {

    private static final String CONNECTION_STRING
            = "HostName=myhub.azure-devices.net;SharedAccessKeyName=iothubowner;SharedAccessKey=a2V5a2V5a2V5";

    @Test
    void endpointOptionsAndDefaults() throws Exception {
        try (CamelContext context = new DefaultCamelContext()) {
            IotJobsEndpoint endpoint = context.getEndpoint("iotjobs:hub?operation=scheduleDeviceMethod"
                                                           + "&methodName=reboot&jobStatus=running&pollInterval=2s",
                    IotJobsEndpoint.class);

            IotJobsConfiguration configuration = endpoint.getConfiguration();
            assertThat(configuration.getPlatform()).isEqualTo(IotJobsPlatform.hub);
            assertThat(configuration.getOperation()).isEqualTo(IotJobsOperations.scheduleDeviceMethod);
            assertThat(configuration.getMethodName()).isEqualTo("reboot");
            assertThat(configuration.getJobStatus()).isEqualTo(JobStatus.running);
            assertThat(configuration.getPollInterval()).isEqualTo(2000);
            assertThat(configuration.getMethodResponseTimeout()).isEqualTo(30);
            assertThat(configuration.getMethodConnectTimeout()).isZero();
            assertThat(configuration.getMaxExecutionTime()).isEqualTo(3600);
            assertThat(configuration.getPageSize()).isEqualTo(100);
            assertThat(configuration.getMaxRetries()).isEqualTo(4);
            assertThat(configuration.effectiveApiVersion()).isEqualTo("2021-04-12");
        }
    }

    @Test
    void eachPlatformHasItsApiVersion() throws Exception {
        try (CamelContext context = new DefaultCamelContext()) {
            assertThat(context.getEndpoint("iotjobs:central", IotJobsEndpoint.class).getConfiguration()
                    .effectiveApiVersion()).isEqualTo("2022-07-31");
            assertThat(context.getEndpoint("iotjobs:hub?apiVersion=2020-09-30", IotJobsEndpoint.class)
                    .getConfiguration().effectiveApiVersion()).isEqualTo("2020-09-30");
        }
    }

    @Test
    void anUnknownPlatformIsRefusedNamingTheChoices() throws Exception {
        try (CamelContext context = new DefaultCamelContext()) {
            assertThatThrownBy(() -> context.getEndpoint("iotjobs:edge")).hasStackTraceContaining("hub, central, manager");
        }
    }

    @Test
    void componentPropertiesAreEveryEndpointsDefaults() throws Exception {
        Main main = new Main();
        main.addInitialProperty("camel.component.iotjobs.connectionString", CONNECTION_STRING);
        main.addInitialProperty("camel.component.iotjobs.maxRetries", "7");
        main.addInitialProperty("camel.component.iotjobs.apiVersion", "2020-09-30");
        main.configure().withDurationMaxSeconds(1);
        main.init();
        try {
            CamelContext context = main.getCamelContext();
            IotJobsEndpoint endpoint = context.getEndpoint("iotjobs:hub?maxRetries=2", IotJobsEndpoint.class);
            assertThat(endpoint.getConfiguration().getConnectionString()).isEqualTo(CONNECTION_STRING);
            assertThat(endpoint.getConfiguration().getApiVersion()).isEqualTo("2020-09-30");
            assertThat(endpoint.getConfiguration().getMaxRetries()).isEqualTo(2);
            assertThat(context.getComponent("iotjobs", IotJobsComponent.class).getConfiguration().getMaxRetries())
                    .isEqualTo(7);
        } finally {
            main.stop();
        }
    }

    @Test
    void secretsAreMaskedInEndpointStrings() throws Exception {
        try (CamelContext context = new DefaultCamelContext()) {
            IotJobsEndpoint endpoint = context.getEndpoint(
                    "iotjobs:central?baseUrl=https://app.azureiotcentral.com&apiToken=RAW(SharedAccessSignature sr=x"
                                                           + "&sig=c2lnbmF0dXJl&skn=t&se=1)&proxyPassword=hunter2",
                    IotJobsEndpoint.class);
            assertThat(endpoint.toString()).doesNotContain("c2lnbmF0dXJl").doesNotContain("hunter2");
        }
    }

    @Test
    void theUriFactoryBuildsUrisAndKnowsTheSecrets() throws Exception {
        try (CamelContext context = new DefaultCamelContext()) {
            context.start();
            EndpointUriFactory factory = context.getCamelContextExtension().getEndpointUriFactory("iotjobs");
            Map<String, Object> properties = new LinkedHashMap<>();
            properties.put("platform", "hub");
            properties.put("operation", "getJob");
            properties.put("jobId", "job01");
            assertThat(factory.buildUri("iotjobs", properties)).isEqualTo("iotjobs:hub?jobId=job01&operation=getJob");
            assertThat(factory.secretPropertyNames())
                    .contains("connectionString", "apiToken", "accessToken", "proxyPassword");
        }
    }
}
