/*
 * Licensed to the Apache Software Foundation (ASF) under one or more contributor license agreements; and to You
 * under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance with the
 * License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.iotjobs.camel.consumer;

import java.io.File;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.iotjobs.camel.IotJobsConsumer;
import io.github.iotjobs.emulator.IotJobsEmulator;
import io.github.iotjobs.emulator.ManualClock;
import io.github.iotjobs.emulator.Tier;
import io.github.iotjobs.emulator.engine.JobSpec;
import io.github.iotjobs.emulator.engine.JobType;
import io.github.iotjobs.emulator.quota.ThrottleClass;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.health.HealthCheckHelper;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.processor.state.FileStateRepository;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The consumer on a hub that throttles as S1 with one unit does (20 device queries a minute) and whose devices.jobs
 * index lags: device rows are read only once they changed, over several polls from a stored continuation, and a job
 * counts as drained only when its rows add up to its statistics. The emulator runs on a manual clock; the consumer's
 * own request budget runs on the real one, so the hub's quota refills as the test moves time.
 */
class ConsumerAtScaleTest {

    private static final Duration INDEX_LAG = Duration.ofSeconds(2);

    @TempDir
    Path dir;

    private final ManualClock clock = new ManualClock(Instant.now());
    private final EventLog events = new EventLog();
    private IotJobsEmulator emulator;
    private CamelContext context;

    @AfterEach
    void stop() throws Exception {
        if (context != null) {
            context.close();
        }
        if (emulator != null) {
            emulator.close();
        }
    }

    /**
     * 2,000 devices at 100 rows a page is 20 queries, a whole minute of S1's query quota, if each row is read once.
     * The consumer is restarted half way through the first listing; the job ends while the index still shows its last
     * rows running. Every device is reported once, the completion once and after them, and the hub throttles none of
     * the consumer's queries (0 answered 429).
     */
    @Test
    void largeJobOnS1WithLaggingIndexAcrossRestart() throws Exception {
        emulator = IotJobsEmulator.builder().devices(2000).clock(clock).autoTick(false).tier(Tier.S1).units(1)
                .indexLag(INDEX_LAG).start();
        twinJob("big");
        start(1, "&pageSize=100&indexLag=5000");
        events.awaitAtLeast(1);

        // About 1,000 rows final, 980 of them indexed: ten pages, two polls at five queries each.
        advance(Duration.ofSeconds(100));
        events.awaitAtLeast(300);
        context.close();
        start(2, "&pageSize=100&indexLag=5000");
        awaitIndexedRowsReported("big");

        // The job ends; its last rows are not indexed yet, so it is not drained and its completion waits.
        advance(Duration.ofSeconds(101));
        awaitIndexedRowsReported("big");
        assertThat(emulator.engine().job("big").orElseThrow().status().wire()).isEqualTo("completed");
        assertThat(deviceEvents()).hasSizeLessThan(2000);
        assertThat(events.events()).doesNotContain("big statusChanged completed<-running");

        advance(INDEX_LAG.plusSeconds(1));
        await().atMost(Duration.ofSeconds(30)).until(() -> events.events().contains(
                "big statusChanged completed<-running"));
        List<String> received = events.events();
        List<String> devices = deviceEvents();
        assertThat(devices).hasSize(2000);
        assertThat(new HashSet<>(devices)).hasSize(2000);
        assertThat(received.stream().filter(e -> !e.contains(" deviceCompleted "))).containsExactly(
                "big jobCreated queued", "big statusChanged running<-queued", "big statusChanged completed<-running");
        assertThat(received.get(received.size() - 1)).isEqualTo("big statusChanged completed<-running");
        assertThat(emulator.throttled(ThrottleClass.QUERIES)).isZero();
        // Each row read about once: 20 full pages, plus the re-read window and the listings the lag made empty.
        assertThat(emulator.requests(ThrottleClass.QUERIES)).isBetween(20L, 40L);
    }

    /**
     * startFrom=now on a hub that answers 429 after four device queries a minute, with eight jobs active: the baseline
     * sends no device query and completes at the first poll; the rows already final are then recorded job by job
     * without events as the quota allows, the 429s are no outage, and a job created afterwards is reported in full.
     * (Each job's rows fit one page, so no listing spans a jump of the manual clock: see JobState#listingDone.)
     */
    @Test
    void startFromNowBaselineCompletesOnAThrottledHub() throws Exception {
        emulator = IotJobsEmulator.builder().devices(20).clock(clock).autoTick(false).tier(Tier.S1)
                .maxActiveJobs(10).throttle("queries", "4/min").start();
        for (int i = 0; i < 8; i++) {
            twinJob("before-" + i);
        }
        advance(Duration.ofSeconds(1));
        Set<String> finalAtBaseline = new HashSet<>();
        for (int i = 0; i < 8; i++) {
            String jobId = "before-" + i;
            finalRows(jobId).forEach(id -> finalAtBaseline.add(jobId + " " + id));
        }
        assertThat(finalAtBaseline).isNotEmpty();
        start(1, "&pageSize=100&startFrom=now&indexLag=5000");

        IotJobsConsumer consumer = consumer();
        await().atMost(Duration.ofSeconds(15)).until(() -> emulator.throttled(ThrottleClass.QUERIES) > 0
                                                           && consumer.getConsumerStatus().throttledQueries() > 0);
        awaitQuietPoll(consumer);
        assertThat(consumer.getPollStatus().isReachable()).isTrue();
        assertThat(consumer.getPollStatus().lastSuccessTime()).isNotNull();
        assertThat(events.events()).isEmpty();

        // A minute of the hub's time refills four queries; the first jobs end, then the next one runs.
        for (int minute = 0; minute < 10 && events.events().stream()
                .noneMatch(e -> e.startsWith("after statusChanged completed"));
             minute++) {
            advance(Duration.ofSeconds(60));
            if (minute == 1) {
                twinJob("after");
            }
            awaitQuietPoll(consumer);
        }
        List<String> received = events.events();
        // A poll may miss the short running state of a job: what is reported is the change the poll saw.
        assertThat(received).contains("after jobCreated queued")
                .containsOnlyOnce(received.stream().filter(e -> e.startsWith("after statusChanged completed"))
                        .findFirst().orElse("after statusChanged completed (missing)"));
        for (int i = 0; i < 8; i++) {
            assertThat(received).containsOnlyOnce("before-" + i + " statusChanged completed<-running");
        }
        assertThat(received.stream().filter(e -> e.startsWith("after deviceCompleted "))).hasSize(20);
        assertThat(received.stream().filter(e -> e.startsWith("before-") && e.contains(" deviceCompleted "))
                .map(e -> e.substring(0, e.indexOf(' ')) + " " + e.split(" ")[2]))
                .doesNotContainAnyElementsOf(finalAtBaseline);
        assertThat(received).doesNotHaveDuplicates();
    }

    /**
     * The index lags 30 seconds: the job ends while its rows still show running. Its completion waits until its rows
     * add up to its statistics; each row is reported once when the index shows it, then the completion, once.
     */
    @Test
    void rowsIndexedAfterTheJobEndedAreReportedOnce() throws Exception {
        emulator = IotJobsEmulator.builder().devices(10).clock(clock).autoTick(false).tier(Tier.S1)
                .indexLag(Duration.ofSeconds(30)).start();
        twinJob("late");
        start(1, "&pageSize=100&indexLag=60000");
        events.awaitAtLeast(1);
        advance(Duration.ofSeconds(5));
        assertThat(emulator.engine().job("late").orElseThrow().status().wire()).isEqualTo("completed");
        IotJobsConsumer consumer = consumer();
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> assertThat(
                consumer.getConsumerStatus().rowsPending()).as("pending; events %s, throttled %s, last failure %s",
                events.events(), consumer.getConsumerStatus().throttledQueries(),
                consumer.getPollStatus().lastFailure()).isEqualTo(10));
        assertThat(consumer.getConsumerStatus().oldestUnreportedChange()).isNotNull();
        // The same figures in the health check, beside the quota use.
        assertThat(HealthCheckHelper.invoke(context, "consumer:iotjobs-events", null).orElseThrow().getDetails())
                .containsEntry("lag.rows.pending", 10L).containsKey("lag.oldest.unreported")
                .containsEntry("quota.queries.limit.minute", 20).containsEntry("quota.jobs.limit.minute", 100)
                .containsKey("quota.queries.minute");
        assertThat(events.events()).containsExactly("late jobCreated queued");

        advance(Duration.ofSeconds(30));
        await().atMost(Duration.ofSeconds(15)).until(() -> events.events().contains(
                "late statusChanged completed<-queued"));
        awaitQuietPoll(consumer);
        List<String> received = events.events();
        assertThat(received).hasSize(12).doesNotHaveDuplicates();
        assertThat(received.subList(1, 11)).allMatch(e -> e.startsWith("late deviceCompleted "));
        assertThat(received.get(11)).isEqualTo("late statusChanged completed<-queued");
        assertThat(consumer.getConsumerStatus().rowsPending()).isZero();
        assertThat(consumer.getConsumerStatus().oldestUnreportedChange()).isNull();
    }

    /** Waits until two more polls ended, so that what the last advance() changed was seen. */
    private void awaitQuietPoll(IotJobsConsumer consumer) {
        Instant from = Instant.now();
        await().atMost(Duration.ofSeconds(15)).until(() -> {
            Instant last = consumer.getPollStatus().lastPollTime();
            return last != null && last.isAfter(from.plusMillis(700));
        });
    }

    private Set<String> finalRows(String jobId) {
        return finalRows(jobId, Instant.MAX);
    }

    /** The devices of the job whose rows are final and were last updated at or before {@code until}. */
    private Set<String> finalRows(String jobId, Instant until) {
        Set<String> ids = new HashSet<>();
        for (ObjectNode row : emulator.engine().job(jobId).orElseThrow().deviceRows()) {
            String status = row.path("status").asText();
            boolean last = status.equals("completed") || status.equals("failed") || status.equals("canceled");
            if (last && !Instant.parse(row.path("lastUpdatedDateTimeUtc").asText()).isAfter(until)) {
                ids.add(row.path("deviceId").asText());
            }
        }
        return ids;
    }

    /** Moves time a second at a time: rows that finish within one advance() all carry its end as their time. */
    private void advance(Duration duration) {
        for (long s = 0; s < duration.toSeconds(); s++) {
            emulator.advance(Duration.ofSeconds(1));
        }
    }

    private void twinJob(String jobId) {
        ObjectNode desired = JsonNodeFactory.instance.objectNode().put("firmware", jobId);
        emulator.engine().create(new JobSpec(jobId, JobType.SCHEDULE_UPDATE_TWIN, "*", null, 3600, null, null, null,
                desired));
    }

    private void start(int generation, String options) throws Exception {
        File file = dir.resolve("iotjobs-state.dat").toFile();
        context = new DefaultCamelContext();
        context.getCamelContextExtension().setName("generation-" + generation);
        context.getShutdownStrategy().setTimeout(10);
        context.getRegistry().bind("state", FileStateRepository.fileStateRepository(file));
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                // The hub's only client: the consumer may use the whole query quota.
                from("iotjobs:hub?connectionString=RAW(" + emulator.connectionString() + ")&baseUrl="
                     + emulator.baseUrl() + "&maxRetries=0&tier=S1&units=1&deviceQueriesPerMinute=20"
                     + "&delay=300&initialDelay=0&deviceEvents=true&stateRepository=#state" + options)
                        .routeId("events").process(events);
            }
        });
        context.start();
    }

    private IotJobsConsumer consumer() {
        return (IotJobsConsumer) context.getRoute("events").getConsumer();
    }

    private List<String> deviceEvents() {
        return events.events().stream().filter(e -> e.contains(" deviceCompleted ")).toList();
    }

    /** Waits until every row the lagging index shows final was reported. */
    private void awaitIndexedRowsReported(String jobId) {
        Set<String> indexed = finalRows(jobId, clock.instant().minus(INDEX_LAG));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(deviceEvents().stream()
                .map(e -> e.split(" ")[2]).toList()).containsAll(indexed));
    }
}
