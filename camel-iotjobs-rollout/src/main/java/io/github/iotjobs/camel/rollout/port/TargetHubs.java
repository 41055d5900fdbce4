/*
 * Licensed to the Apache Software Foundation (ASF) under one or more contributor license agreements; and to You
 * under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance with the
 * License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.iotjobs.camel.rollout.port;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;

import io.github.iotjobs.camel.IotJobsEndpoint;
import io.github.iotjobs.camel.IotJobsOperationFailedException;
import io.github.iotjobs.camel.IotJobsTier;
import io.github.iotjobs.camel.rollout.plan.PlanTarget;
import io.github.iotjobs.camel.rollout.plan.RolloutPlan;
import io.github.iotjobs.camel.rollout.plan.RolloutPlanException;
import io.github.iotjobs.camel.rollout.stage.HubTier;
import org.apache.camel.CamelContext;
import org.apache.camel.Endpoint;
import org.apache.camel.support.service.ServiceHelper;
import org.apache.camel.util.URISupport;

/**
 * The hubs of the plans over several targets: each target's {@code jobsEndpoint} looked up once in the CamelContext
 * (so its connection is the iotjobs component's or the URI's, as for any iotjobs endpoint) and kept for every rollout
 * that names it.
 */
public final class TargetHubs {

    private final CamelContext context;
    private final Map<String, IotJobsEndpoint> endpoints = new ConcurrentHashMap<>();

    public TargetHubs(CamelContext context) {
        this.context = context;
    }

    /** The tier a hub has when the rollout does not say: the endpoint's (S1 when it has none). */
    public static HubTier tierOf(IotJobsEndpoint endpoint) {
        IotJobsTier tier = endpoint.getConfiguration().getTier();
        return tier == null ? HubTier.S1 : tier == IotJobsTier.FREE ? HubTier.F1 : HubTier.valueOf(tier.name());
    }

    /** Each target's hub, in the plan's order; a target whose endpoint cannot be used is refused, naming it. */
    public List<TargetRoutedJobs.Target> open(RolloutPlan plan) {
        List<TargetRoutedJobs.Target> targets = new ArrayList<>(plan.targets().size());
        for (int i = 0; i < plan.targets().size(); i++) {
            PlanTarget target = plan.targets().get(i);
            String field = "targets[" + i + "].jobsEndpoint";
            IotJobsEndpoint endpoint = endpoint(field, target.jobsEndpoint());
            RolloutJobs jobs;
            try {
                jobs = new ClientRolloutJobs(endpoint.getClient(), null);
            } catch (IllegalArgumentException e) {
                throw new RolloutPlanException(field, e.getMessage());
            }
            HubTier tier = target.tier() != null ? target.tier() : tierOf(endpoint);
            int units = target.units() != null ? target.units() : Math.max(1, endpoint.getConfiguration().getUnits());
            targets.add(new TargetRoutedJobs.Target(target.name(), jobs, tier, units));
        }
        return targets;
    }

    /** The port a rollout over the plan's targets runs on, watching each hub's health with the clock. */
    public TargetRoutedJobs jobsFor(RolloutPlan plan, Clock clock) {
        return new TargetRoutedJobs(open(plan), clock, plan.unreachableAfterOrDefault());
    }

    /**
     * Each target's devices, resolved on its own hub, in the plan's order.
     *
     * @throws CompletionException around the failure of a hub
     */
    public static List<List<String>> resolve(RolloutPlan plan, List<TargetRoutedJobs.Target> hubs) {
        List<List<String>> devices = new ArrayList<>(hubs.size());
        for (int i = 0; i < hubs.size(); i++) {
            PlanTarget target = plan.targets().get(i);
            if (target.devices() != null) {
                devices.add(target.devices());
                continue;
            }
            List<String> found = new ArrayList<>();
            try {
                hubs.get(i).jobs().queryDevices(target.query(), found::addAll);
            } catch (IllegalStateException e) {
                throw new RolloutPlanException("targets[" + i + "].query", e.getMessage());
            } catch (IotJobsOperationFailedException e) {
                throw new CompletionException(e);
            }
            devices.add(found);
        }
        return devices;
    }

    private IotJobsEndpoint endpoint(String field, String uri) {
        IotJobsEndpoint known = endpoints.get(uri);
        if (known != null) {
            return known;
        }
        // The URI may carry a connection string or a token: only its sanitized form goes into a message.
        String shown = URISupport.sanitizeUri(uri);
        Endpoint endpoint;
        try {
            endpoint = context.getEndpoint(uri);
        } catch (RuntimeException e) {
            throw new RolloutPlanException(field, "no endpoint " + shown + " in this CamelContext");
        }
        if (!(endpoint instanceof IotJobsEndpoint jobs)) {
            throw new RolloutPlanException(field, shown + " is not an iotjobs endpoint");
        }
        try {
            ServiceHelper.startService(jobs);
        } catch (RuntimeException e) {
            throw new RolloutPlanException(field, "cannot start " + shown + ": " + e.getClass().getSimpleName());
        }
        endpoints.put(uri, jobs);
        return jobs;
    }
}
