/*
 * Licensed to the Apache Software Foundation (ASF) under one or more contributor license agreements; and to You
 * under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance with the
 * License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.iotjobs.camel.rollout;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import io.github.iotjobs.camel.IotJobsComponent;
import io.github.iotjobs.camel.IotJobsConfiguration;
import io.github.iotjobs.camel.IotJobsTier;
import io.github.iotjobs.camel.rollout.engine.RolloutEvent;
import io.github.iotjobs.camel.rollout.stage.HubTier;
import io.github.iotjobs.camel.rollout.store.RolloutStore;
import io.github.iotjobs.emulator.IotJobsEmulator;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;

/**
 * One orchestrator node as a user's application runs it: a CamelContext with the iotjobs component on the emulator,
 * the iotrollout component on a store, and a route that records every rollout event.
 */
final class RolloutNode implements AutoCloseable {

    final CamelContext context;
    final ProducerTemplate template;
    final List<Exchange> events = new CopyOnWriteArrayList<>();

    RolloutNode(CamelContext context) {
        this.context = context;
        this.template = context.createProducerTemplate();
    }

    static RolloutNode start(IotJobsEmulator hub, HubTier tier, RolloutStore store, Path storeDirectory)
            throws Exception {
        return start(hub, tier, store, storeDirectory, null);
    }

    static RolloutNode start(IotJobsEmulator hub, HubTier tier, RolloutStore store, Path storeDirectory,
            org.apache.camel.Service clusterService) throws Exception {
        return startNode(hub, tier, store, storeDirectory, clusterService, null, context -> {
        });
    }

    /** @param setup changes to the components' settings, applied before the context starts */
    static RolloutNode start(IotJobsEmulator hub, HubTier tier, Path storeDirectory, Consumer<CamelContext> setup)
            throws Exception {
        return startNode(hub, tier, null, storeDirectory, null, null, setup);
    }

    /** @param clock the rollout component's clock (the emulator's manual clock, so both move together); null: UTC */
    static RolloutNode start(IotJobsEmulator hub, HubTier tier, RolloutStore store, Path storeDirectory,
            org.apache.camel.Service clusterService, Clock clock) throws Exception {
        return startNode(hub, tier, store, storeDirectory, clusterService, clock, context -> {
        });
    }

    private static RolloutNode startNode(IotJobsEmulator hub, HubTier tier, RolloutStore store, Path storeDirectory,
            org.apache.camel.Service clusterService, Clock clock, Consumer<CamelContext> setup) throws Exception {
        CamelContext context = new DefaultCamelContext();
        if (clusterService != null) {
            context.addService(clusterService);
        }
        IotJobsConfiguration jobs = context.getComponent("iotjobs", IotJobsComponent.class).getConfiguration();
        jobs.setConnectionString(hub.connectionString());
        jobs.setBaseUrl(hub.baseUrl());
        jobs.setRetryInitialDelay(5);
        // The emulator on this branch has no quotas: a large budget keeps the client's pacing out of these tests.
        jobs.setTier(IotJobsTier.S3);
        jobs.setUnits(10);
        IotRolloutComponent rollout = context.getComponent("iotrollout", IotRolloutComponent.class);
        rollout.setTier(tier);
        rollout.setPollInterval(25);
        if (clock != null) {
            rollout.setClock(clock);
        }
        if (store != null) {
            rollout.setStore(store);
        } else {
            rollout.setStoreDirectory(storeDirectory.toString());
        }
        setup.accept(context);
        RolloutNode node = new RolloutNode(context);
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("iotrollout:*").process(node.events::add);
            }
        });
        context.start();
        return node;
    }

    RolloutView call(String rolloutId, IotRolloutOperations operation, Object body) {
        return template.requestBodyAndHeaders("iotrollout:" + rolloutId, body,
                Map.of(IotRolloutConstants.OPERATION, operation.name()), RolloutView.class);
    }

    <T> T call(String rolloutId, IotRolloutOperations operation, Object body, Class<T> type) {
        return template.requestBodyAndHeaders("iotrollout:" + rolloutId, body,
                Map.of(IotRolloutConstants.OPERATION, operation.name()), type);
    }

    List<String> eventTypes(String rolloutId) {
        return events.stream()
                .filter(e -> rolloutId.equals(e.getMessage().getHeader(IotRolloutConstants.ROLLOUT_ID)))
                .map(e -> e.getMessage().getHeader(IotRolloutConstants.EVENT, String.class))
                .filter(type -> !type.equals("deviceResult"))
                .toList();
    }

    List<RolloutEvent> decisionEvents(String rolloutId) {
        return events.stream().filter(e -> e.getMessage().getBody() instanceof RolloutEvent)
                .map(e -> e.getMessage().getBody(RolloutEvent.class))
                .filter(e -> e.rolloutId().equals(rolloutId)).toList();
    }

    long deviceResults(String rolloutId) {
        return events.stream()
                .filter(e -> rolloutId.equals(e.getMessage().getHeader(IotRolloutConstants.ROLLOUT_ID)))
                .filter(e -> "deviceResult".equals(e.getMessage().getHeader(IotRolloutConstants.EVENT))).count();
    }

    @Override
    public void close() {
        context.stop();
    }
}
