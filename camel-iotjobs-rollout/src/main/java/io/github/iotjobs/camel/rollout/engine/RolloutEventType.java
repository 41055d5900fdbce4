/*
 * Licensed to the Apache Software Foundation (ASF) under one or more contributor license agreements; and to You
 * under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance with the
 * License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.iotjobs.camel.rollout.engine;

/** The events a rollout announces, the value of header {@code CamelIotRolloutEvent}. */
public enum RolloutEventType {
    rolloutStarted,
    stageStarted,
    gatePassed,
    gateFailed,
    paused,
    resumed,
    aborted,
    completed,
    /** A rollback began: the rollout's queued jobs are cancelled and the change is undone on the devices it reached. */
    /** A gate passed and the next stage waits for an approval (plan field {@code approval}). */
    approvalRequested,
    /** The approval let the rollout go on; the detail holds the answer or the remark. */
    approved,
    rollbackStarted,
    /** The rollback's jobs are over; the detail says how many devices were restored. */
    rolledBack,
    /** A chunk's failed devices are retried (plan field {@code retries}); the detail names the jobs and attempt. */
    devicesRetried,
    /** Failed devices are given up: their retries are exhausted or the stage's retry budget is spent. */
    retriesExhausted,
    /** One device reached a final state in one of the rollout's jobs; the body carries its {@code DeviceJob}. */
    deviceResult
}
