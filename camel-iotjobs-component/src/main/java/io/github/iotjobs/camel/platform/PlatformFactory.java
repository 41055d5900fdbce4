/*
 * Licensed to the Apache Software Foundation (ASF) under one or more contributor license agreements; and to You
 * under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance with the
 * License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.iotjobs.camel.platform;

import java.time.Clock;
import java.time.Duration;

import io.github.iotjobs.camel.IotJobsConfiguration;
import io.github.iotjobs.camel.IotJobsPlatform;
import io.github.iotjobs.camel.platform.central.CentralCredentials;
import io.github.iotjobs.camel.platform.central.CentralErrorDecoder;
import io.github.iotjobs.camel.platform.central.CentralJobParser;
import io.github.iotjobs.camel.platform.central.CentralPlatform;
import io.github.iotjobs.camel.platform.hub.HubConnectionString;
import io.github.iotjobs.camel.platform.hub.HubErrorDecoder;
import io.github.iotjobs.camel.platform.hub.HubJobParser;
import io.github.iotjobs.camel.platform.hub.HubPlatform;
import io.github.iotjobs.camel.platform.hub.SasTokenProvider;
import io.github.iotjobs.camel.platform.manager.ManagerErrorDecoder;
import io.github.iotjobs.camel.platform.manager.ManagerJobParser;
import io.github.iotjobs.camel.platform.manager.ManagerPlatform;
import io.github.iotjobs.camel.transport.Authorizer;
import io.github.iotjobs.camel.transport.HttpClientFactory;
import io.github.iotjobs.camel.transport.PlatformHttpClient;
import io.github.iotjobs.camel.transport.RetryPolicy;
import io.github.iotjobs.camel.validation.IotJobsValidationException;
import org.apache.camel.CamelContext;

/**
 * Checks an endpoint's connection options and builds the platform client they describe.
 */
public final class PlatformFactory {

    private PlatformFactory() {
    }

    /** Fails naming the option when credentials or addresses are missing or malformed. */
    public static void validate(IotJobsConfiguration configuration) {
        switch (configuration.getPlatform()) {
            case hub -> HubConnectionString.parse(configuration.getConnectionString());
            case central -> {
                requireText("baseUrl", configuration.getBaseUrl(), "the service address,"
                                                                   + " https://{subdomain}.azureiotcentral.com");
                CentralCredentials.authorizer(configuration.getApiToken(), configuration.getAccessToken());
            }
            case manager -> requireText("baseUrl", configuration.getBaseUrl(), "the service address");
        }
    }

    public static JobPlatform create(IotJobsConfiguration configuration, CamelContext context) throws Exception {
        return switch (configuration.getPlatform()) {
            case hub -> hub(configuration, context);
            case central -> central(configuration, context);
            case manager -> manager(configuration, context);
        };
    }

    private static JobPlatform hub(IotJobsConfiguration configuration, CamelContext context) throws Exception {
        HubConnectionString connection = HubConnectionString.parse(configuration.getConnectionString());
        Authorizer authorizer = connection.sharedAccessSignature() != null
                ? connection::sharedAccessSignature
                : new SasTokenProvider(connection, Duration.ofMillis(configuration.getSasTokenTimeToLive()),
                        Clock.systemUTC());
        PlatformHttpClient http = new PlatformHttpClient(HttpClientFactory.create(configuration, context),
                hubBaseUrl(configuration), authorizer, new HubErrorDecoder(), retryPolicy(configuration));
        return new HubPlatform(http, configuration.effectiveApiVersion(), new HubJobParser(),
                configuration.getMaxRetries());
    }

    private static JobPlatform central(IotJobsConfiguration configuration, CamelContext context) throws Exception {
        validate(configuration);
        Authorizer authorizer = CentralCredentials.authorizer(configuration.getApiToken(),
                configuration.getAccessToken());
        PlatformHttpClient http = new PlatformHttpClient(HttpClientFactory.create(configuration, context),
                configuration.getBaseUrl(), authorizer, new CentralErrorDecoder(), retryPolicy(configuration));
        return new CentralPlatform(http, configuration.getBaseUrl(), configuration.effectiveApiVersion(),
                new CentralJobParser());
    }

    private static JobPlatform manager(IotJobsConfiguration configuration, CamelContext context) throws Exception {
        validate(configuration);
        String token = configuration.getAccessToken();
        Authorizer authorizer = token == null || token.isBlank() ? Authorizer.NONE
                : () -> token.trim().regionMatches(true, 0, "Bearer ", 0, 7) ? token.trim() : "Bearer " + token.trim();
        PlatformHttpClient http = new PlatformHttpClient(HttpClientFactory.create(configuration, context),
                configuration.getBaseUrl(), authorizer, new ManagerErrorDecoder(), retryPolicy(configuration));
        return new ManagerPlatform(http, new ManagerJobParser(), configuration.getMaxRetries());
    }

    private static RetryPolicy retryPolicy(IotJobsConfiguration configuration) {
        return new RetryPolicy(configuration.getMaxRetries(), Duration.ofMillis(configuration.getRetryInitialDelay()),
                Duration.ofMillis(configuration.getRetryMaxDelay()));
    }

    /** The address requests go to, for observability; never contains credentials. */
    public static String serviceUrl(IotJobsConfiguration configuration) {
        if (configuration.getPlatform() != IotJobsPlatform.hub) {
            return configuration.getBaseUrl();
        }
        try {
            return hubBaseUrl(configuration);
        } catch (IotJobsValidationException noConnectionStringYet) {
            return null;
        }
    }

    /** The baseUrl option, or the hub's own address from the connection string. */
    private static String hubBaseUrl(IotJobsConfiguration configuration) {
        if (configuration.getBaseUrl() != null && !configuration.getBaseUrl().isBlank()) {
            return configuration.getBaseUrl();
        }
        return "https://" + HubConnectionString.parse(configuration.getConnectionString()).hostName();
    }

    private static void requireText(String field, String value, String what) {
        if (value == null || value.isBlank()) {
            throw new IotJobsValidationException(field, field + " is required: " + what);
        }
    }
}
