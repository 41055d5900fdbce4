/*
 * Licensed to the Apache Software Foundation (ASF) under one or more contributor license agreements; and to You
 * under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance with the
 * License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.iotjobs.examples.springboot;

import java.time.Duration;

import io.github.iotjobs.camel.IotJobsComponent;
import io.github.iotjobs.camel.model.IotJob;
import io.github.iotjobs.camel.model.JobStatus;
import io.github.iotjobs.emulator.IotJobsEmulator;
import io.github.iotjobs.emulator.engine.MethodBehavior;
import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/** Starts the service on an emulator, configured only through camel.component.iotjobs.* properties. */
@SpringBootTest(properties = {"camel.main.run-controller=false", "fleet.pollInterval=200"})
class FleetJobsApplicationTest {

    static final IotJobsEmulator EMULATOR = IotJobsEmulator.builder()
            .devices(100)
            .noThrottling()
            .method("reboot", MethodBehavior.ok().withLatency(Duration.ofMillis(300)).withFailureRate(0.2))
            .start();

    @DynamicPropertySource
    static void emulator(DynamicPropertyRegistry registry) {
        registry.add("camel.component.iotjobs.connection-string", EMULATOR::connectionString);
        registry.add("camel.component.iotjobs.base-url", EMULATOR::baseUrl);
    }

    @AfterAll
    static void stopEmulator() {
        EMULATOR.close();
    }

    @Autowired
    CamelContext camel;

    @Autowired
    ProducerTemplate template;

    @Test
    void propertiesConfigureTheComponent() {
        IotJobsComponent iotjobs = camel.getComponent("iotjobs", IotJobsComponent.class);
        assertThat(iotjobs.getConfiguration().getBaseUrl()).isEqualTo(EMULATOR.baseUrl());
        assertThat(iotjobs.getConfiguration().getMaxRetries()).isEqualTo(6);
        assertThat(camel.getRoutes()).extracting(r -> r.getRouteId()).contains("reboot", "job-watch");
    }

    @Test
    void rebootsTheSelectedDevices() {
        IotJob job = template.requestBody("direct:reboot", "tags.building = 'b3'", IotJob.class);

        assertThat(job.status()).isEqualTo(JobStatus.completed);
        assertThat(job.statistics().deviceCount()).isEqualTo(20);
        assertThat(job.statistics().doneCount()).isEqualTo(20);
        assertThat(job.queryCondition()).isEqualTo("tags.building = 'b3'");
    }
}
