/*
 * Licensed to the Apache Software Foundation (ASF) under one or more contributor license agreements; and to You
 * under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance with the
 * License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.iotjobs.camel.consumer;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import io.github.iotjobs.camel.model.IotJob;
import io.github.iotjobs.camel.model.JobStatistics;
import io.github.iotjobs.camel.model.JobStatus;
import io.github.iotjobs.camel.state.JdbcStateRepository;
import io.github.iotjobs.camel.state.TestDatabases;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The state's shape in a real store (H2): bounded keys, reread whole, pruned past retention, ids kept intact. */
class ConsumerStateTest {

    private static final Instant T0 = Instant.parse("2026-11-01T00:00:00Z");

    private final DataSource database = TestDatabases.h2();
    private final String table = TestDatabases.newTable();
    private final JdbcStateRepository repository = new JdbcStateRepository(database, table);

    ConsumerStateTest() {
        repository.start();
    }

    @AfterEach
    void stop() {
        repository.stop();
    }

    private static IotJob job(String jobId, Instant created, JobStatus status, Instant end) {
        return new IotJob(jobId, "hub", "scheduleDeviceMethod", status, status.name(), "*", created, created, end,
                new JobStatistics(10, 9, 1, 0, 0), null, null, null);
    }

    @Test
    void thousandsOfJobsUseAFixedNumberOfKeysAndReadBackWhole() throws Exception {
        ConsumerState state = new ConsumerState(repository, "scope");
        List<IotJob> jobs = new ArrayList<>();
        for (int i = 0; i < 3_000; i++) {
            IotJob job = job("job-" + i, T0.plusSeconds(i), JobStatus.completed, T0.plusSeconds(i + 60));
            jobs.add(job);
            JobState tracked = state.track(job);
            tracked.emitted(job);
            tracked.markDrained();
            state.save(tracked);
        }
        assertThat(rows()).isLessThanOrEqualTo(ConsumerState.BUCKETS);

        ConsumerState reread = new ConsumerState(repository, "scope");
        assertThat(reread.size()).isEqualTo(3_000);
        for (IotJob job : jobs) {
            assertThat(reread.job(job)).isNotNull().satisfies(s -> {
                assertThat(s.status()).isEqualTo("completed");
                assertThat(s.drained()).isTrue();
            });
        }
        assertThat(new ConsumerState(repository, "other scope").size()).isZero();
    }

    @Test
    void aJobIsItsIdAndCreationTime() {
        ConsumerState state = new ConsumerState(repository, "scope");
        IotJob first = job("reboot", T0, JobStatus.completed, T0.plusSeconds(60));
        JobState tracked = state.track(first);
        tracked.emitted(first);
        state.save(tracked);
        IotJob again = job("reboot", T0.plus(Duration.ofDays(31)), JobStatus.queued, null);
        assertThat(state.job(again)).as("the id reused later is another job").isNull();
        assertThat(state.job(first)).isNotNull();
    }

    @Test
    void jobsGoneFromTheListingArePrunedOncePastRetention() {
        ConsumerState state = new ConsumerState(repository, "scope");
        IotJob old = job("old", T0, JobStatus.completed, T0.plusSeconds(60));
        IotJob recent = job("recent", T0.plus(Duration.ofDays(20)), JobStatus.failed,
                T0.plus(Duration.ofDays(20)));
        IotJob listed = job("listed", T0, JobStatus.completed, T0.plusSeconds(60));
        for (IotJob job : List.of(old, recent, listed)) {
            JobState tracked = state.track(job);
            tracked.emitted(job);
            state.save(tracked);
        }
        Instant horizon = T0.plus(Duration.ofDays(31)).minus(Duration.ofDays(30));
        assertThat(state.prune(List.of(listed), horizon)).isEqualTo(1);

        ConsumerState reread = new ConsumerState(repository, "scope");
        assertThat(reread.job(old)).isNull();
        assertThat(reread.job(recent)).as("missing from one listing, but younger than the retention").isNotNull();
        assertThat(reread.job(listed)).isNotNull();
    }

    @Test
    void deviceIdsOfEveryAllowedCharacterSurviveAndOldRowsAreForgotten() {
        ConsumerState state = new ConsumerState(repository, "scope with = and ;");
        IotJob job = job("running", T0, JobStatus.running, null);
        JobState tracked = state.track(job);
        for (String id : OddDeviceIdsTest.ODD_IDS) {
            tracked.deviceEmitted(id, T0.plusSeconds(600));
        }
        tracked.deviceEmitted("early", T0);
        tracked.deviceEmitted("no-time", null);
        state.save(tracked);

        JobState reread = new ConsumerState(repository, "scope with = and ;").job(job);
        for (String id : OddDeviceIdsTest.ODD_IDS) {
            assertThat(reread.deviceEmitted(id)).as(id).isTrue();
        }
        reread.forgetDevicesBefore(T0.plusSeconds(300));
        assertThat(reread.deviceEmitted("early")).isFalse();
        assertThat(reread.deviceEmitted("no-time")).as("kept until drained").isTrue();
        assertThat(reread.emittedDeviceCount()).isEqualTo(OddDeviceIdsTest.ODD_IDS.size() + 1);
        reread.markDrained();
        assertThat(reread.emittedDeviceCount()).isZero();
    }

    private int rows() throws Exception {
        try (Connection connection = database.getConnection(); Statement statement = connection.createStatement();
             ResultSet count = statement.executeQuery("SELECT COUNT(*) FROM " + table)) {
            count.next();
            return count.getInt(1);
        }
    }
}
