/*
 * Licensed to the Apache Software Foundation (ASF) under one or more contributor license agreements; and to You
 * under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance with the
 * License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.iotjobs.camel.model;

/**
 * Device counts of a job. On IoT Central {@code runningCount} stays 0: its progress has no running bucket.
 */
public record JobStatistics(int deviceCount, int succeededCount, int failedCount, int runningCount, int pendingCount) {

    /** Devices whose part of the job is over, successfully or not. */
    public int doneCount() {
        return succeededCount + failedCount;
    }
}
