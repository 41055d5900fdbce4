/*
 * Licensed to the Apache Software Foundation (ASF) under one or more contributor license agreements; and to You
 * under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance with the
 * License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.iotjobs.camel.consumer;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.file.cluster.FileLockClusterService;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.impl.cluster.ClusteredRoutePolicy;
import org.apache.camel.spi.StateRepository;
import org.apache.camel.support.processor.state.MemoryStateRepository;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two Camel contexts on one FileLockClusterService root, each with the consumer route under a ClusteredRoutePolicy:
 * only the leader polls, and when it goes away the other continues from the shared state without duplicates.
 */
class ClusterFailoverTest {

    @TempDir
    Path root;

    private final EmulatedFleet fleet = new EmulatedFleet();
    private final EventLog events = new EventLog();
    /** Stands for the shared store a cluster uses (JDBC, Infinispan, ...): one instance seen by both nodes. */
    private final StateRepository<String, String> shared = new MemoryStateRepository();
    private final List<CamelContext> nodes = new ArrayList<>();

    @AfterEach
    void stop() throws Exception {
        for (CamelContext node : nodes) {
            node.close();
        }
        fleet.close();
    }

    private CamelContext node(String name) throws Exception {
        CamelContext context = new DefaultCamelContext();
        context.getCamelContextExtension().setName(name);
        FileLockClusterService cluster = new FileLockClusterService();
        cluster.setId(name);
        cluster.setRoot(root.toString());
        cluster.setAcquireLockDelay(10, TimeUnit.MILLISECONDS);
        cluster.setAcquireLockInterval(100, TimeUnit.MILLISECONDS);
        context.addService(cluster);
        context.getRegistry().bind("state", shared);
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() throws Exception {
                from("iotjobs:hub?" + fleet.endpointOptions()
                     + "&delay=10&initialDelay=0&deviceEvents=true&stateRepository=#state")
                        .routeId("events")
                        .routePolicy(ClusteredRoutePolicy.forNamespace("iotjobs"))
                        .process(events);
            }
        });
        context.start();
        nodes.add(context);
        return context;
    }

    private static boolean polling(CamelContext node) {
        return node.getRouteController().getRouteStatus("events").isStarted();
    }

    @Test
    void onlyTheLeaderPollsAndFailoverRepeatsNothing() throws Exception {
        for (int i = 0; i < 10; i++) {
            fleet.methodJob(String.format("reboot-%02d", i), 3600);
        }
        CamelContext a = node("node-a");
        await().atMost(Duration.ofSeconds(10)).until(() -> polling(a));
        CamelContext b = node("node-b");
        List<String> expected = new ArrayList<>(fleet.observe());
        events.assertExactly(expected);
        fleet.advance(Duration.ofSeconds(1));
        expected.addAll(fleet.observe());
        events.assertExactly(expected);
        assertThat(polling(b)).as("the follower does not poll").isFalse();
        assertThat(events.contexts()).containsOnly("node-a");
        int beforeFailover = events.size();

        a.close();
        nodes.remove(a);
        fleet.advance(Duration.ofSeconds(10));
        expected.addAll(fleet.observe());
        await().atMost(Duration.ofSeconds(15)).until(() -> polling(b));
        events.assertExactly(expected);
        assertThat(events.contexts().subList(beforeFailover, events.size())).containsOnly("node-b")
                .hasSize(10 + 10 * EmulatedFleet.DEVICES);
    }
}
