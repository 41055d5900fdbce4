/*
 * Licensed to the Apache Software Foundation (ASF) under one or more contributor license agreements; and to You
 * under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance with the
 * License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.iotjobs.camel.transport;

import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * A request quota kept on the client side: at most {@code perMinute} requests in any minute, as a token bucket that
 * refills continuously and holds at most a minute's worth (the hub's quotas are per minute, bursts included). Shared
 * by every endpoint of one hub, so producers and consumers together queue instead of meeting 429s. It refills at
 * {@value #HEADROOM} of the quota: the client counts a request when it sends it, the hub when it arrives, and
 * requests sent evenly at exactly the quota can arrive closer together than the hub's bucket refills.
 */
public final class RequestBudget {

    /** The share of the quota the budget refills at. */
    static final double HEADROOM = 0.98;

    private final String name;
    private final double tokensPerNano;
    private final double capacity;
    private final LongSupplier nanoTime;
    private double tokens;
    private long refilledAt;
    private long taken;

    /**
     * @param name      the request class, for messages: {@code jobs}, {@code queries}
     * @param perMinute requests allowed per minute
     * @param nanoTime  the clock ({@link System#nanoTime} outside tests)
     */
    public RequestBudget(String name, double perMinute, LongSupplier nanoTime) {
        this.name = name;
        this.tokensPerNano = perMinute * HEADROOM / Duration.ofMinutes(1).toNanos();
        this.capacity = perMinute;
        this.nanoTime = nanoTime;
        this.tokens = perMinute;
        this.refilledAt = nanoTime.getAsLong();
    }

    public String name() {
        return name;
    }

    /** Requests allowed per minute. */
    public double perMinute() {
        return capacity;
    }

    /** Requests that may be sent at once now, without waiting (fractions are a request under way of refilling). */
    public synchronized double available() {
        return Math.min(capacity, tokens + (nanoTime.getAsLong() - refilledAt) * tokensPerNano);
    }

    /** Requests that took their share since the budget was created. */
    public synchronized long taken() {
        return taken;
    }

    /** Takes one request's worth and answers zero, or, when none is left, answers how long until one is. */
    public synchronized Duration tryTake() {
        long now = nanoTime.getAsLong();
        tokens = Math.min(capacity, tokens + (now - refilledAt) * tokensPerNano);
        refilledAt = now;
        if (tokens >= 1) {
            tokens -= 1;
            taken++;
            return Duration.ZERO;
        }
        return Duration.ofNanos((long) Math.ceil((1 - tokens) / tokensPerNano));
    }
}
