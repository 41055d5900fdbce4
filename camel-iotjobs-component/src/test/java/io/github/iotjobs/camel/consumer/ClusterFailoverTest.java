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

import javax.sql.DataSource;

import io.github.iotjobs.camel.state.JdbcStateRepository;
import io.github.iotjobs.camel.state.TestDatabases;
import org.apache.camel.CamelContext;
import org.apache.camel.ServiceStatus;
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
 * only the leader polls, and when it goes away the other continues from the shared state without duplicates. The
 * state is shared in memory, or through a JdbcStateRepository per node on one real PostgreSQL database, as separate
 * JVMs share it.
 */
class ClusterFailoverTest {

    @TempDir
    Path root;

    private final EmulatedFleet fleet = new EmulatedFleet();
    private final EventLog events = new EventLog();
    /** Stands for the shared store a cluster uses (JDBC, Infinispan, ...): one instance seen by both nodes. */
    private final StateRepository<String, String> shared = new MemoryStateRepository();
    private final List<CamelContext> nodes = new ArrayList<>();
    private volatile int holdAt = -1;

    @AfterEach
    void stop() throws Exception {
        // A node that wins leadership while its context closes deadlocks inside Camel (ClusteredRoutePolicy starting
        // the route against the route's shutdown), so the standbys leave the cluster before any context closes.
        for (CamelContext node : nodes) {
            if (!leads(node)) {
                node.hasService(FileLockClusterService.class).stop();
            }
        }
        for (CamelContext node : nodes) {
            node.close();
        }
        fleet.close();
    }

    private static boolean leads(CamelContext node) {
        ServiceStatus route = node.getRouteController().getRouteStatus("events");
        return route != null && route.isStarted();
    }

    private CamelContext node(String name) throws Exception {
        return node(name, shared, "");
    }

    private CamelContext node(String name, StateRepository<String, String> state, String options) throws Exception {
        CamelContext context = new DefaultCamelContext();
        context.getCamelContextExtension().setName(name);
        context.getShutdownStrategy().setTimeout(10);
        FileLockClusterService cluster = new FileLockClusterService();
        cluster.setId(name);
        cluster.setRoot(root.toString());
        cluster.setAcquireLockDelay(10, TimeUnit.MILLISECONDS);
        cluster.setAcquireLockInterval(100, TimeUnit.MILLISECONDS);
        context.addService(cluster);
        context.getRegistry().bind("state", state);
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() throws Exception {
                from("iotjobs:hub?" + fleet.endpointOptions()
                     + "&delay=10&initialDelay=0&deviceEvents=true&stateRepository=#state" + options)
                        .routeId("events")
                        .routePolicy(ClusteredRoutePolicy.forNamespace("iotjobs"))
                        .process(events)
                        .process(exchange -> {
                            if (holdAt > 0 && events.size() >= holdAt) {
                                // Hold this exchange until the leader is being stopped: its poll is cut here.
                                await().atMost(Duration.ofSeconds(10)).until(() -> exchange.getContext().isStopping());
                            }
                        });
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

    @Test
    void aLeaderStoppedMidPollOnPostgresqlLeavesTheRestToTheNextOnce() throws Exception {
        for (int i = 0; i < 6; i++) {
            fleet.methodJob(String.format("reboot-%02d", i), 3600);
        }
        DataSource database = TestDatabases.postgres();
        String table = TestDatabases.newTable();
        // Each node its own repository instance, as separate JVMs have: they meet only in the database.
        CamelContext a = node("node-a", new JdbcStateRepository(database, table), "&pageSize=4");
        await().atMost(Duration.ofSeconds(10)).until(() -> polling(a));
        CamelContext b = node("node-b", new JdbcStateRepository(database, table), "&pageSize=4");
        List<String> expected = new ArrayList<>(fleet.observe());
        events.assertExactly(expected);
        fleet.advance(Duration.ofSeconds(1));
        expected.addAll(fleet.observe());
        events.assertExactly(expected);
        assertThat(polling(b)).as("the follower does not poll").isFalse();

        // The jobs finish: 60 device results and 6 final statuses; the leader is stopped after the first 20.
        int before = expected.size();
        holdAt = before + 20;
        fleet.advance(Duration.ofSeconds(10));
        expected.addAll(fleet.observe());
        events.awaitAtLeast(holdAt);
        a.close();
        nodes.remove(a);
        holdAt = -1;
        await().atMost(Duration.ofSeconds(15)).until(() -> polling(b));
        events.assertExactly(expected);

        assertThat(events.contexts().subList(before, events.size())).contains("node-a", "node-b");
        assertThat(events.events()).filteredOn(event -> event.contains(" statusChanged completed<-running"))
                .hasSize(6).doesNotHaveDuplicates();
    }
}
