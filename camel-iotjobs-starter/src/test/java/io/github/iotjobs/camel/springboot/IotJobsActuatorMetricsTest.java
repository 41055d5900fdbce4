/*
 * Licensed to the Apache Software Foundation (ASF) under one or more contributor license agreements; and to You
 * under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance with the
 * License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.iotjobs.camel.springboot;

import java.time.Duration;

import io.github.iotjobs.camel.IotJobsConstants;
import io.github.iotjobs.camel.model.IotJob;
import io.github.iotjobs.camel.model.JobStatus;
import io.github.iotjobs.emulator.IotJobsEmulator;
import io.github.iotjobs.emulator.IotJobsEmulatorExtension;
import io.github.iotjobs.emulator.engine.MethodBehavior;
import io.micrometer.core.instrument.MeterRegistry;
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
 * With Spring Boot Actuator on the class path, the component's meters land in the application's MeterRegistry
 * without any configuration: the starter adds nothing for metrics. With camel-console too, the iotjobs console is
 * part of Camel Spring Boot's camel actuator endpoint.
 */
@SpringBootTest(classes = StarterApplication.class, properties = {
        "camel.main.run-controller=false",
        "camel.main.dev-console-enabled=true",
        "management.endpoints.web.exposure.include=camel,health",
        "camel.component.iotjobs.operation=scheduleDeviceMethod",
        "camel.component.iotjobs.method-name=reboot",
        "camel.component.iotjobs.wait-for-completion=true",
        "camel.component.iotjobs.poll-interval=100" })
class IotJobsActuatorMetricsTest {

    @RegisterExtension
    static IotJobsEmulatorExtension emulator = new IotJobsEmulatorExtension(IotJobsEmulator.builder()
            .devices(4)
            .method("reboot", MethodBehavior.ok().withLatency(Duration.ofMillis(200))));

    @DynamicPropertySource
    static void emulatorAddress(DynamicPropertyRegistry registry) {
        registry.add("camel.component.iotjobs.connection-string", () -> emulator.emulator().connectionString());
        registry.add("camel.component.iotjobs.base-url", () -> emulator.emulator().baseUrl());
    }

    @Autowired
    ProducerTemplate template;

    @Autowired
    MeterRegistry meters;

    @Autowired
    CamelDevConsoleEndpoint console;

    @Test
    void requestsAndJobDurationsReachActuatorsRegistry() {
        IotJob job = template.requestBodyAndHeader("iotjobs:hub", "{}", IotJobsConstants.QUERY_CONDITION,
                "tags.building = 'b1'", IotJob.class);

        assertThat(job.status()).isEqualTo(JobStatus.completed);
        assertThat(meters.get("iotjobs.requests").tags("platform", "hub", "operation", "PUT /jobs/v2/{id}",
                "outcome", "success").timer().count()).isEqualTo(1);
        assertThat(meters.get("iotjobs.requests").tags("operation", "GET /jobs/v2/{id}").timer().count())
                .isPositive();
        assertThat(meters.get("iotjobs.job.duration").tags("platform", "hub", "status", "completed").timer()
                .count()).isEqualTo(1);
        assertThat(console.getConsoleById("iotjobs").toJson()).contains("\"platform\":\"hub\"",
                "\"serviceUrl\":\"" + emulator.emulator().baseUrl().replace("/", "\\/") + "\"", "\"quotas\"");
    }
}
