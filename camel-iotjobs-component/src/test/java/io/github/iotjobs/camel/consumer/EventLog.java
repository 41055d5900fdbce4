/*
 * Licensed to the Apache Software Foundation (ASF) under one or more contributor license agreements; and to You
 * under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance with the
 * License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.iotjobs.camel.consumer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.github.iotjobs.camel.IotJobsConstants;
import io.github.iotjobs.camel.model.DeviceJob;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.awaitility.core.ConditionTimeoutException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The events routes received, in {@link EmulatedFleet#observe()} words, with the Camel context that got each. */
final class EventLog implements Processor {

    private final List<String> events = new ArrayList<>();
    private final List<String> contexts = new ArrayList<>();

    @Override
    public synchronized void process(Exchange exchange) {
        events.add(describe(exchange));
        contexts.add(exchange.getContext().getName());
    }

    static String describe(Exchange exchange) {
        var message = exchange.getMessage();
        String jobId = message.getHeader(IotJobsConstants.JOB_ID, String.class);
        String type = message.getHeader(IotJobsConstants.EVENT_TYPE, String.class);
        String status = message.getHeader(IotJobsConstants.JOB_STATUS, String.class);
        return switch (type) {
            case "deviceCompleted" -> jobId + " deviceCompleted " + message.getHeader(IotJobsConstants.DEVICE_ID)
                                      + " " + message.getBody(DeviceJob.class).status();
            case "statusChanged" -> jobId + " statusChanged " + status + "<-"
                                    + message.getHeader(IotJobsConstants.PREVIOUS_JOB_STATUS, String.class);
            default -> jobId + " " + type + " " + status;
        };
    }

    synchronized List<String> events() {
        return new ArrayList<>(events);
    }

    synchronized List<String> contexts() {
        return new ArrayList<>(contexts);
    }

    synchronized int size() {
        return events.size();
    }

    /** Waits until at least {@code count} events arrived. */
    void awaitAtLeast(int count) {
        await().atMost(Duration.ofSeconds(15)).untilAsserted(
                () -> assertThat(size()).as("events so far: %s", events()).isGreaterThanOrEqualTo(count));
    }

    /**
     * Waits for exactly the expected events, then checks they stay exactly those for a few more polls: each event
     * once, per job the job events in the expected order, and a job's device events before its final status.
     */
    void assertExactly(List<String> expected) {
        try {
            await().atMost(Duration.ofSeconds(15)).until(() -> size() >= expected.size());
        } catch (ConditionTimeoutException e) {
            // The comparison below names what is missing.
        }
        await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(5)).until(() -> size() == expected.size());
        List<String> received = events();
        assertThat(received).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(perJob(received, false)).isEqualTo(perJob(expected, false));
        Map<String, List<String>> all = perJob(received, true);
        all.forEach((jobId, list) -> {
            int lastDevice = -1;
            int finalStatus = list.size();
            for (int i = 0; i < list.size(); i++) {
                String event = list.get(i);
                if (event.contains(" deviceCompleted ")) {
                    lastDevice = i;
                } else if (event.matches(".* statusChanged (completed|failed|cancelled)<-.*")) {
                    finalStatus = i;
                }
            }
            assertThat(lastDevice).as("device events of %s before its final status", jobId).isLessThan(finalStatus);
        });
    }

    private static Map<String, List<String>> perJob(List<String> events, boolean withDevices) {
        Map<String, List<String>> byJob = new LinkedHashMap<>();
        for (String event : events) {
            if (!withDevices && event.contains(" deviceCompleted ")) {
                continue;
            }
            byJob.computeIfAbsent(event.substring(0, event.indexOf(' ')), k -> new ArrayList<>()).add(event);
        }
        return byJob;
    }
}
