/*
 * Licensed to the Apache Software Foundation (ASF) under one or more contributor license agreements; and to You
 * under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance with the
 * License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.iotjobs.camel.rollout.port;

import java.util.function.BooleanSupplier;

import io.github.iotjobs.camel.IotJobsComponent;
import io.github.iotjobs.camel.IotJobsConfiguration;
import io.github.iotjobs.camel.IotJobsEndpoint;
import io.github.iotjobs.camel.IotJobsPlatform;
import io.github.iotjobs.camel.client.hub.HubBudgets;
import io.github.iotjobs.camel.client.hub.HubConnectionString;
import io.github.iotjobs.camel.transport.RequestBudget;

/**
 * Whether the hub's jobs-operations budget (the one the iotjobs endpoint's client draws on, shared with every
 * producer and consumer of the hub) has room for a create now, so the governor admits a job only when its create
 * can be sent without waiting.
 */
public final class HubJobsBudget {

    private HubJobsBudget() {
    }

    /** Always true on a platform without client-side quotas. */
    public static BooleanSupplier createAllowed(IotJobsEndpoint endpoint) {
        IotJobsConfiguration configuration = endpoint.getConfiguration();
        if (configuration.getPlatform() != IotJobsPlatform.hub) {
            return () -> true;
        }
        RequestBudget jobs = new HubBudgets(((IotJobsComponent) endpoint.getComponent()).getSharedResources(),
                HubConnectionString.parse(configuration.getConnectionString()).hostName(), configuration.getTier(),
                configuration.getUnits()).jobs();
        return () -> jobs.available() >= 1;
    }
}
