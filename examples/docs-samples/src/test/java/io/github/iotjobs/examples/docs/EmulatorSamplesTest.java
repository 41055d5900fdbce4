/*
 * Licensed to the Apache Software Foundation (ASF) under one or more contributor license agreements; and to You
 * under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance with the
 * License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.iotjobs.examples.docs;

import java.time.Duration;
import java.time.Instant;

import io.github.iotjobs.camel.IotJobsComponent;
import io.github.iotjobs.emulator.IotJobsEmulator;
import io.github.iotjobs.emulator.IotJobsEmulatorExtension;
import io.github.iotjobs.emulator.ManualClock;
import io.github.iotjobs.emulator.Tier;
import io.github.iotjobs.emulator.engine.MethodBehavior;
import io.github.iotjobs.emulator.http.Fault;
import io.github.iotjobs.emulator.quota.ThrottleClass;
import org.apache.camel.CamelContext;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;

/** The Java samples of docs/emulator-guide.md, run as tests. */
class EmulatorSamplesTest {

    @RegisterExtension
    static IotJobsEmulatorExtension emulator = new IotJobsEmulatorExtension(IotJobsEmulator.builder()
            .devices(50)
            .noThrottling()                         // a fast suite; without it, S1's real pace
            .method("reboot", MethodBehavior.ok().withFailureRate(0.1)));

    @Test
    void rebootsTheFleet(IotJobsEmulator emulator) throws Exception {
        assertThat(emulator.connectionString()).startsWith("HostName=127.0.0.1:");
        assertThat(emulator.fleet().all()).hasSize(50);
    }

    @Test
    void startsAndConfiguresCamel() throws Exception {
        try (IotJobsEmulator emulator = IotJobsEmulator.builder()
                .devices(2000)                      // generated: tags building, floor, model, region, firmware
                .offlineFraction(0.02)              // 2% of the devices never answer a method
                .tier(Tier.S1)                      // 1 active job; 100 jobs ops, 20 queries a minute
                .method("reboot", MethodBehavior.ok()
                        .withLatency(Duration.ofSeconds(2))
                        .withFailureRate(0.03))
                .start()) {
            CamelContext camel = new DefaultCamelContext();
            IotJobsComponent iotjobs = camel.getComponent("iotjobs", IotJobsComponent.class);
            iotjobs.getConfiguration().setConnectionString(emulator.connectionString());
            iotjobs.getConfiguration().setBaseUrl(emulator.baseUrl()); // the emulator speaks plain HTTP
            // ... add routes, camel.start(), run them, camel.close()
            assertThat(emulator.twin("device-000007")).isPresent();
            assertThat(iotjobs.getConfiguration().getBaseUrl()).startsWith("http://127.0.0.1:");
            camel.close();
        }
    }

    @Test
    void quotasLagAndDeviceAgents() {
        try (IotJobsEmulator emulator = IotJobsEmulator.builder()
                .devices(1000)
                .tier(Tier.S1).units(2)             // two S1 units: 200 jobs ops and 40 queries a minute
                .throttle("deviceOps", "50/sec")    // one class, for the whole hub
                .indexLag(Duration.ofMinutes(10))   // devices.jobs rows and twin queries show 10 minutes ago
                .reportLatency(Duration.ofSeconds(30)) // devices report desired changes back after 30 s
                .neverConverging(0.01)              // ... except 1% of them
                .rebootOffline(Duration.ofMinutes(2)) // after "reboot" a device is offline for 2 minutes
                .start()) {
            long admitted = emulator.requests(ThrottleClass.QUERIES);   // as GET /_emulator/stats counts them
            long refused = emulator.throttled(ThrottleClass.QUERIES);   // answered 429 ThrottlingException
            assertThat(admitted + refused).isZero();
            assertThat(emulator.quota(ThrottleClass.QUERIES).orElseThrow()).hasToString("40/min");
            assertThat(emulator.quota(ThrottleClass.DEVICE_OPS).orElseThrow()).hasToString("50/sec");
            assertThat(emulator.engine().indexLag()).isEqualTo(Duration.ofMinutes(10));
        }
    }

    @Test
    void timeAndFaultsUnderTestControl() {
        ManualClock clock = new ManualClock(Instant.parse("2030-01-01T00:00:00Z"));
        try (IotJobsEmulator emulator = IotJobsEmulator.builder()
                .devices(10)
                .clock(clock).autoTick(false)       // the test decides when time passes
                .start()) {
            // The next request on a jobs path answers 429 with Retry-After: 2, once
            emulator.injectFault(Fault.status(429).retryAfterSeconds(2).onPath("/jobs/v2/.*").times(1));
            // Jobs move only when the test says so
            emulator.advance(Duration.ofSeconds(10));
            assertThat(clock.instant()).isEqualTo(Instant.parse("2030-01-01T00:00:10Z"));
        }
    }
}
