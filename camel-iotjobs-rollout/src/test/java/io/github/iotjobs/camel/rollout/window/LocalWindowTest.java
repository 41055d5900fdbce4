/*
 * Licensed to the Apache Software Foundation (ASF) under one or more contributor license agreements; and to You
 * under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance with the
 * License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.iotjobs.camel.rollout.window;

import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Windows across midnight and across both DST changes of Europe/Berlin in 2030 (31 March, 27 October). */
class LocalWindowTest {

    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    private static Instant at(String utc) {
        return Instant.parse(utc);
    }

    @Test
    void aWindowCrossingMidnightIsOpenOnBothSidesOfIt() {
        LocalWindow night = new LocalWindow(LocalTime.of(22, 0), LocalTime.of(2, 0));
        assertThat(night.isOpen(ZoneOffset.UTC, at("2030-01-01T23:00:00Z"))).isTrue();
        assertThat(night.isOpen(ZoneOffset.UTC, at("2030-01-02T01:59:59Z"))).isTrue();
        assertThat(night.isOpen(ZoneOffset.UTC, at("2030-01-02T02:00:00Z"))).isFalse();
        assertThat(night.isOpen(ZoneOffset.UTC, at("2030-01-01T21:59:59Z"))).isFalse();
        assertThat(night.closing(ZoneOffset.UTC, at("2030-01-01T23:00:00Z"))).isEqualTo(at("2030-01-02T02:00:00Z"));
        assertThat(night.closing(ZoneOffset.UTC, at("2030-01-02T01:00:00Z"))).isEqualTo(at("2030-01-02T02:00:00Z"));
        assertThat(night.nextOpening(ZoneOffset.UTC, at("2030-01-01T12:00:00Z")))
                .isEqualTo(at("2030-01-01T22:00:00Z"));
        assertThat(night.nextOpening(ZoneOffset.UTC, at("2030-01-01T23:30:00Z")))
                .isEqualTo(at("2030-01-01T23:30:00Z"));
    }

    @Test
    void aStartInTheSpringGapOpensWhenTheGapEnds() {
        // 31 March 2030: Berlin's clocks jump from 02:00 CET to 03:00 CEST at 01:00Z; 02:30 never happens.
        LocalWindow window = new LocalWindow(LocalTime.of(2, 30), LocalTime.of(4, 0));
        Instant opens = window.nextOpening(BERLIN, at("2030-03-31T00:00:00Z"));
        assertThat(opens).isEqualTo(at("2030-03-31T01:00:00Z"));
        assertThat(window.isOpen(BERLIN, opens)).isTrue();
        assertThat(window.isOpen(BERLIN, opens.minusSeconds(1))).isFalse();
        assertThat(window.closing(BERLIN, opens)).isEqualTo(at("2030-03-31T02:00:00Z"));
        // The day before, the same window is 90 minutes long, in CET.
        assertThat(window.nextOpening(BERLIN, at("2030-03-30T00:00:00Z"))).isEqualTo(at("2030-03-30T01:30:00Z"));
        assertThat(window.closing(BERLIN, at("2030-03-30T01:30:00Z"))).isEqualTo(at("2030-03-30T03:00:00Z"));
    }

    @Test
    void theHourRepeatedInAutumnIsInsideTwice() {
        // 27 October 2030: 03:00 CEST becomes 02:00 CET at 01:00Z, so 02:00-02:59 local happens twice.
        LocalWindow window = new LocalWindow(LocalTime.of(1, 0), LocalTime.of(2, 30));
        assertThat(window.nextOpening(BERLIN, at("2030-10-26T12:00:00Z"))).isEqualTo(at("2030-10-26T23:00:00Z"));
        assertThat(window.closing(BERLIN, at("2030-10-26T23:00:00Z"))).isEqualTo(at("2030-10-27T00:30:00Z"));
        assertThat(window.isOpen(BERLIN, at("2030-10-27T00:45:00Z"))).isFalse();
        assertThat(window.isOpen(BERLIN, at("2030-10-27T01:15:00Z"))).isTrue();
        assertThat(window.closing(BERLIN, at("2030-10-27T01:15:00Z"))).isEqualTo(at("2030-10-27T01:30:00Z"));
    }
}
