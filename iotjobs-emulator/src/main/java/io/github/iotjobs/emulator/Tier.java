/*
 * Licensed to the Apache Software Foundation (ASF) under one or more contributor license agreements; and to You
 * under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance with the
 * License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.iotjobs.emulator;

import java.util.Locale;

/** IoT Hub tiers and their concurrent-job limits (protocol.md §8). */
public enum Tier {
    FREE(1), S1(1), S2(5), S3(10);

    private final int maxConcurrentJobs;

    Tier(int maxConcurrentJobs) {
        this.maxConcurrentJobs = maxConcurrentJobs;
    }

    public int maxConcurrentJobs() {
        return maxConcurrentJobs;
    }

    public static Tier parse(String text) {
        return valueOf(text.trim().toUpperCase(Locale.ROOT));
    }
}
