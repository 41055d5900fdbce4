/*
 * Licensed to the Apache Software Foundation (ASF) under one or more contributor license agreements; and to You
 * under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance with the
 * License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.iotjobs.camel.springboot;

import java.time.Duration;

import io.github.iotjobs.camel.IotJobsComponent;
import io.github.iotjobs.camel.IotJobsConstants;
import io.github.iotjobs.camel.IotJobsOperations;
import io.github.iotjobs.camel.model.IotJob;
import io.github.iotjobs.camel.model.JobStatus;
import io.github.iotjobs.emulator.IotJobsEmulator;
import io.github.iotjobs.emulator.IotJobsEmulatorExtension;
import io.github.iotjobs.emulator.engine.MethodBehavior;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.spring.boot.actuate.console.CamelDevConsoleEndpoint;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The starter alone, configured by kebab-case properties: the endpoint URI names only the platform, everything else
 * (credentials, operation, method, waiting) comes from camel.component.iotjobs.*. Actuator and camel-console are on
 * the test class path, as in an application that has them: the meters reach Actuator's MeterRegistry and the dev
 * console is part of the camel actuator endpoint, with no configuration of the starter's.
 */
@SpringBootTest(classes = StarterApplication.class, properties = {
        "camel.main.run-controller=false",
        "camel.main.dev-console-enabled=true",
        "management.endpoints.web.exposure.include=camel,health",
        "camel.component.iotjobs.operation=scheduleDeviceMethod",
        "camel.component.iotjobs.method-name=reboot",
        "camel.component.iotjobs.wait-for-completion=true",
        "camel.component.iotjobs.poll-interval=100",
        "camel.component.iotjobs.max-retries=6" })
class IotJobsStarterTest {

    // Started before the application context is built, which reads its address through the property source.
    @RegisterExtension
    static IotJobsEmulatorExtension emulator = new IotJobsEmulatorExtension(IotJobsEmulator.builder()
            .devices(20)
            .method("reboot", MethodBehavior.ok().withLatency(Duration.ofMillis(200))));

    @DynamicPropertySource
    static void emulatorAddress(DynamicPropertyRegistry registry) {
        registry.add("camel.component.iotjobs.connection-string", () -> emulator.emulator().connectionString());
        registry.add("camel.component.iotjobs.base-url", () -> emulator.emulator().baseUrl());
    }

    @Autowired
    CamelContext camel;

    @Autowired
    ProducerTemplate template;

    @Autowired
    MeterRegistry meters;

    @Autowired
    CamelDevConsoleEndpoint console;

    @Test
    void propertiesReachTheComponent() {
        IotJobsComponent component = camel.getComponent("iotjobs", IotJobsComponent.class);

        assertThat(component.getConfiguration().getBaseUrl()).isEqualTo(emulator.emulator().baseUrl());
        assertThat(component.getConfiguration().getOperation()).isEqualTo(IotJobsOperations.scheduleDeviceMethod);
        assertThat(component.getConfiguration().getMaxRetries()).isEqualTo(6);
        assertThat(component.getConfiguration().getPollInterval()).isEqualTo(100);
    }

    @Test
    void schedulesAJobAndWaitsForItsEnd() {
        IotJob job = template.requestBodyAndHeader("iotjobs:hub", "{}",
                IotJobsConstants.QUERY_CONDITION, "tags.building = 'b1'", IotJob.class);

        assertThat(job.status()).isEqualTo(JobStatus.completed);
        assertThat(job.statistics().deviceCount()).isEqualTo(4);
        assertThat(job.statistics().succeededCount()).isEqualTo(4);
    }

    @Test
    void metersAndTheDevConsoleNeedNoConfiguration() {
        double created = count("iotjobs.requests", "operation", "PUT /jobs/v2/{id}");
        double ended = count("iotjobs.job.duration", "status", "completed");

        IotJob job = template.requestBodyAndHeader("iotjobs:hub", "{}", IotJobsConstants.QUERY_CONDITION,
                "tags.building = 'b1'", IotJob.class);

        assertThat(job.status()).isEqualTo(JobStatus.completed);
        assertThat(count("iotjobs.requests", "operation", "PUT /jobs/v2/{id}")).isEqualTo(created + 1);
        assertThat(count("iotjobs.job.duration", "status", "completed")).isEqualTo(ended + 1);
        assertThat(meters.get("iotjobs.requests").tags("platform", "hub", "operation", "GET /jobs/v2/{id}",
                "outcome", "success").timer().count()).isPositive();
        assertThat(console.getConsoleById("iotjobs").toJson()).contains("\"platform\":\"hub\"", "\"quotas\"",
                "\"class\":\"jobs\"");
    }

    private double count(String meter, String tag, String value) {
        return meters.find(meter).tag(tag, value).timers().stream().mapToLong(Timer::count).sum();
    }
}
