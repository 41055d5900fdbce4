/*
 * Licensed to the Apache Software Foundation (ASF) under one or more contributor license agreements; and to You
 * under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance with the
 * License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.iotjobs.camel.transport;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RequestBudgetTest {

    @Test
    void aMinutesWorthGoesAtOnceThenOneEveryShareOfTheMinuteWithHeadroom() {
        AtomicLong now = new AtomicLong();
        RequestBudget queries = new RequestBudget("queries", 20, now::get);
        for (int i = 0; i < 20; i++) {
            assertThat(queries.tryTake()).isZero();
        }
        // 20 a minute is one every 3 s; the budget refills 2 % slower than the hub, so one every 3.06 s.
        Duration next = queries.tryTake();
        assertThat(next).isEqualTo(Duration.ofNanos((long) Math.ceil(3e9 / 0.98)));

        now.addAndGet(Duration.ofSeconds(3).toNanos());
        assertThat(queries.tryTake()).as("3 s is not yet one request's share").isPositive();
        now.addAndGet(next.minusSeconds(3).toNanos());
        assertThat(queries.tryTake()).isZero();
        assertThat(queries.tryTake()).isPositive();

        now.addAndGet(Duration.ofHours(1).toNanos());
        for (int i = 0; i < 20; i++) {
            assertThat(queries.tryTake()).as("never more than a minute's worth saved up").isZero();
        }
        assertThat(queries.tryTake()).isPositive();
    }
}
