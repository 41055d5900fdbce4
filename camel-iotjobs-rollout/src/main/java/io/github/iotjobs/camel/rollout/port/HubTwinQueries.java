/*
 * Licensed to the Apache Software Foundation (ASF) under one or more contributor license agreements; and to You
 * under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance with the
 * License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.iotjobs.camel.rollout.port;

import java.io.Closeable;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.iotjobs.camel.IotJobsComponent;
import io.github.iotjobs.camel.IotJobsConfiguration;
import io.github.iotjobs.camel.IotJobsEndpoint;
import io.github.iotjobs.camel.IotJobsOperationFailedException;
import io.github.iotjobs.camel.IotJobsPlatform;
import io.github.iotjobs.camel.client.JobsClientFactory;
import io.github.iotjobs.camel.client.Page;
import io.github.iotjobs.camel.client.SharedResources;
import io.github.iotjobs.camel.client.hub.HubBudgets;
import io.github.iotjobs.camel.client.hub.HubConnectionString;
import io.github.iotjobs.camel.client.hub.HubErrorDecoder;
import io.github.iotjobs.camel.client.hub.SasTokenProvider;
import io.github.iotjobs.camel.metrics.PlatformMeters;
import io.github.iotjobs.camel.transport.ApiRequest;
import io.github.iotjobs.camel.transport.ApiResponse;
import io.github.iotjobs.camel.transport.Authorizer;
import io.github.iotjobs.camel.transport.HttpClientFactory;
import io.github.iotjobs.camel.transport.JsonBodies;
import io.github.iotjobs.camel.transport.PlatformHttpClient;
import io.github.iotjobs.camel.transport.RetryMode;
import io.github.iotjobs.camel.transport.RetryPolicy;

/**
 * Twin projection queries ({@code SELECT deviceId, tags, properties.desired FROM devices WHERE ...}) on the hub of
 * an iotjobs endpoint, answered as the projected rows. The client layer's {@code DeviceQueries} returns ids only;
 * this sends its queries on the same connection pool and under the same hub request budget (the queries class) as
 * the endpoint's own client, so rollouts and routes share one quota.
 */
public final class HubTwinQueries implements Closeable {

    private static final String CONTINUATION = "x-ms-continuation";
    private static final String MAX_ITEM_COUNT = "x-ms-max-item-count";

    private final PlatformHttpClient http;
    private final String apiVersion;

    private HubTwinQueries(PlatformHttpClient http, String apiVersion) {
        this.http = http;
        this.apiVersion = apiVersion;
    }

    /** The twin queries of the endpoint's hub, or null when its platform has no twin query (manager, central). */
    public static HubTwinQueries of(IotJobsEndpoint endpoint) throws Exception {
        IotJobsConfiguration configuration = endpoint.getConfiguration();
        if (configuration.getPlatform() != IotJobsPlatform.hub) {
            return null;
        }
        SharedResources shared = ((IotJobsComponent) endpoint.getComponent()).getSharedResources();
        HubConnectionString connection = HubConnectionString.parse(configuration.getConnectionString());
        Authorizer authorizer = connection.sharedAccessSignature() != null
                ? connection::sharedAccessSignature
                : new SasTokenProvider(connection, Duration.ofMillis(configuration.getSasTokenTimeToLive()),
                        Clock.systemUTC());
        String baseUrl = JobsClientFactory.serviceUrl(configuration);
        HubBudgets budgets = new HubBudgets(shared, connection.hostName(), configuration.getTier(),
                configuration.getUnits());
        SharedResources.Lease lease = shared.httpClient(HttpClientFactory.poolKey(configuration, baseUrl),
                () -> HttpClientFactory.create(configuration, endpoint.getCamelContext()));
        RetryPolicy retries = new RetryPolicy(configuration.getMaxRetries(),
                Duration.ofMillis(configuration.getRetryInitialDelay()),
                Duration.ofMillis(configuration.getRetryMaxDelay()));
        return new HubTwinQueries(new PlatformHttpClient(lease.client(), baseUrl, authorizer, new HubErrorDecoder(),
                retries, budgets::of, lease.release(),
                new PlatformMeters(shared.metrics(), configuration.getPlatform().name())),
                configuration.effectiveApiVersion());
    }

    /**
     * One page of the rows a twin query answers.
     *
     * @param query a whole query, e.g. {@code SELECT deviceId, properties.reported FROM devices WHERE ...}
     */
    public Page<ObjectNode> query(String query, int pageSize, String continuation)
            throws IotJobsOperationFailedException {
        ObjectNode body = JsonBodies.mapper().createObjectNode().put("query", query);
        ApiRequest request = ApiRequest.post("/devices/query", JsonBodies.write(body), RetryMode.SAFE)
                .withQuery("api-version", apiVersion).withHeader(MAX_ITEM_COUNT, Integer.toString(pageSize));
        if (continuation != null) {
            request = request.withHeader(CONTINUATION, continuation);
        }
        ApiResponse response = http.execute(request);
        List<ObjectNode> rows = new ArrayList<>();
        for (JsonNode item : JsonBodies.readArray(request, response)) {
            if (item instanceof ObjectNode row) {
                rows.add(row);
            }
        }
        String next = response.header(CONTINUATION);
        return new Page<>(rows, next == null || next.isEmpty() ? null : next);
    }

    @Override
    public void close() {
        http.close();
    }
}
