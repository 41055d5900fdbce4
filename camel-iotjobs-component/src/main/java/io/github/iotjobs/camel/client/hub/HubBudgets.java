/*
 * Licensed to the Apache Software Foundation (ASF) under one or more contributor license agreements; and to You
 * under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance with the
 * License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.iotjobs.camel.client.hub;

import java.util.Locale;

import io.github.iotjobs.camel.IotJobsTier;
import io.github.iotjobs.camel.client.SharedResources;
import io.github.iotjobs.camel.transport.ApiRequest;
import io.github.iotjobs.camel.transport.RequestBudget;

/**
 * The hub's request classes and their quotas (protocol.md §8): jobs operations under {@code /jobs/v2} and device
 * queries ({@code POST /devices/query}), per minute for the hub's tier and units. The budgets are shared by every
 * client of the hub in {@link SharedResources}.
 */
public final class HubBudgets {

    private final RequestBudget jobs;
    private final RequestBudget queries;

    public HubBudgets(SharedResources shared, String hostName, IotJobsTier tier, int units) {
        String key = hostName.toLowerCase(Locale.ROOT) + "/" + tier + "/" + units;
        this.jobs = shared.budget(key, "jobs", name -> new RequestBudget(name, tier.jobsPerMinute(units),
                System::nanoTime));
        this.queries = shared.budget(key, "queries", name -> new RequestBudget(name, tier.queriesPerMinute(units),
                System::nanoTime));
    }

    /** The jobs operations' budget (creates, gets, cancels, listings under {@code /jobs/v2}). */
    public RequestBudget jobs() {
        return jobs;
    }

    /** The budget the request draws on, or null for requests outside the quotas. */
    public RequestBudget of(ApiRequest request) {
        if (request.path().startsWith("/jobs/v2")) {
            return jobs;
        }
        return request.path().startsWith("/devices/query") ? queries : null;
    }
}
