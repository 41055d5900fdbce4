/*
 * Licensed to the Apache Software Foundation (ASF) under one or more contributor license agreements; and to You
 * under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance with the
 * License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.iotjobs.camel.consumer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.processor.state.MemoryStateRepository;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Consumers with different filters on the one StateRepository the component-level option hands to all of them: a
 * consumer started after another has seen the jobs still emits everything its own filter selects, and neither loses
 * an event of what happens next.
 */
class SharedRepositoryTest {

    private final EmulatedFleet fleet = new EmulatedFleet();
    private final EventLog all = new EventLog();
    private final EventLog twins = new EventLog();
    private final EventLog scoped = new EventLog();
    private CamelContext context;

    @AfterEach
    void stop() throws Exception {
        if (context != null) {
            context.close();
        }
        fleet.close();
    }

    private void addRoute(String routeId, String options, EventLog sink) throws Exception {
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("iotjobs:hub?" + fleet.endpointOptions() + "&delay=10&initialDelay=0&pageSize=5" + options)
                        .routeId(routeId)
                        .process(sink);
            }
        });
    }

    private static List<String> twinEvents(List<String> events) {
        return events.stream().filter(event -> event.startsWith("twin-")).toList();
    }

    @Test
    void aLateConsumerWithOtherFiltersEmitsWhatItSelects() throws Exception {
        for (int i = 0; i < 4; i++) {
            fleet.methodJob("reboot-" + i, 3600);
            fleet.twinJob("twin-" + i);
        }
        fleet.advance(Duration.ofSeconds(1));
        context = new DefaultCamelContext();
        context.getComponent("iotjobs", io.github.iotjobs.camel.IotJobsComponent.class).getConfiguration()
                .setStateRepository(new MemoryStateRepository());
        context.start();

        addRoute("all", "&deviceEvents=true", all);
        List<String> expected = new ArrayList<>(fleet.observe());
        all.assertExactly(expected);

        // Started once the first consumer has recorded every job: its own filter, its own state.
        addRoute("twins", "&deviceEvents=true&jobType=scheduleUpdateTwin", twins);
        twins.assertExactly(twinEvents(expected));
        // Same filters as the first, told apart by an explicit scope.
        addRoute("scoped", "&deviceEvents=true&stateScope=audit", scoped);
        scoped.assertExactly(expected);

        // The new job stays queued until the manual clock moves: every consumer sees it queued first, then done.
        fleet.twinJob("twin-late");
        expected.addAll(fleet.observe());
        all.assertExactly(expected);
        twins.assertExactly(twinEvents(expected));
        scoped.assertExactly(expected);
        fleet.advance(Duration.ofSeconds(10));
        expected.addAll(fleet.observe());
        all.assertExactly(expected);
        twins.assertExactly(twinEvents(expected));
        scoped.assertExactly(expected);
    }
}
