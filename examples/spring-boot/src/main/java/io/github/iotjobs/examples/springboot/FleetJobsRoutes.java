/*
 * Licensed to the Apache Software Foundation (ASF) under one or more contributor license agreements; and to You
 * under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance with the
 * License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.iotjobs.examples.springboot;

import io.github.iotjobs.camel.IotJobsConstants;
import org.apache.camel.builder.RouteBuilder;
import org.springframework.stereotype.Component;

/**
 * The service's routes. The connection comes from camel.component.iotjobs.* in application.properties; the endpoint
 * URIs only say what to do.
 */
@Component
public class FleetJobsRoutes extends RouteBuilder {

    @Override
    public void configure() {
        // Body: the query condition of the devices to reboot. Answers with the finished job.
        from("direct:reboot")
                .routeId("reboot")
                .setHeader(IotJobsConstants.QUERY_CONDITION, body())
                .setBody(constant("{}"))
                .to("iotjobs:hub?operation=scheduleDeviceMethod&methodName=reboot"
                    + "&waitForCompletion=true&pollInterval={{fleet.pollInterval}}")
                .to("iotjobs:hub?operation=getJob")
                .log("reboot ${header.CamelIotJobsJobId} ${body.status}: ${body.statistics.failedCount} of"
                     + " ${body.statistics.deviceCount} failed");

        // Every job that ends, whoever started it.
        from("iotjobs:hub?startFrom=now&delay={{fleet.pollInterval}}")
                .routeId("job-watch")
                .filter(simple("${body.terminal}"))
                .log("job ${header.CamelIotJobsJobId} (${header.CamelIotJobsJobType}) ended ${header.CamelIotJobsJobStatus}");
    }
}
