/*
 * Licensed to the Apache Software Foundation (ASF) under one or more contributor license agreements; and to You
 * under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance with the
 * License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.iotjobs.camel.dsl;

import io.github.iotjobs.camel.IotJobsComponent;
import io.github.iotjobs.camel.IotJobsConstants;
import io.github.iotjobs.camel.IotJobsOperations;
import io.github.iotjobs.camel.model.IotJob;
import io.github.iotjobs.camel.model.JobStatus;
import io.github.iotjobs.emulator.IotJobsEmulator;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.endpoint.EndpointRouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The generated builders write the URIs a user would, and a route built with them runs a job on the emulator. */
class IotJobsEndpointDslTest {

    @Test
    void buildersWriteTheUri() {
        String uri = IotJobsEndpointBuilderFactory.endpointBuilder("iotjobs", "hub")
                .operation(IotJobsOperations.scheduleDeviceMethod).methodName("reboot").waitForCompletion(true)
                .getRawUri();

        assertThat(uri).isEqualTo("iotjobs://hub?methodName=reboot&operation=scheduleDeviceMethod&waitForCompletion=true");
    }

    @Test
    void aRouteBuiltWithThemRunsAJob() throws Exception {
        try (IotJobsEmulator emulator = IotJobsEmulator.builder().devices(10).start();
             CamelContext camel = new DefaultCamelContext()) {
            IotJobsComponent iotjobs = camel.getComponent("iotjobs", IotJobsComponent.class);
            iotjobs.getConfiguration().setConnectionString(emulator.connectionString());
            iotjobs.getConfiguration().setBaseUrl(emulator.baseUrl());
            camel.addRoutes(new RebootRoute());
            camel.start();

            IotJob job = camel.createProducerTemplate().requestBodyAndHeader("direct:reboot", "{}",
                    IotJobsConstants.QUERY_CONDITION, "tags.building = 'b1'", IotJob.class);

            assertThat(job.status()).isEqualTo(JobStatus.completed);
            assertThat(job.statistics().deviceCount()).isEqualTo(2);
        }
    }

    /** What a user writes: an EndpointRouteBuilder that also implements the component's builders. */
    static class RebootRoute extends EndpointRouteBuilder implements IotJobsEndpointBuilderFactory.IotJobsBuilders {
        @Override
        public void configure() {
            from(direct("reboot"))
                    .to(iotjobs("hub").operation(IotJobsOperations.scheduleDeviceMethod).methodName("reboot")
                            .waitForCompletion(true).pollInterval(100L));
        }
    }
}
