/*
 * Licensed to the Apache Software Foundation (ASF) under one or more contributor license agreements; and to You
 * under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance with the
 * License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.iotjobs.examples.docs;

import java.util.Map;

import io.github.iotjobs.camel.IotJobsConstants;
import io.github.iotjobs.camel.IotJobsOperationFailedException;
import io.github.iotjobs.camel.validation.IotJobsValidationException;
import org.apache.camel.builder.RouteBuilder;

/**
 * The Java samples of docs/component-reference.md and docs/user-guide.md. DocsSamplesTest checks that every java block
 * of the pages is in this file (or EmulatorSamplesTest) and runs these routes on the emulator.
 */
public class ReferenceRoutes extends RouteBuilder {

    @Override
    public void configure() {
        onException(IotJobsValidationException.class)
                .handled(true)
                .setBody(simple("rejected before sending: ${exception.field}: ${exception.message}"));

        onException(IotJobsOperationFailedException.class)
                .onWhen(simple("${exception.errorCode} == 'ThrottlingMaxActiveJobCountExceeded'"))
                .maximumRedeliveries(5).redeliveryDelay(30000)
                .log("too many active jobs; request id ${exception.requestId}");

        from("direct:reboot-building")
                .setHeader(IotJobsConstants.QUERY_CONDITION, simple("tags.building = '${body}'"))
                .setBody(constant("{\"delaySeconds\": 5}"))
                .to("iotjobs:hub?operation=scheduleDeviceMethod&methodName=reboot&methodResponseTimeout=30")
                .log("reboot job ${header.CamelIotJobsJobId} is ${header.CamelIotJobsJobStatus}");

        from("direct:set-firmware")
                .setHeader(IotJobsConstants.QUERY_CONDITION, constant("tags.building = 'b1'"))
                .setBody(constant(Map.of("properties", Map.of("desired", Map.of("firmware", "2.1.0")))))
                .to("iotjobs:hub?operation=scheduleTwinUpdate&waitForCompletion=true&pollInterval=1000")
                .log("${body.statistics.succeededCount} of ${body.statistics.deviceCount} twins updated");

        from("direct:job-status")
                .setHeader(IotJobsConstants.JOB_ID, body())
                .to("iotjobs:hub?operation=getJob")
                .log("${body.jobId}: ${body.status}, ${body.statistics.failedCount} failed");

        from("direct:cancel-job")
                .setHeader(IotJobsConstants.JOB_ID, body())
                .to("iotjobs:hub?operation=cancelJob");

        from("direct:running-jobs")
                .to("iotjobs:hub?operation=listJobs&jobStatus=running&from=NOW-P1D")
                .log("${body.size()} jobs running");

        from("direct:failed-devices")
                .setHeader(IotJobsConstants.JOB_ID, body())
                .to("iotjobs:hub?operation=listJobDevices&deviceJobStatus=failed")
                .split(body()).streaming()
                    .log("${body.deviceId}: ${body.error.code} ${body.error.description}");

        from("direct:preview")
                .setHeader(IotJobsConstants.QUERY_CONDITION, constant("tags.floor >= 3"))
                .to("iotjobs:hub?operation=queryDevices")
                .log("the job would reach ${header.CamelIotJobsDeviceCount} devices");

        from("iotjobs:hub?jobStatus=failed&delay=30000")
                .routeId("failed-jobs")
                .log("job ${header.CamelIotJobsJobId} failed: ${body.failureReason}");
    }
}
