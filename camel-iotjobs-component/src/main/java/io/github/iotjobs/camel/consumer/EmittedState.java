/*
 * Licensed to the Apache Software Foundation (ASF) under one or more contributor license agreements; and to You
 * under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance with the
 * License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.iotjobs.camel.consumer;

import java.time.Instant;

import io.github.iotjobs.camel.model.IotJob;
import io.github.iotjobs.camel.model.JobStatistics;
import org.apache.camel.spi.StateRepository;

/**
 * What the consumer has emitted, kept in a Camel {@link StateRepository} so that a restarted or failed-over consumer
 * continues where the last one stopped: per job its status and statistics, per device row its final status, per
 * finished job whether all its rows were emitted. Keys are prefixed, so one repository may also hold other state.
 */
public final class EmittedState {

    private static final String BASELINE = "iotjobs:baseline";

    private final StateRepository<String, String> repository;

    public EmittedState(StateRepository<String, String> repository) {
        this.repository = repository;
    }

    /** The job as last emitted, or null when never seen. */
    public JobMark job(String jobId) {
        String value = repository.getState(jobKey(jobId));
        return value == null ? null : JobMark.parse(value);
    }

    public void remember(IotJob job) {
        repository.setState(jobKey(job.jobId()), JobMark.of(job).format());
    }

    public boolean deviceSeen(String jobId, String deviceId) {
        return repository.getState(deviceKey(jobId, deviceId)) != null;
    }

    public void rememberDevice(String jobId, String deviceId, String status) {
        repository.setState(deviceKey(jobId, deviceId), status);
    }

    public boolean devicesDrained(String jobId) {
        return repository.getState("drained:" + jobId) != null;
    }

    public void rememberDevicesDrained(String jobId) {
        repository.setState("drained:" + jobId, "true");
    }

    /** The newest lastUpdatedTime of the job's emitted device rows, or null when none was emitted. */
    public Instant devicesWatermark(String jobId) {
        String value = repository.getState("devices-since:" + jobId);
        return value == null ? null : Instant.parse(value);
    }

    public void rememberDevicesWatermark(String jobId, Instant watermark) {
        repository.setState("devices-since:" + jobId, watermark.toString());
    }

    /** Whether the jobs that existed before the first poll were recorded (startFrom=now). */
    public boolean hasBaseline() {
        return repository.getState(BASELINE) != null;
    }

    public void rememberBaseline() {
        repository.setState(BASELINE, "true");
    }

    private static String jobKey(String jobId) {
        return "job:" + jobId;
    }

    private static String deviceKey(String jobId, String deviceId) {
        return "device:" + jobId + ":" + deviceId;
    }

    /** A job's emitted status and statistics, stored as {@code status;deviceCount,succeeded,failed,running,pending}. */
    public record JobMark(String status, String statistics) {

        public static JobMark of(IotJob job) {
            JobStatistics s = job.statistics();
            String statistics = s == null ? "" : s.deviceCount() + "," + s.succeededCount() + "," + s.failedCount()
                                                 + "," + s.runningCount() + "," + s.pendingCount();
            return new JobMark(job.status().name(), statistics);
        }

        static JobMark parse(String value) {
            int semicolon = value.indexOf(';');
            return semicolon < 0 ? new JobMark(value, "") : new JobMark(value.substring(0, semicolon),
                    value.substring(semicolon + 1));
        }

        String format() {
            return status + ";" + statistics;
        }
    }
}
