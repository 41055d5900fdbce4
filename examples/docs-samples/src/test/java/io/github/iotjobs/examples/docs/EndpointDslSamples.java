/*
 * Licensed to the Apache Software Foundation (ASF) under one or more contributor license agreements; and to You
 * under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance with the
 * License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.iotjobs.examples.docs;

import io.github.iotjobs.camel.IotJobsOperations;
import io.github.iotjobs.camel.dsl.IotJobsEndpointBuilderFactory;
import org.apache.camel.builder.endpoint.EndpointRouteBuilder;

/** The Endpoint DSL sample of docs/component-reference.md (camel-iotjobs-endpointdsl runs one on the emulator). */
class EndpointDslSamples extends EndpointRouteBuilder implements IotJobsEndpointBuilderFactory.IotJobsBuilders {

    @Override
    public void configure() {
        from(direct("reboot-building"))
                .to(iotjobs("hub").operation(IotJobsOperations.scheduleDeviceMethod).methodName("reboot")
                        .waitForCompletion(true).pollInterval(2000L));
    }
}
