/*
 * Licensed to the Apache Software Foundation (ASF) under one or more contributor license agreements; and to You
 * under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance with the
 * License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.iotjobs.camel.consumer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The consumer against the emulator: the route receives exactly the transitions that happened, each once, in order
 * per job.
 */
class JobEventsTest {

    private final EmulatedFleet fleet = new EmulatedFleet();
    private final EventLog events = new EventLog();
    private CamelContext context;

    @AfterEach
    void stop() throws Exception {
        if (context != null) {
            context.close();
        }
        fleet.close();
    }

    private void start(String options, org.apache.camel.Processor before) throws Exception {
        context = new DefaultCamelContext();
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("iotjobs:hub?" + fleet.endpointOptions() + "&delay=20&initialDelay=0&pageSize=10" + options)
                        .routeId("events")
                        .process(before)
                        .process(events);
            }
        });
        context.start();
    }

    @Test
    void fiftyJobsWithMixedOutcomes() throws Exception {
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            fleet.methodJob(String.format("reboot-%02d", i), 3600);
        }
        for (int i = 0; i < 10; i++) {
            fleet.methodJob(String.format("timeout-%02d", i), 5);
        }
        for (int i = 0; i < 8; i++) {
            fleet.scheduledJob(String.format("later-%02d", i));
        }
        for (int i = 0; i < 6; i++) {
            fleet.badQueryJob(String.format("broken-%02d", i));
        }
        for (int i = 0; i < 6; i++) {
            fleet.twinJob(String.format("twin-%02d", i));
        }
        start("&deviceEvents=true", exchange -> { });
        List<String> created = fleet.observe();
        assertThat(created).hasSize(50);
        expected.addAll(created);
        events.assertExactly(expected);

        // Method jobs start, twin jobs finish with all their rows, bad conditions fail.
        fleet.advance(Duration.ofSeconds(1));
        expected.addAll(fleet.observe());
        events.assertExactly(expected);

        // Scheduled jobs are cancelled; jobs with a 5 s limit time out, each of their rows failed.
        for (int i = 0; i < 8; i++) {
            fleet.cancel(String.format("later-%02d", i));
        }
        fleet.advance(Duration.ofSeconds(5));
        expected.addAll(fleet.observe());
        events.assertExactly(expected);

        // The reboots answer: completed jobs with succeeded and failed rows.
        fleet.advance(Duration.ofSeconds(10));
        expected.addAll(fleet.observe());
        events.assertExactly(expected);

        assertThat(expected).filteredOn(e -> e.contains(" deviceCompleted ")).hasSize(36 * EmulatedFleet.DEVICES);
        assertThat(expected).filteredOn(e -> e.contains(" deviceCompleted ") && e.endsWith(" failed"))
                .hasSizeGreaterThan(100);
        assertThat(expected).filteredOn(e -> e.contains("statusChanged cancelled<-scheduled")).hasSize(8);
        assertThat(expected).filteredOn(e -> e.contains("statusChanged failed<-queued")).hasSize(6);
    }

    @Test
    void severalStatesBetweenTwoPollsEndInTheTrueFinalState() throws Exception {
        fleet.methodJob("fast", 3600);
        start("", exchange -> { });
        events.assertExactly(List.of("fast jobCreated queued"));
        // queued -> running -> completed while the consumer cannot see it: stop the route meanwhile.
        context.getRouteController().stopRoute("events");
        fleet.advance(Duration.ofSeconds(1));
        fleet.advance(Duration.ofSeconds(10));
        context.getRouteController().startRoute("events");
        events.assertExactly(List.of("fast jobCreated queued", "fast statusChanged completed<-queued"));
    }

    @Test
    void failedExchangeIsOfferedAgainOnTheNextPoll() throws Exception {
        fleet.twinJob("twin");
        Set<String> failedOnce = ConcurrentHashMap.newKeySet();
        start("&deviceEvents=true", exchange -> {
            String event = EventLog.describe(exchange);
            if (failedOnce.add(event)) {
                throw new IllegalStateException("route down for " + event);
            }
        });
        List<String> expected = new ArrayList<>(fleet.observe());
        events.assertExactly(expected);
        fleet.advance(Duration.ofSeconds(1));
        expected.addAll(fleet.observe());
        events.awaitAtLeast(expected.size());
        assertThat(events.events()).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(failedOnce).containsExactlyInAnyOrderElementsOf(expected);
    }

    @Test
    void filtersAndStartFromNow() throws Exception {
        fleet.twinJob("before");
        fleet.advance(Duration.ofSeconds(1));
        start("&startFrom=now&jobStatus=completed&jobType=scheduleUpdateTwin&deviceEvents=true", exchange -> { });
        fleet.observe();
        // Recorded at the first poll without events, its rows included.
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> context.getRoute("events")
                .getConsumer() instanceof io.github.iotjobs.camel.IotJobsConsumer c && c.getPollStatus() != null
                && c.getPollStatus().lastPollTime() != null);
        fleet.twinJob("after");
        fleet.methodJob("method", 3600);
        fleet.advance(Duration.ofSeconds(1));
        List<String> expected = new ArrayList<>();
        for (String event : fleet.observe()) {
            if (event.startsWith("after ") && event.contains("deviceCompleted")) {
                expected.add(event);
            }
        }
        assertThat(expected).hasSize(EmulatedFleet.DEVICES);
        // A poll may or may not have seen the twin job queued before it completed: either way it is reported once,
        // completed, after its rows; the method job never completes here and is filtered out.
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> events.events().stream()
                .anyMatch(JobEventsTest::isTwinJobCompleted));
        String jobEvent = events.events().stream().filter(JobEventsTest::isTwinJobCompleted).findFirst().orElseThrow();
        expected.add(jobEvent);
        events.assertExactly(expected);
    }

    private static boolean isTwinJobCompleted(String event) {
        return event.equals("after jobCreated completed") || event.startsWith("after statusChanged completed<-");
    }
}
