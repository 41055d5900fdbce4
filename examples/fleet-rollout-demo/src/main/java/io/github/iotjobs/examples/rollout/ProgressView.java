/*
 * Licensed to the Apache Software Foundation (ASF) under one or more contributor license agreements; and to You
 * under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance with the
 * License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.iotjobs.examples.rollout;

import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.github.iotjobs.camel.model.IotJob;
import io.github.iotjobs.camel.model.JobStatistics;

/**
 * Prints one progress line per change of a job the demo follows: devices done, failed and pending, and the rate.
 * The consumer route feeds it job events; the rollout route closes a job when its wait is over, after which late events
 * about it are ignored so the output stays in order.
 */
public final class ProgressView {

    private final PrintStream out;
    private final Clock clock;
    private final Map<String, String> labels = new ConcurrentHashMap<>();
    private final Map<String, String> lastLine = new ConcurrentHashMap<>();
    private final Set<String> closed = ConcurrentHashMap.newKeySet();

    public ProgressView(PrintStream out, Clock clock) {
        this.out = out;
        this.clock = clock;
    }

    /** Starts following a job the demo is about to create. */
    public void follow(String jobId, String label) {
        labels.put(jobId, label);
    }

    /** A job event from the consumer; jobs the demo did not create (older jobs on a real hub) are ignored. */
    public void onEvent(IotJob job) {
        if (job == null || !labels.containsKey(job.jobId()) || closed.contains(job.jobId())) {
            return;
        }
        print(job);
    }

    /** The job's final state, from the route; the last line printed about it. */
    public void close(IotJob job) {
        closed.add(job.jobId());
        print(job);
    }

    public void println(String line) {
        synchronized (out) {
            out.println(line);
            out.flush();
        }
    }

    private void print(IotJob job) {
        String line = line(job);
        String previous = lastLine.put(job.jobId(), line);
        if (!line.equals(previous)) {
            println(line);
        }
    }

    String line(IotJob job) {
        JobStatistics stats = job.statistics();
        if (stats == null) {
            return String.format("  [%-6s] %s", labels.getOrDefault(job.jobId(), "job"), job.status());
        }
        int pending = stats.pendingCount() + stats.runningCount();
        return String.format("  [%-6s] %-9s done %5d/%-5d  failed %4d  pending %5d  %s",
                labels.getOrDefault(job.jobId(), "job"), job.status(), stats.doneCount(), stats.deviceCount(),
                stats.failedCount(), pending, rate(job, stats));
    }

    private String rate(IotJob job, JobStatistics stats) {
        if (job.startTime() == null || stats.doneCount() == 0) {
            return "";
        }
        Instant end = job.endTime() != null ? job.endTime() : clock.instant();
        double seconds = Math.max(Duration.between(job.startTime(), end).toMillis(), 1) / 1000.0;
        return String.format("%7.1f devices/s", stats.doneCount() / seconds);
    }
}
