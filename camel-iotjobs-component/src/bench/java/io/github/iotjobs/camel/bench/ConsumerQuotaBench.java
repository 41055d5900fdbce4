/*
 * Licensed to the Apache Software Foundation (ASF) under one or more contributor license agreements; and to You
 * under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance with the
 * License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.iotjobs.camel.bench;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.github.iotjobs.camel.IotJobsConsumer;
import io.github.iotjobs.camel.consumer.ConsumerStatus;
import io.github.iotjobs.camel.model.DeviceJob;
import io.github.iotjobs.emulator.IotJobsEmulator;
import io.github.iotjobs.emulator.Tier;
import io.github.iotjobs.emulator.engine.JobSpec;
import io.github.iotjobs.emulator.engine.JobType;
import io.github.iotjobs.emulator.quota.ThrottleClass;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.core.config.Configurator;

/**
 * The consumer following a 10,000-device twin job on the emulator (real clock, quotas on, one unit) with
 * deviceEvents, at S1 and at S3: device queries per poll and per minute against the tier's query quota (20 and 1,000
 * a minute), job listing requests per minute against the jobs quota (100 and 5,000), the 429s met, and the lag from a
 * row's final state (its lastUpdatedDateTimeUtc) to its event. The job's device operations are raised to 200/sec on
 * both tiers so that it runs 50 seconds; the query quota is the tier's own. The baseline of each ratio is the
 * tier's quota; for the lag, the time the consumer's share of the quota needs to read the job's 100 pages once.
 * <p>
 * Run, after {@code ./mvnw -q -DskipTests install}: {@code ./mvnw -q -P bench -pl camel-iotjobs-component
 * test-compile exec:java -Dexec.mainClass=io.github.iotjobs.camel.bench.ConsumerQuotaBench}
 * ({@code -Dminutes=N}: how long each tier runs at most, default 4).
 */
public final class ConsumerQuotaBench {

    private static final int DEVICES = 10_000;

    private ConsumerQuotaBench() {
    }

    public static void main(String[] args) throws Exception {
        Configurator.setLevel("io.github.iotjobs", Level.INFO);
        Duration limit = Duration.ofMinutes(Long.getLong("minutes", 4));
        run("S1", Tier.S1, limit);
        run("S3", Tier.S3, limit);
    }

    private static void run(String name, Tier tier, Duration limit) throws Exception {
        List<Long> lagMillis = Collections.synchronizedList(new ArrayList<>());
        try (IotJobsEmulator emulator = IotJobsEmulator.builder().devices(DEVICES).tier(tier).units(1)
                .throttle("deviceOps", "200/sec").start();
             CamelContext context = new DefaultCamelContext()) {
            context.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from("iotjobs:hub?connectionString=RAW(" + emulator.connectionString() + ")&baseUrl="
                         + emulator.baseUrl() + "&tier=" + name + "&units=1&deviceEvents=true&delay=1000"
                         + "&initialDelay=0&pageSize=100")
                            .routeId("events")
                            .process(exchange -> {
                                if (exchange.getMessage().getBody() instanceof DeviceJob row
                                    && row.lastUpdatedTime() != null) {
                                    lagMillis.add(Duration.between(row.lastUpdatedTime(), Instant.now()).toMillis());
                                }
                            });
                }
            });
            context.start();
            IotJobsConsumer consumer = (IotJobsConsumer) context.getRoute("events").getConsumer();
            emulator.engine().create(new JobSpec("big", JobType.SCHEDULE_UPDATE_TWIN, "*", null, 3600, null, null,
                    null, JsonNodeFactory.instance.objectNode().put("firmware", "2.0")));
            Instant start = Instant.now();
            int maxQueriesPerPoll = 0;
            int maxQueriesPerMinute = 0;
            int maxListingPerMinute = 0;
            while (lagMillis.size() < DEVICES && Duration.between(start, Instant.now()).compareTo(limit) < 0) {
                ConsumerStatus status = consumer.getConsumerStatus();
                maxQueriesPerPoll = Math.max(maxQueriesPerPoll, status.queriesLastPoll());
                maxQueriesPerMinute = Math.max(maxQueriesPerMinute, status.queriesLastMinute());
                maxListingPerMinute = Math.max(maxListingPerMinute, status.listingRequestsLastMinute());
                Thread.sleep(200);
            }
            double minutes = Duration.between(start, Instant.now()).toMillis() / 60_000.0;
            ConsumerStatus status = consumer.getConsumerStatus();
            long queries = emulator.requests(ThrottleClass.QUERIES);
            long jobs = emulator.requests(ThrottleClass.JOBS);
            int share = Math.max(1, status.queryQuotaPerMinute() / 2);
            System.out.printf("%s, 10,000-device job, %.1f min: %d of %d device events%n", name, minutes,
                    lagMillis.size(), DEVICES);
            System.out.printf("  device queries: %d (%.1f/min, ratio to the quota of %d/min: %.2f), at most %d per"
                              + " poll and %d in a minute; 429s: %d%n", queries, queries / minutes,
                    status.queryQuotaPerMinute(), queries / minutes / status.queryQuotaPerMinute(), maxQueriesPerPoll,
                    maxQueriesPerMinute, emulator.throttled(ThrottleClass.QUERIES));
            System.out.printf("  job listing: %d requests (%.1f/min, ratio to the quota of %d/min: %.2f), at most %d"
                              + " in a minute; 429s: %d%n", jobs, jobs / minutes, status.jobsQuotaPerMinute(),
                    jobs / minutes / status.jobsQuotaPerMinute(), maxListingPerMinute,
                    emulator.throttled(ThrottleClass.JOBS));
            List<Long> sorted = new ArrayList<>(lagMillis);
            Collections.sort(sorted);
            if (!sorted.isEmpty()) {
                double readOnce = DEVICES / 100.0 / share * 60;
                double p50 = sorted.get(sorted.size() / 2) / 1000.0;
                System.out.printf("  lag from a row's final state to its event: median %.1f s, p95 %.1f s, max %.1f s"
                                  + " (reading the job's 100 pages once at the consumer's share of %d/min takes"
                                  + " %.0f s; median ratio %.2f)%n", p50,
                        sorted.get((int) (sorted.size() * 0.95)) / 1000.0, sorted.get(sorted.size() - 1) / 1000.0,
                        share, readOnce, p50 / readOnce);
            }
            System.out.printf("  consumer status at the end: %d rows pending, lag %d ms%n", status.rowsPending(),
                    status.lag(Instant.now()).toMillis());
        }
    }
}
