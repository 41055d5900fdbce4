/*
 * Licensed to the Apache Software Foundation (ASF) under one or more contributor license agreements; and to You
 * under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance with the
 * License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.iotjobs.camel.ops;

import io.github.iotjobs.camel.IotJobsComponent;
import io.github.iotjobs.camel.IotJobsConstants;
import io.github.iotjobs.camel.model.IotJob;
import io.github.iotjobs.camel.model.JobStatus;
import io.github.iotjobs.emulator.IotJobsEmulator;
import io.github.iotjobs.emulator.engine.JobSpec;
import io.github.iotjobs.emulator.engine.JobType;
import io.github.iotjobs.emulator.engine.MethodCall;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;

/**
 * Run by {@link NoMicrometerTest} in a class loader without Micrometer: a producer waits for a job on the emulator
 * and a consumer polls it, which would fail with NoClassDefFoundError if any Micrometer class were needed.
 */
public final class WithoutMicrometer {

    private WithoutMicrometer() {
    }

    /** Returns the simple name of the metrics the component chose. */
    public static String run() throws Exception {
        try (IotJobsEmulator emulator = IotJobsEmulator.builder().devices(2).noThrottling().start();
             CamelContext context = new DefaultCamelContext()) {
            emulator.engine().create(new JobSpec("reboot-1", JobType.SCHEDULE_DEVICE_METHOD, "*", null, 3600,
                    new MethodCall("reboot", null, 30, 0), null, null, null));
            String options = "connectionString=RAW(" + emulator.connectionString() + ")&baseUrl="
                             + emulator.baseUrl();
            context.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from("iotjobs:hub?" + options + "&delay=20").routeId("watch").to("log:watch?level=DEBUG");
                }
            });
            context.start();
            String wait = "iotjobs:hub?" + options + "&operation=getJob&waitForCompletion=true&pollInterval=20";
            IotJob job = context.createProducerTemplate().requestBodyAndHeader(wait, null, IotJobsConstants.JOB_ID,
                    "reboot-1", IotJob.class);
            if (job.status() != JobStatus.completed) {
                throw new IllegalStateException("job ended " + job.status());
            }
            return context.getComponent("iotjobs", IotJobsComponent.class).getSharedResources().metrics().getClass()
                    .getName();
        }
    }
}
