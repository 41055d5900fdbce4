/*
 * Licensed to the Apache Software Foundation (ASF) under one or more contributor license agreements; and to You
 * under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance with the
 * License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.iotjobs.camel.rollout.governor;

import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import org.apache.camel.CamelContext;
import org.apache.camel.support.service.ServiceSupport;

/**
 * The governors of a CamelContext, one per hub (its service address), so that every {@code iotrollout} component
 * of the context whose rollouts run on the same hub shares its slots and budgets.
 */
public final class HubGovernors extends ServiceSupport {

    private final Map<String, HubGovernor> governors = new ConcurrentHashMap<>();

    /** The context's governor of this hub, made by {@code factory} when it is the first asked for. */
    public static HubGovernor forHub(CamelContext context, String hub, Supplier<HubGovernor> factory) {
        HubGovernors all;
        synchronized (context) {
            all = context.hasService(HubGovernors.class);
            if (all == null) {
                all = new HubGovernors();
                try {
                    context.addService(all);
                } catch (Exception e) {
                    throw new IllegalStateException("Cannot keep the hub governors in the CamelContext", e);
                }
            }
        }
        return all.governors.computeIfAbsent(hub.toLowerCase(Locale.ROOT), key -> factory.get());
    }
}
