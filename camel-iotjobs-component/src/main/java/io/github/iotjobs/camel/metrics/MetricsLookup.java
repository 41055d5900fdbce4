/*
 * Licensed to the Apache Software Foundation (ASF) under one or more contributor license agreements; and to You
 * under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance with the
 * License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.iotjobs.camel.metrics;

import org.apache.camel.CamelContext;

/**
 * Finds the application's meter registry: Micrometer must be visible to this component's class loader (checked by
 * name, so nothing of it is loaded otherwise) and a {@code MeterRegistry} bound in the Camel registry, as Spring Boot
 * Actuator and camel-micrometer do.
 */
public final class MetricsLookup {

    private static final String METER_REGISTRY = "io.micrometer.core.instrument.MeterRegistry";
    private static final boolean MICROMETER_PRESENT = present(METER_REGISTRY);

    private MetricsLookup() {
    }

    public static IotJobsMetrics find(CamelContext context) {
        return MICROMETER_PRESENT ? MicrometerMetrics.fromRegistry(context.getRegistry()) : IotJobsMetrics.NONE;
    }

    /** Whether the class resolves where {@link MicrometerMetrics} would be linked: here, not in the caller's loader. */
    private static boolean present(String className) {
        try {
            Class.forName(className, false, MetricsLookup.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError absent) {
            return false;
        }
    }
}
