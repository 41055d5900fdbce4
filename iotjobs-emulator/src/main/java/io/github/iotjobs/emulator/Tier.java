/*
 * Licensed to the Apache Software Foundation (ASF) under one or more contributor license agreements; and to You
 * under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance with the
 * License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.iotjobs.emulator;

import java.util.Arrays;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

import io.github.iotjobs.emulator.quota.Rate;
import io.github.iotjobs.emulator.quota.ThrottleClass;

/** IoT Hub tiers: concurrent-job limits and the jobs, queries and job device-operation quotas (protocol.md §8). */
public enum Tier {
    FREE(1, 100, 20, 10, 0, 0),
    S1(1, 100, 20, 10, 0, 0),
    /** Device operations: the higher of 10/sec or 1/sec/unit. */
    S2(5, 100, 20, 10, 1, 0),
    S3(10, 5000, 1000, 0, 0, 50);

    private final int maxConcurrentJobs;
    private final int jobsPerMinutePerUnit;
    private final int queriesPerMinutePerUnit;
    private final int deviceOpsFloor;
    private final int deviceOpsPerUnitAboveFloor;
    private final int deviceOpsPerUnit;

    Tier(int maxConcurrentJobs, int jobsPerMinutePerUnit, int queriesPerMinutePerUnit, int deviceOpsFloor,
         int deviceOpsPerUnitAboveFloor, int deviceOpsPerUnit) {
        this.maxConcurrentJobs = maxConcurrentJobs;
        this.jobsPerMinutePerUnit = jobsPerMinutePerUnit;
        this.queriesPerMinutePerUnit = queriesPerMinutePerUnit;
        this.deviceOpsFloor = deviceOpsFloor;
        this.deviceOpsPerUnitAboveFloor = deviceOpsPerUnitAboveFloor;
        this.deviceOpsPerUnit = deviceOpsPerUnit;
    }

    public int maxConcurrentJobs() {
        return maxConcurrentJobs;
    }

    /** The documented quotas of this tier for a hub of the given number of units. */
    public Map<ThrottleClass, Rate> rates(int units) {
        if (units < 1) {
            throw new IllegalArgumentException("units must be at least 1");
        }
        Map<ThrottleClass, Rate> rates = new EnumMap<>(ThrottleClass.class);
        rates.put(ThrottleClass.JOBS, Rate.perMinute((double) jobsPerMinutePerUnit * units));
        rates.put(ThrottleClass.QUERIES, Rate.perMinute((double) queriesPerMinutePerUnit * units));
        double deviceOps = Math.max(deviceOpsFloor, (double) deviceOpsPerUnitAboveFloor * units)
                + (double) deviceOpsPerUnit * units;
        rates.put(ThrottleClass.DEVICE_OPS, Rate.perSecond(deviceOps));
        return rates;
    }

    /** @throws IllegalArgumentException naming the known tiers */
    public static Tier parse(String text) {
        try {
            return valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new IllegalArgumentException("Unknown tier '" + text + "'; known: "
                    + Arrays.stream(values()).map(Tier::name).collect(Collectors.joining(", ")), e);
        }
    }
}
