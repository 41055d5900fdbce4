/*
 * Licensed to the Apache Software Foundation (ASF) under one or more contributor license agreements; and to You
 * under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance with the
 * License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.iotjobs.emulator.quota;

import java.time.Clock;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.iotjobs.emulator.json.Json;

/**
 * The hub's rate quotas for one emulator: a token bucket per throttled class (none when the class is unlimited),
 * and the counters the admin API reports: requests (operations admitted) and throttled (operations refused, a job
 * create refused at the concurrent-job limit included, or for deviceOps, engine passes that found the budget
 * spent).
 */
public final class Quotas {

    private final Map<ThrottleClass, TokenBucket> buckets = new EnumMap<>(ThrottleClass.class);
    private final Map<ThrottleClass, AtomicLong> requests = new EnumMap<>(ThrottleClass.class);
    private final Map<ThrottleClass, AtomicLong> throttled = new EnumMap<>(ThrottleClass.class);

    /** @param rates the rate of each limited class; a class that is absent is unlimited */
    public Quotas(Map<ThrottleClass, Rate> rates, Clock clock) {
        rates.forEach((c, rate) -> buckets.put(c, new TokenBucket(rate, clock)));
        for (ThrottleClass c : ThrottleClass.values()) {
            requests.put(c, new AtomicLong());
            throttled.put(c, new AtomicLong());
        }
    }

    /** Admits one operation of the class, or counts it as throttled and returns false. */
    public boolean tryAcquire(ThrottleClass c) {
        if (take(c, 1) == 1) {
            return true;
        }
        throttled.get(c).incrementAndGet();
        return false;
    }

    /** Takes up to {@code wanted} operations of the class' budget; returns how many may run now. */
    public long take(ThrottleClass c, long wanted) {
        TokenBucket bucket = buckets.get(c);
        long granted = bucket == null ? wanted : bucket.take(wanted);
        requests.get(c).addAndGet(granted);
        return granted;
    }

    /** Records that work of the class had to wait for budget. */
    public void recordThrottled(ThrottleClass c) {
        throttled.get(c).incrementAndGet();
    }

    /** The class' rate, or null when it is unlimited. */
    public Rate rate(ThrottleClass c) {
        TokenBucket bucket = buckets.get(c);
        return bucket == null ? null : bucket.rate();
    }

    public long requests(ThrottleClass c) {
        return requests.get(c).get();
    }

    public long throttled(ThrottleClass c) {
        return throttled.get(c).get();
    }

    public void resetCounters() {
        requests.values().forEach(n -> n.set(0));
        throttled.values().forEach(n -> n.set(0));
    }

    /** {"requests": {"jobs": n, ...}, "throttled": {...}, "limits": {"jobs": "100/min" or null, ...}} */
    public ObjectNode toJson() {
        ObjectNode json = Json.object();
        ObjectNode req = json.putObject("requests");
        ObjectNode thr = json.putObject("throttled");
        ObjectNode lim = json.putObject("limits");
        for (ThrottleClass c : ThrottleClass.values()) {
            req.put(c.wire(), requests(c));
            thr.put(c.wire(), throttled(c));
            Rate rate = rate(c);
            if (rate == null) {
                lim.putNull(c.wire());
            } else {
                lim.put(c.wire(), rate.toString());
            }
        }
        return json;
    }
}
