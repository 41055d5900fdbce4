/*
 * Licensed to the Apache Software Foundation (ASF) under one or more contributor license agreements; and to You
 * under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance with the
 * License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.iotjobs.camel.metrics;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.function.IntSupplier;
import java.util.function.Supplier;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import org.apache.camel.spi.Registry;

/**
 * The meters, named as Camel's own ({@code iotjobs.*}, dot-separated; each registry renders them in its style, e.g.
 * {@code iotjobs_requests_seconds_count} for Prometheus). Loaded only by {@link MetricsLookup} once Micrometer is known
 * to be present.
 */
final class MicrometerMetrics implements IotJobsMetrics {

    static final String REQUESTS = "iotjobs.requests";
    static final String THROTTLED = "iotjobs.throttled";
    static final String RETRIES = "iotjobs.retries";
    static final String JOB_DURATION = "iotjobs.job.duration";
    static final String CONSUMER_LAG = "iotjobs.consumer.lag";
    static final String CONSUMER_JOBS = "iotjobs.consumer.jobs.tracked";

    private final MeterRegistry registry;

    private MicrometerMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    /**
     * The registry bound in Camel's registry: camel-micrometer's {@code metricsRegistry}, the only one, or Spring
     * Boot's composite of several; {@link IotJobsMetrics#NONE} when there is none.
     */
    static IotJobsMetrics fromRegistry(Registry camelRegistry) {
        MeterRegistry named = camelRegistry.lookupByNameAndType("metricsRegistry", MeterRegistry.class);
        if (named != null) {
            return new MicrometerMetrics(named);
        }
        Set<MeterRegistry> registries = camelRegistry.findByType(MeterRegistry.class);
        if (registries.size() == 1) {
            return new MicrometerMetrics(registries.iterator().next());
        }
        return registries.stream().filter(CompositeMeterRegistry.class::isInstance).findFirst()
                .<IotJobsMetrics> map(MicrometerMetrics::new).orElse(IotJobsMetrics.NONE);
    }

    @Override
    public void request(String platform, String operation, String outcome, Duration took) {
        Timer.builder(REQUESTS).description("Requests sent to the platform, each retry counted")
                .tags("platform", platform, "operation", operation, "outcome", outcome).register(registry)
                .record(took);
        if ("throttled".equals(outcome)) {
            Counter.builder(THROTTLED).description("Requests the platform refused with 429")
                    .tags("platform", platform, "operation", operation).register(registry).increment();
        }
    }

    @Override
    public void retry(String platform, String operation, String reason) {
        Counter.builder(RETRIES).description("Requests sent again after a failure")
                .tags("platform", platform, "operation", operation, "reason", reason).register(registry).increment();
    }

    @Override
    public void jobEnded(String platform, String jobType, String status, Duration duration) {
        Timer.builder(JOB_DURATION).description("Duration of the jobs producers waited for, start to end")
                .tags("platform", platform, "type", jobType, "status", status).register(registry).record(duration);
    }

    @Override
    public Runnable consumer(String platform, String routeId, Supplier<Instant> lastSuccess,
                                  IntSupplier trackedJobs) {
        Tags tags = Tags.of("platform", platform, "route", routeId);
        Meter lag = Gauge.builder(CONSUMER_LAG, lastSuccess, MicrometerMetrics::secondsSince).tags(tags)
                .description("Seconds since the consumer's last successful poll (NaN before the first)")
                .baseUnit("seconds").strongReference(true).register(registry);
        Meter tracked = Gauge.builder(CONSUMER_JOBS, trackedJobs, IntSupplier::getAsInt).tags(tags)
                .description("Jobs the consumer tracks").strongReference(true).register(registry);
        return () -> List.of(lag, tracked).forEach(registry::remove);
    }

    private static double secondsSince(Supplier<Instant> time) {
        Instant instant = time.get();
        return instant == null ? Double.NaN : Duration.between(instant, Instant.now()).toMillis() / 1000.0;
    }
}
