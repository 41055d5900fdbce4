/*
 * Licensed to the Apache Software Foundation (ASF) under one or more contributor license agreements; and to You
 * under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance with the
 * License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.iotjobs.camel.consumer;

import java.time.Duration;
import java.util.List;

import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** progressEvents=true: a running job whose device counts move emits a progress event, and only then. */
class ProgressEventsTest {

    private final EmulatedFleet fleet = new EmulatedFleet(0.5);
    private final EventLog events = new EventLog();
    private CamelContext context;

    @AfterEach
    void stop() throws Exception {
        if (context != null) {
            context.close();
        }
        fleet.close();
    }

    @Test
    void statisticsThatMoveWhileRunningAreReported() throws Exception {
        fleet.patientJob("patient");
        context = new DefaultCamelContext();
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("iotjobs:hub?" + fleet.endpointOptions() + "&delay=10&initialDelay=0&progressEvents=true")
                        .routeId("events")
                        .process(events);
            }
        });
        context.start();
        events.assertExactly(List.of("patient jobCreated queued"));
        fleet.advance(Duration.ofSeconds(1));
        events.assertExactly(List.of("patient jobCreated queued", "patient statusChanged running<-queued"));
        // Online devices answer after 10 s; offline ones are still awaited.
        fleet.advance(Duration.ofSeconds(10));
        events.assertExactly(List.of("patient jobCreated queued", "patient statusChanged running<-queued",
                "patient progress running"));
        fleet.advance(Duration.ofSeconds(20));
        events.assertExactly(List.of("patient jobCreated queued", "patient statusChanged running<-queued",
                "patient progress running", "patient statusChanged completed<-running"));
    }
}
