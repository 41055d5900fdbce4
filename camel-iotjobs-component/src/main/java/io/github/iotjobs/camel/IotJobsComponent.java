/*
 * Licensed to the Apache Software Foundation (ASF) under one or more contributor license agreements; and to You
 * under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance with the
 * License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.iotjobs.camel;

import java.util.Arrays;
import java.util.Map;

import io.github.iotjobs.camel.client.SharedResources;
import io.github.iotjobs.camel.metrics.MetricsLookup;

import org.apache.camel.Endpoint;
import org.apache.camel.SSLContextParametersAware;
import org.apache.camel.spi.Metadata;
import org.apache.camel.spi.annotations.Component;
import org.apache.camel.support.HealthCheckComponent;

/**
 * Creates iotjobs endpoints. Options set on the component ({@code camel.component.iotjobs.*}) are the defaults of
 * every endpoint; each endpoint works on its own copy.
 */
@Component("iotjobs")
public class IotJobsComponent extends HealthCheckComponent implements SSLContextParametersAware {

    @Metadata(description = "The options shared by every endpoint of this component")
    private IotJobsConfiguration configuration = new IotJobsConfiguration();

    @Metadata(label = "security", defaultValue = "false")
    private boolean useGlobalSslContextParameters;

    /** Connection pools and hub request budgets shared by this component's endpoints. */
    private final SharedResources sharedResources = new SharedResources();

    @Override
    protected Endpoint createEndpoint(String uri, String remaining, Map<String, Object> parameters) throws Exception {
        IotJobsConfiguration endpointConfiguration = configuration.copy();
        endpointConfiguration.setPlatform(platform(remaining));
        IotJobsEndpoint endpoint = new IotJobsEndpoint(uri, this, endpointConfiguration);
        setProperties(endpoint, parameters);
        if (endpointConfiguration.getSslContextParameters() == null) {
            endpointConfiguration.setSslContextParameters(retrieveGlobalSslContextParameters());
        }
        return endpoint;
    }

    private static IotJobsPlatform platform(String remaining) {
        for (IotJobsPlatform platform : IotJobsPlatform.values()) {
            if (platform.name().equalsIgnoreCase(remaining)) {
                return platform;
            }
        }
        throw new IllegalArgumentException("platform '" + remaining + "' is not one of "
                                           + Arrays.toString(IotJobsPlatform.values())
                                           + "; the endpoint URI is iotjobs:platform[?options]");
    }

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        // Meters only when the application has a registry (Spring Boot Actuator, camel-micrometer).
        sharedResources.useMetrics(MetricsLookup.find(getCamelContext()));
    }

    /** Connection pools and hub request budgets, shared by this component's endpoints. */
    public SharedResources getSharedResources() {
        return sharedResources;
    }

    /**
     * The options shared by every endpoint of this component.
     */
    public IotJobsConfiguration getConfiguration() {
        return configuration;
    }

    public void setConfiguration(IotJobsConfiguration configuration) {
        this.configuration = configuration;
    }

    /**
     * Use the global SSLContextParameters of the Camel context when an endpoint sets none.
     */
    @Override
    public boolean isUseGlobalSslContextParameters() {
        return useGlobalSslContextParameters;
    }

    @Override
    public void setUseGlobalSslContextParameters(boolean useGlobalSslContextParameters) {
        this.useGlobalSslContextParameters = useGlobalSslContextParameters;
    }
}
