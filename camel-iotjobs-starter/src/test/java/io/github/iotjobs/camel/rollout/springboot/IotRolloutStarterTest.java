/*
 * Licensed to the Apache Software Foundation (ASF) under one or more contributor license agreements; and to You
 * under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance with the
 * License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.iotjobs.camel.rollout.springboot;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import io.github.iotjobs.camel.rollout.IotRolloutComponent;
import io.github.iotjobs.camel.rollout.IotRolloutConstants;
import io.github.iotjobs.camel.rollout.RolloutView;
import io.github.iotjobs.camel.rollout.stage.HubTier;
import io.github.iotjobs.camel.rollout.store.RolloutStatus;
import io.github.iotjobs.emulator.IotJobsEmulator;
import io.github.iotjobs.emulator.IotJobsEmulatorExtension;
import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.spring.boot.actuate.console.CamelDevConsoleEndpoint;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Both starters, configured by kebab-case properties only: the iotjobs component reaches the emulator, the iotrollout
 * component takes its tier, poll interval and store directory, and a staged rollout runs to its end. The dev console
 * (Actuator and camel-console on the test class path) lists it while it waits for approval.
 */
@SpringBootTest(classes = IotRolloutStarterTest.Application.class, properties = {
        "camel.main.run-controller=false",
        "camel.main.dev-console-enabled=true",
        "management.endpoints.web.exposure.include=camel",
        "camel.component.iotjobs.tier=S3",
        "camel.component.iotrollout.tier=S3",
        "camel.component.iotrollout.poll-interval=50" })
class IotRolloutStarterTest {

    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class Application {
    }

    @RegisterExtension
    static IotJobsEmulatorExtension emulator = new IotJobsEmulatorExtension(IotJobsEmulator.builder().devices(20)
            .noThrottling());

    static Path storeDirectory;

    @DynamicPropertySource
    static void emulatorAddress(DynamicPropertyRegistry registry) throws Exception {
        storeDirectory = Files.createTempDirectory("iotrollout-starter");
        registry.add("camel.component.iotjobs.connection-string", () -> emulator.emulator().connectionString());
        registry.add("camel.component.iotjobs.base-url", () -> emulator.emulator().baseUrl());
        registry.add("camel.component.iotrollout.store-directory", () -> storeDirectory.toString());
    }

    @Autowired
    CamelContext camel;

    @Autowired
    ProducerTemplate template;

    @Autowired
    CamelDevConsoleEndpoint console;

    @Test
    void propertiesReachTheComponentAndAStagedRolloutRunsToItsEnd() {
        IotRolloutComponent component = camel.getComponent("iotrollout", IotRolloutComponent.class);
        assertThat(component.getTier()).isEqualTo(HubTier.S3);
        assertThat(component.getPollInterval()).isEqualTo(50);
        assertThat(component.getStoreDirectory()).isEqualTo(storeDirectory.toString());

        template.requestBodyAndHeaders("iotrollout:starter-1", """
                {"target": {"query": "*"},
                 "action": {"twinPatch": {"properties": {"desired": {"firmware": "2.0"}}}},
                 "stages": [{"devices": 2}, {"percent": 100}],
                 "approval": "manual"}
                """, Map.of(IotRolloutConstants.OPERATION, "start"));
        await().atMost(Duration.ofSeconds(30)).until(() -> get("starter-1").status()
                == RolloutStatus.AWAITING_APPROVAL);
        assertThat(console.getConsoleById("iotrollout").toJson()).contains("\"rolloutId\":\"starter-1\"",
                "\"status\":\"awaitingApproval\"");
        assertThat(storeDirectory).isNotEmptyDirectory();

        template.requestBodyAndHeaders("iotrollout:starter-1", "looks good",
                Map.of(IotRolloutConstants.OPERATION, "approve"));
        await().atMost(Duration.ofSeconds(30)).until(() -> get("starter-1").status() == RolloutStatus.COMPLETED);
        assertThat(get("starter-1").passedStages()).hasSize(2);
    }

    private RolloutView get(String rolloutId) {
        return template.requestBodyAndHeaders("iotrollout:" + rolloutId, null,
                Map.of(IotRolloutConstants.OPERATION, "get"), RolloutView.class);
    }
}
