/*
 * Licensed to the Apache Software Foundation (ASF) under one or more contributor license agreements; and to You
 * under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance with the
 * License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.iotjobs.examples.rollout;

import java.util.ArrayList;
import java.util.List;

import io.github.iotjobs.camel.IotJobsConstants;
import io.github.iotjobs.camel.IotJobsOperationFailedException;
import io.github.iotjobs.camel.model.DeviceJob;
import io.github.iotjobs.camel.model.DeviceJobStatus;
import io.github.iotjobs.camel.model.IotJob;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;

/**
 * The rollout as Camel routes. The connection (connectionString, and baseUrl for the emulator) is set once on the
 * component, through camel.component.iotjobs.* properties, so the endpoint URIs below only say what to do.
 */
public class RolloutRoutes extends RouteBuilder {

    /** Exchange properties the rollout route leaves for its caller. */
    public static final String TARGETED = "rolloutTargeted";
    public static final String PREVIEW_ERROR = "rolloutPreviewError";
    public static final String TWIN_JOB = "rolloutTwinJob";
    public static final String REBOOT_JOB = "rolloutRebootJob";
    public static final String FAILED_DEVICES = "rolloutFailedDevices";

    private final RolloutSettings settings;
    private final ProgressView view;

    public RolloutRoutes(RolloutSettings settings, ProgressView view) {
        this.settings = settings;
        this.view = view;
    }

    @Override
    public void configure() {
        String wait = "&waitForCompletion=true&pollInterval=" + settings.pollMillis();

        // Live progress: one event per job change (jobCreated, statusChanged, progress).
        from("iotjobs:hub?progressEvents=true&delay=" + settings.pollMillis())
                .routeId("progress")
                .process(e -> view.onEvent(e.getMessage().getBody(IotJob.class)));

        from("direct:rollout")
                .routeId("rollout")
                // 1. Dry run: which devices does the target select?
                // A service that refuses the query does not stop the rollout: the twin job reports its own count.
                .setHeader(IotJobsConstants.QUERY_CONDITION, constant(settings.target()))
                .doTry()
                    .to("iotjobs:hub?operation=queryDevices")
                    .setProperty(TARGETED, header(IotJobsConstants.DEVICE_COUNT))
                    .process(e -> view.println("Preview: " + e.getProperty(TARGETED) + " devices match "
                                               + settings.target()))
                .doCatch(IotJobsOperationFailedException.class)
                    .setProperty(PREVIEW_ERROR, simple("${exception.message}"))
                    .process(e -> view.println("Preview refused by the service, continuing without it: "
                                               + e.getProperty(PREVIEW_ERROR)))
                .end()

                // 2. Twin update: tag the wave and set the desired firmware, then wait for the job to end.
                .process(e -> newJob(e, "twin"))
                .setBody(constant(settings.twinPatch()))
                .process(e -> view.println("Twin update " + e.getMessage().getHeader(IotJobsConstants.JOB_ID)
                                           + ": " + settings.twinPatch()))
                .to("iotjobs:hub?operation=scheduleTwinUpdate" + wait)
                // A job that ended before the create call answered comes back sparse: read it once, in full.
                .to("iotjobs:hub?operation=getJob")
                .process(e -> view.close(e.getMessage().getBody(IotJob.class)))
                .setProperty(TWIN_JOB, body())

                // 3. Reboot exactly the devices the twin update reached.
                .process(e -> newJob(e, "reboot"))
                .setHeader(IotJobsConstants.QUERY_CONDITION, constant(settings.rebootCondition()))
                .setBody(constant("{\"reason\":\"firmware " + settings.firmware() + "\"}"))
                .process(e -> view.println("Reboot " + e.getMessage().getHeader(IotJobsConstants.JOB_ID)
                                           + " on " + settings.rebootCondition()))
                .to("iotjobs:hub?operation=scheduleDeviceMethod&methodName=reboot&methodResponseTimeout=30"
                    + "&methodConnectTimeout=" + settings.connectTimeout() + wait)
                .to("iotjobs:hub?operation=getJob")
                .process(e -> view.close(e.getMessage().getBody(IotJob.class)))
                .setProperty(REBOOT_JOB, body())

                // 4. The devices that failed, with their errors, streamed page by page.
                .process(e -> e.setProperty(FAILED_DEVICES, new ArrayList<DeviceJob>()))
                .setHeader(IotJobsConstants.DEVICE_JOB_STATUS, constant(DeviceJobStatus.failed))
                .to("iotjobs:hub?operation=listJobDevices")
                .split(body()).streaming()
                    .process(RolloutRoutes::collectFailed)
                .end();
    }

    private void newJob(Exchange exchange, String label) {
        String jobId = "rollout-" + settings.wave() + "-" + label + "-" + System.currentTimeMillis();
        view.follow(jobId, label);
        exchange.getMessage().setHeader(IotJobsConstants.JOB_ID, jobId);
    }

    @SuppressWarnings("unchecked")
    private static void collectFailed(Exchange exchange) {
        DeviceJob row = exchange.getMessage().getBody(DeviceJob.class);
        ((List<DeviceJob>) exchange.getProperty(FAILED_DEVICES, List.class)).add(row);
    }
}
