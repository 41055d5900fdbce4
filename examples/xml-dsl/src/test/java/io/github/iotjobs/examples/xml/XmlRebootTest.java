/*
 * Licensed to the Apache Software Foundation (ASF) under one or more contributor license agreements; and to You
 * under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance with the
 * License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.iotjobs.examples.xml;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.github.iotjobs.camel.IotJobsConstants;
import io.github.iotjobs.camel.model.DeviceJob;
import io.github.iotjobs.camel.model.DeviceJobStatus;
import io.github.iotjobs.camel.model.IotJob;
import io.github.iotjobs.camel.model.JobStatus;
import io.github.iotjobs.emulator.IotJobsEmulator;
import io.github.iotjobs.emulator.engine.MethodBehavior;
import org.apache.camel.Exchange;
import org.apache.camel.builder.NotifyBuilder;
import org.apache.camel.main.Main;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Loads reboot.camel.xml and application.properties as camel run would, and runs the reboot on the emulator. */
class XmlRebootTest {

    @Test
    void xmlRoutesRebootListTheFailedDevicesAndSeeTheJobEnd() throws Exception {
        try (IotJobsEmulator emulator = IotJobsEmulator.builder()
                .devices(100)
                .method("reboot", MethodBehavior.ok().withLatency(Duration.ofMillis(200)).withFailureRate(0.5))
                .start()) {
            Main main = new Main();
            main.setPropertyPlaceholderLocations("classpath:application.properties");
            main.addInitialProperty("camel.main.routesIncludePattern", "classpath:reboot.camel.xml");
            main.addOverrideProperty("camel.component.iotjobs.connectionString", emulator.connectionString());
            main.addOverrideProperty("camel.component.iotjobs.baseUrl", emulator.baseUrl());
            main.addOverrideProperty("reboot.target", "tags.building = 'b4'");
            main.addOverrideProperty("reboot.connectTimeout", "2");
            main.addOverrideProperty("reboot.pollInterval", "200");
            main.addOverrideProperty("reboot.from", "direct:reboot");
            main.start();
            try {
                assertThat(main.getCamelContext().getRoutes()).extracting(r -> r.getRouteId())
                        .containsExactlyInAnyOrder("job-watch", "reboot");
                NotifyBuilder watchedEnd = new NotifyBuilder(main.getCamelContext()).fromRoute("job-watch")
                        .whenAnyDoneMatches(e -> "scheduleDeviceMethod".equals(e.getMessage().getHeader(IotJobsConstants.JOB_TYPE))
                                                 && e.getMessage().getBody(IotJob.class).isTerminal())
                        .create();

                Exchange result = main.getCamelContext().createProducerTemplate().send("direct:reboot", e -> {
                });

                assertThat(result.getException()).isNull();
                IotJob reboot = result.getProperty("rebootJob", IotJob.class);
                assertThat(reboot.status()).isEqualTo(JobStatus.completed);
                assertThat(reboot.statistics().deviceCount()).isEqualTo(20);
                assertThat(reboot.statistics().failedCount()).isPositive();

                List<?> failed = result.getProperty("failedDevices", List.class);
                assertThat(failed).hasSize(reboot.statistics().failedCount());
                assertThat(failed).allSatisfy(row -> {
                    assertThat(row).isInstanceOf(DeviceJob.class);
                    assertThat(((DeviceJob) row).status()).isEqualTo(DeviceJobStatus.failed);
                });

                assertThat(watchedEnd.matches(30, TimeUnit.SECONDS)).as("job-watch saw the reboot job end").isTrue();
            } finally {
                main.stop();
            }
        }
    }
}
