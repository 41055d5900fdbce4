/*
 * Licensed to the Apache Software Foundation (ASF) under one or more contributor license agreements; and to You
 * under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance with the
 * License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.iotjobs.camel.consumer;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** A job's device listing survives its state record: cursor, counts and the next listing's since. */
class JobStateTest {

    private static final Instant T = Instant.parse("2026-12-01T10:00:00Z");

    @Test
    void listingProgressSurvivesTheRecord() {
        JobState state = JobState.of(JobKey.of("job|1", T));
        state.silent(true);
        state.deviceEmitted("dev:1", T.plusSeconds(10));
        state.devicesWatermark(T.plusSeconds(10));
        state.listingStarted(T.plusSeconds(100));
        state.deviceEmitted("dev|2", T.plusSeconds(20));
        state.listingAt("{\"token\":\"a|b=c\"}");
        state.endedUnsettledSince(T.plusSeconds(300));

        JobState read = JobState.parse(state.format());
        assertThat(read.format()).isEqualTo(state.format());
        assertThat(read.listingToken()).isEqualTo("{\"token\":\"a|b=c\"}");
        assertThat(read.rowsTaken()).isEqualTo(2);
        assertThat(read.silent()).isTrue();
        assertThat(read.endedUnsettledSince()).isEqualTo(T.plusSeconds(300));
        assertThat(read.deviceEmitted("dev|2")).isTrue();
    }

    @Test
    void aFinishedListingStartsTheNextFromItsStartLessTheIndexLag() {
        JobState state = JobState.of(JobKey.of("job", T));
        state.deviceEmitted("a", T.plusSeconds(50));
        state.devicesWatermark(T.plusSeconds(50));
        state.listingStarted(T.plusSeconds(1000));
        state.deviceEmitted("b", T.plusSeconds(70));
        state.devicesWatermark(T.plusSeconds(70));
        // The listing took 5 seconds: the platform's time at its start was at least 70 - 5 = 65 > 50.
        state.listingDone(T.plusSeconds(1005), Duration.ofSeconds(10));

        assertThat(state.listingSince()).isEqualTo(T.plusSeconds(55));
        assertThat(state.listingToken()).isNull();
        assertThat(state.silent()).isFalse();
        // Rows older than the next listing's since are not asked for again: their ids are dropped, not their count.
        assertThat(state.deviceEmitted("a")).isFalse();
        assertThat(state.deviceEmitted("b")).isTrue();
        assertThat(state.rowsTaken()).isEqualTo(2);
    }
}
