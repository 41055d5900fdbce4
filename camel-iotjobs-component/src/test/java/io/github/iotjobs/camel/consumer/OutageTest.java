/*
 * Licensed to the Apache Software Foundation (ASF) under one or more contributor license agreements; and to You
 * under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance with the
 * License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.iotjobs.camel.consumer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.github.iotjobs.camel.IotJobsConsumer;
import io.github.iotjobs.emulator.http.Fault;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.health.HealthCheck;
import org.apache.camel.health.HealthCheckHelper;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.impl.health.AbstractHealthCheck;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.Property;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A window in which the platform answers 503: the consumer backs off, logs the outage once, reports DOWN in its health
 * check, and afterwards emits every change of the window exactly once.
 */
class OutageTest {

    private final EmulatedFleet fleet = new EmulatedFleet();
    private final EventLog events = new EventLog();
    private final List<LogEvent> warnings = new CopyOnWriteArrayList<>();
    private final AbstractAppender appender = new AbstractAppender("outage-capture", null, null, true,
            Property.EMPTY_ARRAY) {
        @Override
        public void append(LogEvent event) {
            if (event.getLevel().isMoreSpecificThan(Level.WARN)) {
                warnings.add(event.toImmutable());
            }
        }
    };
    private CamelContext context;

    @BeforeEach
    void captureWarnings() {
        appender.start();
        LoggerContext logging = (LoggerContext) LogManager.getContext(false);
        logging.getConfiguration().getRootLogger().addAppender(appender, Level.WARN, null);
    }

    @AfterEach
    void stop() throws Exception {
        LoggerContext logging = (LoggerContext) LogManager.getContext(false);
        logging.getConfiguration().getRootLogger().removeAppender(appender.getName());
        if (context != null) {
            context.close();
        }
        fleet.close();
    }

    @Test
    void outageWindowRecoversWithNothingLost() throws Exception {
        for (int i = 0; i < 10; i++) {
            fleet.methodJob(String.format("reboot-%02d", i), 3600);
        }
        context = new DefaultCamelContext();
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("iotjobs:hub?" + fleet.endpointOptions() + "&delay=10&initialDelay=0&deviceEvents=true"
                     + "&backoffErrorThreshold=2&backoffMultiplier=3")
                        .routeId("events")
                        .process(events);
            }
        });
        context.start();
        List<String> expected = new ArrayList<>(fleet.observe());
        events.assertExactly(expected);
        assertThat(health().getState()).isEqualTo(HealthCheck.State.UP);
        assertThat(health().getDetails()).containsEntry("platform.reachable", true).containsKey("poll.last");

        fleet.emulator.injectFault(Fault.status(503));
        PollStatus status = ((IotJobsConsumer) context.getRoute("events").getConsumer()).getPollStatus();
        await().atMost(Duration.ofSeconds(10)).until(() -> status.consecutiveFailures() >= 4);
        // Jobs run on while the platform does not answer the consumer.
        fleet.advance(Duration.ofSeconds(1));
        fleet.advance(Duration.ofSeconds(10));
        expected.addAll(fleet.observe());
        await().atMost(Duration.ofSeconds(10)).until(() -> status.consecutiveFailures() >= 6);
        HealthCheck.Result down = health();
        assertThat(down.getState()).isEqualTo(HealthCheck.State.DOWN);
        assertThat(down.getDetails()).containsEntry("platform.reachable", false)
                .containsEntry(AbstractHealthCheck.SERVICE_STATUS_CODE, 503);
        assertThat(events.size()).isEqualTo(10);

        fleet.emulator.clearFaults();
        events.assertExactly(expected);
        assertThat(health().getState()).isEqualTo(HealthCheck.State.UP);
        assertThat(status.consecutiveFailures()).isZero();
        assertThat(warnings).as("the outage is logged once").hasSize(1);
        assertThat(warnings.get(0).getMessage().getFormattedMessage()).contains("Failed polling endpoint");
    }

    private HealthCheck.Result health() {
        return HealthCheckHelper.invoke(context, "consumer:iotjobs-events", null).orElseThrow();
    }
}
