/*
 * Licensed to the Apache Software Foundation (ASF) under one or more contributor license agreements; and to You
 * under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance with the
 * License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.iotjobs.emulator.quota;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * A token bucket on the emulator's clock: full at start, refilled continuously at the rate, holding at most the
 * rate's amount. On a manual clock it refills only when the test moves time, so throttling tests are exact. While
 * work is waiting for budget (the last take got less than it asked) the refill is not capped: work that queued
 * through a long step of a manual clock gets the whole step's rate, as it would have with fine-grained ticks.
 */
final class TokenBucket {

    private final Rate rate;
    private final Clock clock;
    private double tokens;
    private Instant last;
    private boolean starved;

    TokenBucket(Rate rate, Clock clock) {
        this.rate = rate;
        this.clock = clock;
        this.tokens = rate.amount();
        this.last = clock.instant();
    }

    Rate rate() {
        return rate;
    }

    /** Takes up to {@code wanted} tokens; returns how many were granted (0 when the quota is spent). */
    synchronized long take(long wanted) {
        refill();
        long granted = Math.min(wanted, (long) Math.floor(tokens + 1e-9));
        tokens = Math.min(rate.amount(), tokens - granted);
        starved = granted < wanted;
        return granted;
    }

    private void refill() {
        Instant now = clock.instant();
        if (now.isAfter(last)) {
            double seconds = Duration.between(last, now).toNanos() / 1e9;
            tokens += seconds * rate.perSecond();
            if (!starved) {
                tokens = Math.min(rate.amount(), tokens);
            }
            last = now;
        }
    }
}
