/*
 * Licensed to the Apache Software Foundation (ASF) under one or more contributor license agreements; and to You
 * under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance with the
 * License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.iotjobs.camel.ops;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import io.github.iotjobs.camel.IotJobsConstants;
import io.github.iotjobs.camel.model.IotJob;
import io.github.iotjobs.camel.model.JobStatus;
import io.github.iotjobs.emulator.IotJobsEmulator;
import io.github.iotjobs.emulator.ManualClock;
import io.github.iotjobs.emulator.engine.JobSpec;
import io.github.iotjobs.emulator.engine.JobType;
import io.github.iotjobs.emulator.engine.MethodBehavior;
import io.github.iotjobs.emulator.engine.MethodCall;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.console.DevConsole;
import org.apache.camel.console.DevConsoleRegistry;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.util.json.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The dev console and the meters while a consumer polls the emulator and a producer waits for a running job: the
 * console lists the endpoint, the hub's quotas, the consumer's last poll and lag, and the wait; the meters count the
 * requests by operation and outcome, publish the consumer's lag and time the job once it ended.
 */
class ConsoleAndMetricsTest {

    private final ManualClock clock = new ManualClock(Instant.now());
    private final IotJobsEmulator emulator = IotJobsEmulator.builder().devices(3).clock(clock).autoTick(false)
            .noThrottling().method("reboot", MethodBehavior.ok().withLatency(Duration.ofSeconds(10))).start();
    private final MeterRegistry meters = new SimpleMeterRegistry();
    private CamelContext context;

    @AfterEach
    void stop() throws Exception {
        if (context != null) {
            context.close();
        }
        emulator.close();
    }

    @Test
    void consoleAndMetersShowTheConsumerAndTheWaitAgainstTheEmulator() throws Exception {
        emulator.engine().create(new JobSpec("reboot-1", JobType.SCHEDULE_DEVICE_METHOD, "*", null, 3600,
                new MethodCall("reboot", null, 30, 0), null, null, null));
        emulator.advance(Duration.ofSeconds(1));
        String options = "connectionString=RAW(" + emulator.connectionString() + ")&baseUrl=" + emulator.baseUrl()
                         + "&tier=S3&units=10";
        context = new DefaultCamelContext();
        context.setDevConsole(true);
        context.getRegistry().bind("meters", meters);
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("iotjobs:hub?" + options + "&delay=50&initialDelay=0").routeId("watch").to("log:watch?level=DEBUG");
                from("direct:wait").routeId("wait")
                        .to("iotjobs:hub?" + options + "&operation=getJob&waitForCompletion=true&pollInterval=50");
            }
        });
        context.start();
        ProducerTemplate template = context.createProducerTemplate();
        CompletableFuture<Exchange> reply = template.asyncSend("direct:wait",
                exchange -> exchange.getMessage().setHeader(IotJobsConstants.JOB_ID, "reboot-1"));

        DevConsole console = DevConsoleRegistry.get(context).getConsole("iotjobs").orElseThrow();
        await().atMost(10, TimeUnit.SECONDS).until(() -> {
            JsonObject json = (JsonObject) console.call(DevConsole.MediaType.JSON);
            JsonObject consumer = (JsonObject) json.getCollection("consumers").iterator().next();
            return json.getInteger("waits") == 1 && consumer.containsKey("lastSuccess");
        });

        JsonObject json = (JsonObject) console.call(DevConsole.MediaType.JSON);
        JsonObject consumer = (JsonObject) json.getCollection("consumers").iterator().next();
        assertThat(consumer).containsEntry("routeId", "watch").containsEntry("platform", "hub")
                .containsEntry("reachable", true).containsEntry("trackedJobs", 1).containsKeys("lastPoll", "lagMillis");
        assertThat(consumer.getLong("lagMillis")).isBetween(0L, 10_000L);
        assertThat(consumer.getString("uri")).doesNotContain(emulator.sharedAccessKey());
        List<JsonObject> endpoints = endpoints(json);
        assertThat(endpoints).hasSize(2).allSatisfy(endpoint -> {
            assertThat(endpoint).containsEntry("platform", "hub").containsEntry("serviceUrl", emulator.baseUrl());
            assertThat(endpoint.getString("uri")).doesNotContain(emulator.sharedAccessKey());
        });
        assertThat(endpoints).extracting(endpoint -> endpoint.getInteger("waits")).containsExactlyInAnyOrder(0, 1);
        Timer polls = meters.find("iotjobs.requests")
                .tags("platform", "hub", "operation", "GET /jobs/v2/query", "outcome", "success").timer();
        Timer waits = meters.find("iotjobs.requests")
                .tags("platform", "hub", "operation", "GET /jobs/v2/{id}", "outcome", "success").timer();
        assertThat(polls).isNotNull();
        assertThat(waits).isNotNull();
        JsonObject hub = (JsonObject) json.getCollection("hubs").iterator().next();
        assertThat(hub).containsEntry("tier", "S3").containsEntry("units", 10);
        JsonObject jobsQuota = quota(hub, "jobs");
        // S3 at 10 units: 50,000 jobs requests a minute; every poll and wait so far drew on them.
        assertThat(jobsQuota.getDouble("perMinute")).isEqualTo(50_000.0);
        assertThat(jobsQuota.getLong("requests")).isPositive();
        assertThat(jobsQuota.getDouble("available")).isBetween(0.0, 50_000.0);
        assertThat(quota(hub, "queries")).containsKey("available");
        assertThat(console.call(DevConsole.MediaType.TEXT).toString()).contains("Consumer: ", "route watch",
                "Quota jobs: ", "Waiting exchanges: 1");

        assertThat(polls.count()).isPositive();
        assertThat(waits.count()).isPositive();
        Gauge lag = meters.find("iotjobs.consumer.lag").tags("platform", "hub", "route", "watch").gauge();
        assertThat(lag).isNotNull();
        assertThat(lag.value()).isBetween(0.0, 10.0);
        assertThat(meters.find("iotjobs.consumer.jobs.tracked").tags("route", "watch").gauge().value())
                .isEqualTo(1.0);
        assertThat(meters.find("iotjobs.job.duration").timer()).as("no job ended yet").isNull();

        // The devices answer after 10 s of the emulator's clock: the job completes, the wait ends.
        emulator.advance(Duration.ofSeconds(11));
        Exchange done = reply.get(10, TimeUnit.SECONDS);
        assertThat(done.getException()).isNull();
        assertThat(done.getMessage().getBody(IotJob.class).status()).isEqualTo(JobStatus.completed);
        Timer duration = meters.find("iotjobs.job.duration")
                .tags("platform", "hub", "type", "scheduleDeviceMethod", "status", "completed").timer();
        assertThat(duration).isNotNull();
        assertThat(duration.count()).isEqualTo(1);
        assertThat(duration.totalTime(TimeUnit.SECONDS)).isBetween(9.0, 12.0);
        await().atMost(10, TimeUnit.SECONDS)
                .until(() -> ((JsonObject) console.call(DevConsole.MediaType.JSON)).getInteger("waits") == 0);

        context.getRouteController().stopRoute("watch");
        assertThat(meters.find("iotjobs.consumer.lag").tags("route", "watch").gauge())
                .as("a stopped consumer's meters are removed").isNull();
        // Once nothing is in flight, each request the jobs quota counted is one request the meters timed.
        await().atMost(10, TimeUnit.SECONDS).untilAsserted(() -> {
            JsonObject idle = (JsonObject) ((JsonObject) console.call(DevConsole.MediaType.JSON))
                    .getCollection("hubs").iterator().next();
            long timed = meters.find("iotjobs.requests").timers().stream().mapToLong(Timer::count).sum();
            assertThat(quota(idle, "jobs").getLong("requests")).isEqualTo(timed);
        });
    }

    @SuppressWarnings("unchecked")
    private static List<JsonObject> endpoints(JsonObject json) {
        return (List<JsonObject>) (List<?>) List.copyOf(json.getCollection("endpoints"));
    }

    private static JsonObject quota(JsonObject hub, String requestClass) {
        return hub.getCollection("quotas").stream().map(JsonObject.class::cast)
                .filter(quota -> requestClass.equals(quota.get("class"))).findFirst().orElseThrow();
    }
}
