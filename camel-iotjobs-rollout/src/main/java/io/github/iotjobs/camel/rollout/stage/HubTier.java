/*
 * Licensed to the Apache Software Foundation (ASF) under one or more contributor license agreements; and to You
 * under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance with the
 * License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.iotjobs.camel.rollout.stage;

/**
 * What an IoT Hub of a tier allows a rollout (protocol.md §8): concurrent jobs, jobs operations and queries per
 * minute per unit, and the device operations a running job performs per second.
 */
public enum HubTier {
    F1(1, 100, 20),
    S1(1, 100, 20),
    S2(5, 100, 20),
    S3(10, 5000, 1000);

    private final int concurrentJobs;
    private final int jobOperationsPerMinute;
    private final int queriesPerMinute;

    HubTier(int concurrentJobs, int jobOperationsPerMinute, int queriesPerMinute) {
        this.concurrentJobs = concurrentJobs;
        this.jobOperationsPerMinute = jobOperationsPerMinute;
        this.queriesPerMinute = queriesPerMinute;
    }

    public int concurrentJobs() {
        return concurrentJobs;
    }

    public double jobOperationsPerMinute(int units) {
        return (double) jobOperationsPerMinute * units;
    }

    public double queriesPerMinute(int units) {
        return (double) queriesPerMinute * units;
    }

    /** Jobs device operations (twin updates, method calls) per second. */
    public double deviceOperationsPerSecond(int units) {
        return switch (this) {
            case F1, S1 -> 10;
            case S2 -> Math.max(10, units);
            case S3 -> 50.0 * units;
        };
    }
}
