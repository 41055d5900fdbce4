/*
 * Licensed to the Apache Software Foundation (ASF) under one or more contributor license agreements; and to You
 * under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance with the
 * License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.iotjobs.camel.bench;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.github.iotjobs.camel.IotJobsConstants;
import io.github.iotjobs.camel.IotJobsConsumer;
import io.github.iotjobs.emulator.IotJobsEmulator;
import io.github.iotjobs.emulator.ManualClock;
import io.github.iotjobs.emulator.engine.JobSpec;
import io.github.iotjobs.emulator.engine.JobType;
import io.github.iotjobs.emulator.engine.MethodBehavior;
import io.github.iotjobs.emulator.engine.MethodCall;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.processor.state.MemoryStateRepository;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.core.config.Configurator;

/**
 * Bytes the consumer's state takes for one method job on 10,000 devices (emulator, manual clock), as a
 * FileStateRepository would store them ({@code key=value} lines), against the previous layout (one key per device row
 * plus per-job keys) computed for the same emitted rows in the same run. Measured twice: while the job runs with 90% of
 * its rows final and emitted (all within the re-read window: the worst case), and once the job ended and its rows were
 * drained.
 * <p>
 * Run, after {@code ./mvnw -q -DskipTests install}: {@code ./mvnw -q -P bench -pl camel-iotjobs-component
 * test-compile exec:java -Dexec.mainClass=io.github.iotjobs.camel.bench.StateSizeBench}
 */
public final class StateSizeBench {

    private static final int DEVICES = 10_000;
    private static final String SCOPE = "bench";
    private static final String JOB_ID = "reboot-fleet";

    private StateSizeBench() {
    }

    public static void main(String[] args) throws Exception {
        Configurator.setLevel("io.github.iotjobs", Level.INFO);
        ManualClock clock = new ManualClock(Instant.now());
        MemoryStateRepository repository = new MemoryStateRepository();
        List<String> emittedRows = new ArrayList<>();
        try (IotJobsEmulator emulator = IotJobsEmulator.builder().devices(DEVICES).offlineFraction(0.1).clock(clock)
                .autoTick(false).method("reboot", MethodBehavior.ok().withLatency(Duration.ofSeconds(10))).start();
             CamelContext context = new DefaultCamelContext()) {
            context.getRegistry().bind("state", repository);
            context.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from("iotjobs:hub?connectionString=RAW(" + emulator.connectionString() + ")&baseUrl="
                         + emulator.baseUrl() + "&startScheduler=false&deviceEvents=true&pageSize=100"
                         + "&stateRepository=#state&stateScope=" + SCOPE)
                            .routeId("poll")
                            .process(exchange -> {
                                Object device = exchange.getMessage().getHeader(IotJobsConstants.DEVICE_ID);
                                if (device != null) {
                                    emittedRows.add(device.toString());
                                }
                            });
                }
            });
            context.start();
            IotJobsConsumer consumer = (IotJobsConsumer) context.getRoute("poll").getConsumer();
            // Offline devices are waited for 60 s: the job runs on after the online ones answered.
            emulator.engine().create(new JobSpec(JOB_ID, JobType.SCHEDULE_DEVICE_METHOD, "*", null, 3600,
                    new MethodCall("reboot", null, 30, 60), null, null, null));
            emulator.advance(Duration.ofSeconds(1));
            consumer.run();
            emulator.advance(Duration.ofSeconds(10));
            consumer.run();
            report("running, rows emitted so far", repository, emittedRows.size(), false);
            emulator.advance(Duration.ofSeconds(61));
            consumer.run();
            report("ended and drained, all rows emitted", repository, emittedRows.size(), true);
        }
    }

    private static void report(String moment, MemoryStateRepository repository, int rows, boolean drained) {
        long bytes = 0;
        for (int i = 0; i < 128; i++) {
            String key = "iotjobs/v2/" + SCOPE + "/jobs/" + i;
            bytes += line(key, repository.getState(key));
        }
        long previous = previousLayout(rows, drained);
        System.out.printf("%s (%d device rows): %d bytes stored, %.0f per 10,000 rows; previous layout"
                          + " (one key per row): %d bytes; ratio %.3f%n",
                moment, rows, bytes, bytes * 10_000.0 / rows, previous, (double) bytes / previous);
    }

    /** The previous EmittedState's keys for the same rows: device:job:id=status, job:, devices-since:, drained:. */
    private static long previousLayout(int rows, boolean drained) {
        long bytes = line("job:" + JOB_ID, "completed;10000,9000,1000,0,0")
                     + line("devices-since:" + JOB_ID, Instant.now().toString());
        for (int i = 0; i < rows; i++) {
            bytes += line("device:" + JOB_ID + ":" + String.format("device-%06d", i), "completed");
        }
        return drained ? bytes + line("drained:" + JOB_ID, "true") : bytes;
    }

    private static long line(String key, String value) {
        return value == null ? 0 : (key + "=" + value + "\n").getBytes(StandardCharsets.UTF_8).length;
    }
}
