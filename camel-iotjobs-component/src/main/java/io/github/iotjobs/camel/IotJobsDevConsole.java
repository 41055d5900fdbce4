/*
 * Licensed to the Apache Software Foundation (ASF) under one or more contributor license agreements; and to You
 * under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance with the
 * License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.iotjobs.camel;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import io.github.iotjobs.camel.consumer.PollStatus;
import io.github.iotjobs.camel.producer.PendingWork;
import io.github.iotjobs.camel.transport.RequestBudget;
import org.apache.camel.Endpoint;
import org.apache.camel.Route;
import org.apache.camel.spi.annotations.DevConsole;
import org.apache.camel.support.console.AbstractDevConsole;
import org.apache.camel.util.URISupport;
import org.apache.camel.util.json.JsonArray;
import org.apache.camel.util.json.JsonObject;

/**
 * The {@code iotjobs} dev console: the endpoints in use with their platform and service address, the request quota
 * use of each hub by request class, every consumer with its last poll and lag, and the exchanges waiting in producers.
 * Reads what the component keeps anyway; it sends no request.
 */
@DevConsole(name = "iotjobs", displayName = "IoT Jobs", description = "Platforms, hub quotas, consumers and waits")
public class IotJobsDevConsole extends AbstractDevConsole {

    public IotJobsDevConsole() {
        super("camel", "iotjobs", "IoT Jobs", "Platforms, hub quotas, consumers and waits");
    }

    @Override
    protected Map<String, Object> doCallJson(Map<String, Object> options) {
        JsonObject root = new JsonObject();
        root.put("endpoints", endpoints());
        root.put("hubs", hubs());
        root.put("consumers", consumers());
        root.put("waits", totalWaits());
        return root;
    }

    @Override
    protected String doCallText(Map<String, Object> options) {
        StringBuilder text = new StringBuilder();
        for (Object each : endpoints()) {
            JsonObject endpoint = (JsonObject) each;
            text.append(String.format("Endpoint: %s%n    Platform: %s%n    Service: %s%n    Waiting exchanges: %s%n",
                    endpoint.get("uri"), endpoint.get("platform"), endpoint.get("serviceUrl"),
                    endpoint.get("waits")));
        }
        for (Object each : hubs()) {
            JsonObject hub = (JsonObject) each;
            text.append(String.format("Hub: %s (%s, %s units)%n", hub.get("hub"), hub.get("tier"), hub.get("units")));
            for (Object quota : (JsonArray) hub.get("quotas")) {
                JsonObject q = (JsonObject) quota;
                text.append(String.format("    Quota %s: %s of %s per minute available, %s requests sent%n",
                        q.get("class"), q.get("available"), q.get("perMinute"), q.get("requests")));
            }
        }
        for (Object each : consumers()) {
            JsonObject consumer = (JsonObject) each;
            text.append(String.format("Consumer: %s (route %s)%n", consumer.get("uri"), consumer.get("routeId")));
            text.append(String.format("    Reachable: %s%n    Last poll: %s%n    Last success: %s%n    Lag: %s ms%n",
                    consumer.get("reachable"), consumer.get("lastPoll"), consumer.get("lastSuccess"),
                    consumer.get("lagMillis")));
            text.append(String.format("    Tracked jobs: %s%n    Consecutive failures: %s%n",
                    consumer.get("trackedJobs"), consumer.get("consecutiveFailures")));
        }
        text.append(String.format("Waiting exchanges: %d%n", totalWaits()));
        return text.toString();
    }

    private JsonArray endpoints() {
        JsonArray endpoints = new JsonArray();
        for (Endpoint each : getCamelContext().getEndpoints()) {
            if (each instanceof IotJobsEndpoint endpoint) {
                JsonObject json = new JsonObject();
                json.put("uri", URISupport.sanitizeUri(endpoint.getEndpointUri()));
                json.put("platform", endpoint.getConfiguration().getPlatform().name());
                json.put("serviceUrl", endpoint.getServiceUrl());
                json.put("started", endpoint.isStarted());
                json.put("waits", waits(endpoint));
                endpoints.add(json);
            }
        }
        return endpoints;
    }

    private static int waits(IotJobsEndpoint endpoint) {
        PendingWork pending = endpoint.getPendingWork();
        return pending == null ? 0 : pending.size();
    }

    private int totalWaits() {
        int total = 0;
        for (Endpoint each : getCamelContext().getEndpoints()) {
            if (each instanceof IotJobsEndpoint endpoint) {
                total += waits(endpoint);
            }
        }
        return total;
    }

    /** Each hub's request budgets: the key is the hub's host, tier and units ({@code host/S1/1}). */
    private JsonArray hubs() {
        JsonArray hubs = new JsonArray();
        for (String name : getCamelContext().getComponentNames()) {
            if (getCamelContext().hasComponent(name) instanceof IotJobsComponent component) {
                component.getSharedResources().budgets().forEach((key, classes) -> hubs.add(hub(key, classes)));
            }
        }
        return hubs;
    }

    private static JsonObject hub(String key, Map<String, RequestBudget> classes) {
        String[] parts = key.split("/");
        JsonObject hub = new JsonObject();
        hub.put("hub", parts[0]);
        hub.put("tier", parts[1]);
        hub.put("units", Integer.parseInt(parts[2]));
        JsonArray quotas = new JsonArray();
        classes.forEach((requestClass, budget) -> {
            double available = Math.floor(budget.available() * 10) / 10;
            JsonObject quota = new JsonObject();
            quota.put("class", requestClass);
            quota.put("perMinute", budget.perMinute());
            quota.put("available", available);
            quota.put("used", Math.round((budget.perMinute() - available) * 10) / 10.0);
            quota.put("requests", budget.taken());
            quotas.add(quota);
        });
        hub.put("quotas", quotas);
        return hub;
    }

    private JsonArray consumers() {
        JsonArray consumers = new JsonArray();
        for (Route route : getCamelContext().getRoutes()) {
            if (route.getConsumer() instanceof IotJobsConsumer consumer) {
                consumers.add(consumer(route, consumer));
            }
        }
        return consumers;
    }

    private static JsonObject consumer(Route route, IotJobsConsumer consumer) {
        JsonObject json = new JsonObject();
        json.put("routeId", route.getRouteId());
        json.put("uri", URISupport.sanitizeUri(consumer.getEndpoint().getEndpointUri()));
        json.put("platform", consumer.getEndpoint().getConfiguration().getPlatform().name());
        json.put("started", consumer.isStarted());
        PollStatus status = consumer.getPollStatus();
        if (status == null) {
            return json;
        }
        json.put("reachable", status.isReachable());
        json.put("trackedJobs", status.trackedJobs());
        json.put("lastEvents", status.lastEventCount());
        json.put("consecutiveFailures", status.consecutiveFailures());
        putTime(json, "lastPoll", status.lastPollTime());
        putTime(json, "lastSuccess", status.lastSuccessTime());
        // Lag: how old the consumer's view of the platform is, from its last successful poll.
        if (status.lastSuccessTime() != null) {
            json.put("lagMillis", Duration.between(status.lastSuccessTime(), Instant.now()).toMillis());
        }
        if (status.lastFailureStatus() != null) {
            json.put("lastFailureStatus", status.lastFailureStatus());
        }
        return json;
    }

    private static void putTime(JsonObject json, String key, Instant time) {
        if (time != null) {
            json.put(key, time.toString());
        }
    }
}
