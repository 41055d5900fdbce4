/*
 * Licensed to the Apache Software Foundation (ASF) under one or more contributor license agreements; and to You
 * under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance with the
 * License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.iotjobs.camel.bench;

import java.util.Arrays;
import java.util.concurrent.ThreadFactory;

import io.github.iotjobs.camel.IotJobsComponent;
import io.github.iotjobs.camel.IotJobsConfiguration;
import io.github.iotjobs.camel.IotJobsTier;
import org.apache.camel.CamelContext;

/**
 * What the component's benches share: the stub hub's connection, daemon threads, timing and medians.
 */
final class BenchSupport {

    /** Daemon threads, so that the JVM (or exec:java) ends when main returns. */
    static final ThreadFactory DAEMONS = task -> {
        Thread thread = new Thread(task);
        thread.setDaemon(true);
        return thread;
    };

    private static final String KEY = "YmVuY2gta2V5LWJlbmNoLWtleS1iZW5jaC1rZXktMzI=";

    private BenchSupport() {
    }

    /**
     * Points the context's iotjobs component at a local stub hub. The stub is not a hub with quotas: the budget is
     * large enough never to queue, so the bench measures the component.
     */
    static IotJobsConfiguration stubHub(CamelContext context, String baseUrl) {
        IotJobsConfiguration defaults = context.getComponent("iotjobs", IotJobsComponent.class).getConfiguration();
        defaults.setConnectionString("HostName=benchhub.azure-devices.net;SharedAccessKeyName=iothubowner;"
                                     + "SharedAccessKey=" + KEY);
        defaults.setBaseUrl(baseUrl);
        defaults.setTier(IotJobsTier.S3);
        defaults.setUnits(200);
        return defaults;
    }

    /** Microseconds per call of {@code calls} calls in a row. */
    static double microsPerCall(Runnable call, int calls) {
        long start = System.nanoTime();
        for (int i = 0; i < calls; i++) {
            call.run();
        }
        return (System.nanoTime() - start) / 1_000.0 / calls;
    }

    static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }
}
