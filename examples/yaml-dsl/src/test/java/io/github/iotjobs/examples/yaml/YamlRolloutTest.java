/*
 * Licensed to the Apache Software Foundation (ASF) under one or more contributor license agreements; and to You
 * under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance with the
 * License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.iotjobs.examples.yaml;

import java.time.Duration;
import java.util.List;

import io.github.iotjobs.camel.model.DeviceJob;
import io.github.iotjobs.camel.model.DeviceJobStatus;
import io.github.iotjobs.camel.model.IotJob;
import io.github.iotjobs.camel.model.JobStatus;
import io.github.iotjobs.emulator.IotJobsEmulator;
import io.github.iotjobs.emulator.engine.MethodBehavior;
import org.apache.camel.Exchange;
import org.apache.camel.main.Main;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Loads rollout.camel.yaml and application.properties as camel run would, and runs the rollout on the emulator. */
class YamlRolloutTest {

    @Test
    void yamlRolloutUpdatesRebootsAndCollectsTheFailedDevices() throws Exception {
        try (IotJobsEmulator emulator = IotJobsEmulator.builder()
                .devices(200)
                .noThrottling()
                .offlineFraction(0.05)
                .method("reboot", MethodBehavior.ok().withLatency(Duration.ofMillis(500)).withFailureRate(0.05))
                .start()) {
            Main main = new Main();
            main.setPropertyPlaceholderLocations("classpath:application.properties");
            main.addInitialProperty("camel.main.routesIncludePattern", "classpath:rollout.camel.yaml");
            main.addOverrideProperty("camel.component.iotjobs.connectionString", emulator.connectionString());
            main.addOverrideProperty("camel.component.iotjobs.baseUrl", emulator.baseUrl());
            main.addOverrideProperty("rollout.target", "tags.building = 'b2'");
            main.addOverrideProperty("rollout.wave", "yaml-wave");
            main.addOverrideProperty("rollout.connectTimeout", "2");
            main.addOverrideProperty("rollout.pollInterval", "200");
            main.addOverrideProperty("rollout.from", "direct:rollout");
            main.start();
            try {
                assertThat(main.getCamelContext().getRoutes()).extracting(r -> r.getRouteId())
                        .containsExactlyInAnyOrder("progress", "rollout");

                Exchange result = main.getCamelContext().createProducerTemplate().send("direct:rollout", e -> {
                });

                assertThat(result.getException()).isNull();
                assertThat(result.getProperty("targeted", Integer.class)).isEqualTo(40);
                IotJob twin = result.getProperty("twinJob", IotJob.class);
                assertThat(twin.status()).isEqualTo(JobStatus.completed);
                assertThat(twin.statistics().succeededCount()).isEqualTo(40);
                assertThat(emulator.twin("device-000001")).hasValueSatisfying(
                        t -> assertThat(t.tags().path("rollout").asText()).isEqualTo("yaml-wave"));

                IotJob reboot = result.getProperty("rebootJob", IotJob.class);
                assertThat(reboot.jobId()).isNotEqualTo(twin.jobId());
                assertThat(reboot.status()).isEqualTo(JobStatus.completed);
                assertThat(reboot.statistics().deviceCount()).isEqualTo(40);
                assertThat(reboot.statistics().failedCount()).isPositive();

                List<?> failed = result.getProperty("failedDevices", List.class);
                assertThat(failed).hasSize(reboot.statistics().failedCount());
                assertThat(failed).allSatisfy(row -> {
                    assertThat(row).isInstanceOf(DeviceJob.class);
                    assertThat(((DeviceJob) row).status()).isEqualTo(DeviceJobStatus.failed);
                    assertThat(((DeviceJob) row).error().code()).isNotBlank();
                });
            } finally {
                main.stop();
            }
        }
    }
}
