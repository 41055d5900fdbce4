/*
 * Licensed to the Apache Software Foundation (ASF) under one or more contributor license agreements; and to You
 * under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance with the
 * License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.iotjobs.camel.client;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Clock;
import java.time.Duration;
import java.util.function.Function;

import io.github.iotjobs.camel.IotJobsConfiguration;
import io.github.iotjobs.camel.IotJobsPlatform;
import io.github.iotjobs.camel.client.central.CentralCredentials;
import io.github.iotjobs.camel.client.central.CentralErrorDecoder;
import io.github.iotjobs.camel.client.central.CentralJobParser;
import io.github.iotjobs.camel.client.central.CentralJobsClient;
import io.github.iotjobs.camel.client.hub.HubConnectionString;
import io.github.iotjobs.camel.client.hub.HubErrorDecoder;
import io.github.iotjobs.camel.client.hub.HubJobParser;
import io.github.iotjobs.camel.client.hub.HubBudgets;
import io.github.iotjobs.camel.client.hub.HubJobsClient;
import io.github.iotjobs.camel.client.hub.SasTokenProvider;
import io.github.iotjobs.camel.client.manager.ManagerErrorDecoder;
import io.github.iotjobs.camel.client.manager.ManagerJobParser;
import io.github.iotjobs.camel.client.manager.ManagerJobsClient;
import io.github.iotjobs.camel.metrics.PlatformMeters;
import io.github.iotjobs.camel.transport.ApiRequest;
import io.github.iotjobs.camel.transport.Authorizer;
import io.github.iotjobs.camel.transport.ErrorDecoder;
import io.github.iotjobs.camel.transport.HttpClientFactory;
import io.github.iotjobs.camel.transport.PlatformHttpClient;
import io.github.iotjobs.camel.transport.RequestBudget;
import io.github.iotjobs.camel.transport.RetryPolicy;
import io.github.iotjobs.camel.validation.IotJobsValidationException;
import org.apache.camel.CamelContext;

/**
 * Checks an endpoint's connection options and builds the client they describe: the one place where the client layer
 * reads the Camel configuration.
 */
public final class JobsClientFactory {

    private JobsClientFactory() {
    }

    /** Fails naming the option when credentials, addresses or the jobType filter are missing or malformed. */
    public static void validate(IotJobsConfiguration configuration) {
        JobTypes.normalize(configuration.getPlatform(), configuration.getJobType());
        switch (configuration.getPlatform()) {
            case hub -> HubConnectionString.parse(configuration.getConnectionString());
            case central -> {
                requireText("baseUrl", configuration.getBaseUrl(), "the service address,"
                                                                   + " https://{subdomain}.azureiotcentral.com");
                if (configuration.getAccessTokenSupplier() == null) {
                    CentralCredentials.authorizer(configuration.getApiToken(), configuration.getAccessToken());
                }
            }
            case manager -> requireText("baseUrl", configuration.getBaseUrl(), "the service address");
        }
        requireAbsoluteUrl(configuration.getBaseUrl());
    }

    /**
     * Builds the client of the configuration, on the connection pool and request budgets it shares with the other
     * clients of the same service in {@code shared}.
     */
    public static JobsClient create(IotJobsConfiguration configuration, CamelContext context,
                                    SharedResources shared) throws Exception {
        return switch (configuration.getPlatform()) {
            case hub -> hub(configuration, context, shared);
            case central -> central(configuration, context, shared);
            case manager -> manager(configuration, context, shared);
        };
    }

    private static JobsClient hub(IotJobsConfiguration configuration, CamelContext context, SharedResources shared)
            throws Exception {
        HubConnectionString connection = HubConnectionString.parse(configuration.getConnectionString());
        Authorizer authorizer = connection.sharedAccessSignature() != null
                ? connection::sharedAccessSignature
                : new SasTokenProvider(connection, Duration.ofMillis(configuration.getSasTokenTimeToLive()),
                        Clock.systemUTC());
        String baseUrl = hubBaseUrl(configuration);
        HubBudgets budgets = new HubBudgets(shared, connection.hostName(), configuration.getTier(),
                configuration.getUnits());
        return new HubJobsClient(http(configuration, context, shared, baseUrl, authorizer, new HubErrorDecoder(),
                budgets::of), configuration.effectiveApiVersion(), new HubJobParser(), configuration.getMaxRetries());
    }

    private static JobsClient central(IotJobsConfiguration configuration, CamelContext context,
                                      SharedResources shared) throws Exception {
        validate(configuration);
        Authorizer authorizer = configuration.getAccessTokenSupplier() != null
                ? new SuppliedBearerToken(configuration.getAccessTokenSupplier(), Clock.systemUTC())
                : CentralCredentials.authorizer(configuration.getApiToken(), configuration.getAccessToken());
        return new CentralJobsClient(http(configuration, context, shared, configuration.getBaseUrl(), authorizer,
                new CentralErrorDecoder(), request -> null), configuration.getBaseUrl(),
                configuration.effectiveApiVersion(), new CentralJobParser(), configuration.getMaxRetries());
    }

    private static JobsClient manager(IotJobsConfiguration configuration, CamelContext context,
                                      SharedResources shared) throws Exception {
        validate(configuration);
        String token = configuration.getAccessToken();
        Authorizer authorizer;
        if (configuration.getAccessTokenSupplier() != null) {
            authorizer = new SuppliedBearerToken(configuration.getAccessTokenSupplier(), Clock.systemUTC());
        } else if (token == null || token.isBlank()) {
            authorizer = Authorizer.NONE;
        } else {
            authorizer = () -> token.trim().regionMatches(true, 0, "Bearer ", 0, 7) ? token.trim()
                    : "Bearer " + token.trim();
        }
        return new ManagerJobsClient(http(configuration, context, shared, configuration.getBaseUrl(), authorizer,
                new ManagerErrorDecoder(), request -> null), new ManagerJobParser(), configuration.getMaxRetries());
    }

    /** A transport on the pool shared by every client of the same address and connection settings. */
    private static PlatformHttpClient http(IotJobsConfiguration configuration, CamelContext context,
                                           SharedResources shared, String baseUrl, Authorizer authorizer,
                                           ErrorDecoder errors, Function<ApiRequest, RequestBudget> budgets)
            throws Exception {
        SharedResources.Lease lease = shared.httpClient(HttpClientFactory.poolKey(configuration, baseUrl),
                () -> HttpClientFactory.create(configuration, context));
        return new PlatformHttpClient(lease.client(), baseUrl, authorizer, errors, retryPolicy(configuration),
                budgets, lease.release(), new PlatformMeters(shared.metrics(), configuration.getPlatform().name()));
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

    /** A baseUrl, when set, names scheme and host: requests are addressed to them. */
    private static void requireAbsoluteUrl(String baseUrl) {
        if (baseUrl == null || baseUrl.isBlank()) {
            return;
        }
        URI uri;
        try {
            uri = new URI(baseUrl);
        } catch (URISyntaxException e) {
            uri = null;
        }
        boolean http = uri != null && ("http".equalsIgnoreCase(uri.getScheme())
                                       || "https".equalsIgnoreCase(uri.getScheme()));
        if (!http || uri.getHost() == null) {
            throw new IotJobsValidationException("baseUrl", "baseUrl '" + baseUrl + "' must be an absolute http(s)"
                                                            + " URL with a host: https://{host}[:port][/path]");
        }
    }

    private static void requireText(String field, String value, String what) {
        if (value == null || value.isBlank()) {
            throw new IotJobsValidationException(field, field + " is required: " + what);
        }
    }
}
