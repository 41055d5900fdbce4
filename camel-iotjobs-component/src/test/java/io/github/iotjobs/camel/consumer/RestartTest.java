/*
 * Licensed to the Apache Software Foundation (ASF) under one or more contributor license agreements; and to You
 * under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance with the
 * License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.iotjobs.camel.consumer;

import java.io.File;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.processor.state.FileStateRepository;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A consumer whose Camel context is closed three times while jobs run and events flow, each time in the middle of a
 * poll, and started again over the same FileStateRepository file: nothing is missed and nothing is emitted twice.
 */
class RestartTest {

    @TempDir
    Path dir;

    private final EmulatedFleet fleet = new EmulatedFleet();
    private final EventLog events = new EventLog();
    private CamelContext context;
    private volatile int stopAt = -1;

    @AfterEach
    void stop() throws Exception {
        if (context != null) {
            context.close();
        }
        fleet.close();
    }

    private void startNode(int generation) throws Exception {
        File file = dir.resolve("iotjobs-state.dat").toFile();
        context = new DefaultCamelContext();
        context.getCamelContextExtension().setName("generation-" + generation);
        context.getShutdownStrategy().setTimeout(10);
        // A new repository instance each time, as after a JVM restart: it knows only what the file says.
        context.getRegistry().bind("state", FileStateRepository.fileStateRepository(file));
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("iotjobs:hub?" + fleet.endpointOptions()
                     + "&delay=10&initialDelay=0&pageSize=5&deviceEvents=true&stateRepository=#state")
                        .routeId("events")
                        .process(events)
                        .process(exchange -> {
                            if (stopAt > 0 && events.size() >= stopAt) {
                                // Hold this exchange until the close began: the poll is cut in its middle.
                                await().atMost(Duration.ofSeconds(10)).until(() -> exchange.getContext().isStopping());
                            }
                        });
            }
        });
        context.start();
    }

    /**
     * Closes the context once the cut event arrived, while its poll still has events to emit, and starts the next
     * generation. The cut is set before the change it interrupts becomes visible, so no poll can run past it.
     */
    private void restartAtCut(int generation) throws Exception {
        events.awaitAtLeast(stopAt);
        context.close();
        stopAt = -1;
        startNode(generation);
    }

    /**
     * Makes a step's changes while the route is suspended, so that they show in one poll, and cuts that poll halfway
     * through its new events (or at the next event, if a poll already in flight got past the half).
     */
    private void changeAndCutHalfway(List<String> expected, Runnable change) throws Exception {
        context.getRouteController().suspendRoute("events");
        change.run();
        int before = expected.size();
        expected.addAll(fleet.observe());
        assertThat(expected.size() - before).as("new events of the step").isGreaterThan(2);
        stopAt = before + (expected.size() - before) / 2;
        context.getRouteController().resumeRoute("events");
    }

    @Test
    void threeRestartsMidRunLoseAndRepeatNothing() throws Exception {
        for (int i = 0; i < 10; i++) {
            fleet.methodJob(String.format("reboot-%02d", i), 3600);
        }
        for (int i = 0; i < 5; i++) {
            fleet.twinJob(String.format("twin-%02d", i));
        }
        for (int i = 0; i < 5; i++) {
            fleet.scheduledJob(String.format("later-%02d", i));
        }
        List<String> expected = new ArrayList<>(fleet.observe());
        stopAt = expected.size() / 2;
        startNode(1);
        restartAtCut(2);
        events.assertExactly(expected);

        // Each step's events are interrupted by a restart; the state file carries the rest over.
        changeAndCutHalfway(expected, () -> fleet.advance(Duration.ofSeconds(1)));
        restartAtCut(3);
        events.assertExactly(expected);

        changeAndCutHalfway(expected, () -> {
            for (int i = 0; i < 5; i++) {
                fleet.cancel(String.format("later-%02d", i));
            }
            fleet.advance(Duration.ofSeconds(10));
        });
        restartAtCut(4);

        events.assertExactly(expected);
        assertThat(expected).hasSizeGreaterThan(150);
        // The first two restarts cut a poll in its middle, so generations 1 to 3 all emitted; a poll in flight during
        // the last suspension may have emitted all of the last step before its cut, leaving generation 4 nothing.
        assertThat(events.contexts()).contains("generation-1", "generation-2", "generation-3");
    }
}
