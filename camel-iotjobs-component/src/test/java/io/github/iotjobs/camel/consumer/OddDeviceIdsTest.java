/*
 * Licensed to the Apache Software Foundation (ASF) under one or more contributor license agreements; and to You
 * under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance with the
 * License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.iotjobs.camel.consumer;

import java.io.File;
import java.nio.file.Files;
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

/**
 * Devices whose ids use every character IoT Hub allows besides letters and digits (protocol.md §4.4), including the
 * {@code =} a FileStateRepository splits its lines on and ids that look escaped already, over a FileStateRepository,
 * with the consumer stopped and started on a new repository instance between the steps of the jobs.
 */
class OddDeviceIdsTest {

    static final List<String> ODD_IDS = List.of("-", ":", ".", "+", "%", "_", "#", "*", "?", "!", "(", ")", ",", "=",
            "@", ";", "$", "'", "dev=1", "a==b", "%3D", "%25", "x%", "50%off", "job:device", "a;b,c", "it's", "(x)=y?",
            "#tag*1!", "mail@host;$v", "all-:.+%_#*?!(),=@;$'");

    @TempDir
    Path dir;

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

    private File stateFile() {
        return dir.resolve("iotjobs-state.dat").toFile();
    }

    private void startNode(int generation) throws Exception {
        context = new DefaultCamelContext();
        context.getCamelContextExtension().setName("generation-" + generation);
        // A new repository each time, as after a JVM restart: it knows only what the file says.
        context.getRegistry().bind("state", FileStateRepository.fileStateRepository(stateFile()));
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("iotjobs:hub?" + fleet.endpointOptions()
                     + "&delay=10&initialDelay=0&pageSize=7&deviceEvents=true&stateRepository=#state")
                        .routeId("events")
                        .process(events);
            }
        });
        context.start();
    }

    @Test
    void everyDeviceEventOnceAcrossRestarts() throws Exception {
        for (String id : ODD_IDS) {
            fleet.addDevice(id);
        }
        for (int i = 0; i < 3; i++) {
            fleet.methodJob("reboot-" + i, 3600);
        }
        fleet.twinJob("twin-0");
        List<String> expected = new ArrayList<>(fleet.observe());
        startNode(1);
        events.assertExactly(expected);

        // Each step happens while no consumer runs; the next generation reads the file and continues.
        context.close();
        fleet.advance(Duration.ofSeconds(1));
        expected.addAll(fleet.observe());
        startNode(2);
        events.assertExactly(expected);

        context.close();
        fleet.advance(Duration.ofSeconds(10));
        expected.addAll(fleet.observe());
        startNode(3);
        events.assertExactly(expected);

        int devices = EmulatedFleet.DEVICES + ODD_IDS.size();
        assertThat(expected).filteredOn(event -> event.contains(" deviceCompleted ")).hasSize(4 * devices);
        for (String id : ODD_IDS) {
            assertThat(events.events()).as("events of device %s", id)
                    .filteredOn(event -> event.endsWith(" deviceCompleted " + id + " completed")
                                         || event.endsWith(" deviceCompleted " + id + " failed"))
                    .hasSize(4);
        }
        context.close();
        // Every line of the file is one key=value pair, and the drained jobs keep no per-device keys or ids.
        List<String> lines = Files.readAllLines(stateFile().toPath());
        assertThat(lines).allSatisfy(line -> assertThat(line.split("=", -1)).hasSize(2));
        assertThat(lines).allSatisfy(line -> assertThat(line).startsWith("iotjobs/v2/hub-"));
        assertThat(lines.stream().map(line -> line.substring(0, line.indexOf('='))).distinct().count())
                .isLessThanOrEqualTo(4);
    }
}
