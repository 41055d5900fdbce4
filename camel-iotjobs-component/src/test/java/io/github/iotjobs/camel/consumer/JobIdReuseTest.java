/*
 * Licensed to the Apache Software Foundation (ASF) under one or more contributor license agreements; and to You
 * under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance with the
 * License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.iotjobs.camel.consumer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.github.iotjobs.emulator.engine.JobEngine;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.spi.StateRepository;
import org.apache.camel.support.processor.state.MemoryStateRepository;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A job id used again once the emulator deleted the first job, 30 days after it ended (its retention, protocol.md §9):
 * the new job is reported as created, not as a status change of the old one; its device events are all emitted; and
 * the old job's state is dropped.
 */
class JobIdReuseTest {

    private final EmulatedFleet fleet = new EmulatedFleet();
    private final EventLog events = new EventLog();
    private final StateRepository<String, String> repository = new MemoryStateRepository();
    private CamelContext context;

    @AfterEach
    void stop() throws Exception {
        if (context != null) {
            context.close();
        }
        fleet.close();
    }

    @Test
    void aReusedIdIsANewJob() throws Exception {
        context = new DefaultCamelContext();
        context.getRegistry().bind("state", repository);
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                // SAS tokens are signed on our clock and checked on the emulator's, which jumps 31 days ahead.
                from("iotjobs:hub?" + fleet.endpointOptions() + "&sasTokenTimeToLive=" + Duration.ofDays(60).toMillis()
                     + "&delay=10&initialDelay=0&deviceEvents=true&stateRepository=#state&stateScope=reuse")
                        .routeId("events")
                        .process(events);
            }
        });
        context.start();
        List<String> expected = new ArrayList<>();
        runToTheEnd(expected);
        assertThat(state().size()).isEqualTo(1);

        fleet.advance(JobEngine.RETENTION.plusDays(1));
        assertThat(fleet.emulator.engine().job("reboot-1")).as("deleted after its retention").isEmpty();
        expected.addAll(fleet.observe());
        events.assertExactly(expected);

        runToTheEnd(expected);
        assertThat(expected).containsSubsequence("reboot-1 jobCreated queued", "reboot-1 jobCreated queued");
        // The old job is past retention and gone from the listing: only the new one is left in the state.
        await().atMost(Duration.ofSeconds(10)).until(() -> state().size() == 1);
    }

    /** Creates reboot-1 and lets it run to its end, checking every event on the way. */
    private void runToTheEnd(List<String> expected) {
        fleet.methodJob("reboot-1", 3600);
        expected.addAll(fleet.observe());
        events.assertExactly(expected);
        fleet.advance(Duration.ofSeconds(1));
        expected.addAll(fleet.observe());
        events.assertExactly(expected);
        fleet.advance(Duration.ofSeconds(10));
        expected.addAll(fleet.observe());
        events.assertExactly(expected);
    }

    private ConsumerState state() {
        return new ConsumerState(repository, "reuse");
    }
}
