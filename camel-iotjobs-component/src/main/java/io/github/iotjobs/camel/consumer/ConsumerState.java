/*
 * Licensed to the Apache Software Foundation (ASF) under one or more contributor license agreements; and to You
 * under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance with the
 * License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.iotjobs.camel.consumer;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.github.iotjobs.camel.model.IotJob;
import org.apache.camel.spi.StateRepository;

/**
 * What one consumer has emitted, kept in a Camel {@link StateRepository} so that a restarted or failed-over consumer
 * continues where the last one stopped. Every key starts with {@code iotjobs/v2/} and the consumer's escaped scope,
 * so consumers with different scopes share a repository without seeing each other's state.
 * <p>
 * A StateRepository cannot delete keys, so the jobs' {@link JobState}s are spread over a fixed number of bucket keys
 * by their identity's hash: a consumer uses at most {@value #BUCKETS} + 1 keys whatever it tracks, a write rewrites
 * one bucket (about 1/{@value #BUCKETS} of the state), and a job past retention is dropped from its bucket.
 * The buckets are read once when the consumer starts and kept in memory: one consumer per scope is active at a time
 * (one route, or the leader of a cluster), and a new leader starts its consumer, so reads it afresh.
 */
public final class ConsumerState {

    static final int BUCKETS = 128;

    private final StateRepository<String, String> repository;
    private final String prefix;
    private final List<Map<JobKey, JobState>> buckets = new ArrayList<>(BUCKETS);
    private boolean baseline;

    /** Reads the scope's state from the repository. */
    public ConsumerState(StateRepository<String, String> repository, String scope) {
        this.repository = repository;
        this.prefix = "iotjobs/v2/" + StateText.escape(scope) + "/";
        for (int i = 0; i < BUCKETS; i++) {
            Map<JobKey, JobState> bucket = new LinkedHashMap<>();
            String value = repository.getState(bucketKey(i));
            if (value != null && !value.isEmpty()) {
                for (String record : value.split(";")) {
                    JobState job = JobState.parse(record);
                    bucket.put(job.key(), job);
                }
            }
            buckets.add(bucket);
        }
        baseline = repository.getState(prefix + "baseline") != null;
    }

    /** The job's state, or null when nothing of it was emitted. */
    public JobState job(IotJob job) {
        JobKey key = JobKey.of(job);
        return bucket(key).get(key);
    }

    /** The job's state, a new one (not stored until {@link #save}) when nothing of it was emitted. */
    public JobState track(IotJob job) {
        JobKey key = JobKey.of(job);
        JobState known = bucket(key).get(key);
        return known != null ? known : JobState.of(key);
    }

    /** Stores the job's state: one repository write, of its bucket. */
    public void save(JobState job) {
        int index = bucketIndex(job.key());
        buckets.get(index).put(job.key(), job);
        write(index);
    }

    /** The number of jobs in the state. */
    public int size() {
        int size = 0;
        for (Map<JobKey, JobState> bucket : buckets) {
            size += bucket.size();
        }
        return size;
    }

    /**
     * Drops the jobs that a complete listing no longer shows and whose retention started before {@code horizon}:
     * the platform has deleted them, and a job reusing the id is another job. A job only missing from one listing
     * (an eventually consistent listing, a job deleted early) but younger than the retention is kept.
     *
     * @return how many jobs were dropped
     */
    public int prune(Collection<IotJob> listed, Instant horizon) {
        Set<JobKey> present = new HashSet<>();
        for (IotJob job : listed) {
            present.add(JobKey.of(job));
        }
        int dropped = 0;
        for (int i = 0; i < BUCKETS; i++) {
            int before = buckets.get(i).size();
            buckets.get(i).values().removeIf(job -> !present.contains(job.key())
                    && (job.retainedFrom() == null || job.retainedFrom().isBefore(horizon)));
            if (buckets.get(i).size() < before) {
                dropped += before - buckets.get(i).size();
                write(i);
            }
        }
        return dropped;
    }

    /** Whether the jobs that existed before the first poll were recorded (startFrom=now). */
    public boolean hasBaseline() {
        return baseline;
    }

    public void rememberBaseline() {
        repository.setState(prefix + "baseline", "true");
        baseline = true;
    }

    private Map<JobKey, JobState> bucket(JobKey key) {
        return buckets.get(bucketIndex(key));
    }

    private static int bucketIndex(JobKey key) {
        // Every node and every restart must find a job in the same bucket.
        return Math.floorMod(key.stableHash(), BUCKETS);
    }

    private void write(int index) {
        StringBuilder value = new StringBuilder();
        for (JobState job : buckets.get(index).values()) {
            if (!value.isEmpty()) {
                value.append(';');
            }
            value.append(job.format());
        }
        repository.setState(bucketKey(index), value.toString());
    }

    private String bucketKey(int index) {
        return prefix + "jobs/" + index;
    }
}
