/*
 * Licensed to the Apache Software Foundation (ASF) under one or more contributor license agreements; and to You
 * under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance with the
 * License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.iotjobs.camel;

/**
 * IoT Hub tiers and their per-unit quotas (protocol.md §8): jobs operations and device queries per minute.
 */
public enum IotJobsTier {
    /** The free tier (same quotas as S1). */
    F1(100, 20),
    /** The free tier, by its other name. */
    FREE(100, 20),
    S1(100, 20),
    S2(100, 20),
    S3(5000, 1000);

    private final int jobsPerMinutePerUnit;
    private final int queriesPerMinutePerUnit;

    IotJobsTier(int jobsPerMinutePerUnit, int queriesPerMinutePerUnit) {
        this.jobsPerMinutePerUnit = jobsPerMinutePerUnit;
        this.queriesPerMinutePerUnit = queriesPerMinutePerUnit;
    }

    /** Jobs operations (create, get, list, cancel under /jobs/v2) per minute for the hub's units. */
    public int jobsPerMinute(int units) {
        return jobsPerMinutePerUnit * units;
    }

    /** Device queries (POST /devices/query) per minute for the hub's units. */
    public int queriesPerMinute(int units) {
        return queriesPerMinutePerUnit * units;
    }
}
