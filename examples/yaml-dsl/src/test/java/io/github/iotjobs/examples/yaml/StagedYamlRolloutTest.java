/*
 * Licensed to the Apache Software Foundation (ASF) under one or more contributor license agreements; and to You
 * under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance with the
 * License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.iotjobs.examples.yaml;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.github.iotjobs.camel.rollout.IotRolloutConstants;
import io.github.iotjobs.camel.rollout.RolloutView;
import io.github.iotjobs.camel.rollout.store.RolloutStatus;
import io.github.iotjobs.emulator.IotJobsEmulator;
import org.apache.camel.builder.NotifyBuilder;
import org.apache.camel.main.Main;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/** Loads staged-rollout.camel.yaml as camel run would, and runs the staged rollout on the emulator. */
class StagedYamlRolloutTest {

    @TempDir
    Path store;

    @Test
    void theYamlStagedRolloutPassesItsGatesAndItsEventsRouteSeesEachDecision() throws Exception {
        try (IotJobsEmulator emulator = IotJobsEmulator.builder().noThrottling().devices(200).start()) {
            Main main = new Main();
            main.setPropertyPlaceholderLocations("classpath:application.properties");
            main.addInitialProperty("camel.main.routesIncludePattern", "classpath:staged-rollout.camel.yaml");
            main.addOverrideProperty("camel.component.iotjobs.connectionString", emulator.connectionString());
            main.addOverrideProperty("camel.component.iotjobs.baseUrl", emulator.baseUrl());
            main.addOverrideProperty("camel.component.iotrollout.storeDirectory", store.toString());
            main.addOverrideProperty("camel.component.iotrollout.pollInterval", "50");
            main.addOverrideProperty("camel.component.iotjobs.tier", "S3");
            main.addOverrideProperty("rollout.target", "tags.building = 'b2'");
            main.addOverrideProperty("rollout.wave", "yaml-staged");
            main.addOverrideProperty("rollout.stagedFrom", "direct:staged");
            main.start();
            try {
                // rolloutStarted, then stageStarted and gatePassed for each of 3 stages, then completed
                NotifyBuilder events = new NotifyBuilder(main.getCamelContext()).fromRoute("staged-rollout-events")
                        .whenDone(8).create();
                main.getCamelContext().createProducerTemplate().sendBody("direct:staged", null);
                assertThat(events.matches(30, TimeUnit.SECONDS)).isTrue();
                RolloutView view = main.getCamelContext().createProducerTemplate().requestBodyAndHeaders(
                        "iotrollout:staged-yaml-staged", null, Map.of(IotRolloutConstants.OPERATION, "get"),
                        RolloutView.class);
                assertThat(view.status()).isEqualTo(RolloutStatus.COMPLETED);
                assertThat(view.targetDevices()).isEqualTo(40);
                assertThat(emulator.fleet().all().stream()
                        .filter(t -> "yaml-staged".equals(t.tags().path("rollout").asText()))).hasSize(40);
            } finally {
                main.stop();
            }
        }
    }
}
