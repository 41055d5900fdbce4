/*
 * Licensed to the Apache Software Foundation (ASF) under one or more contributor license agreements; and to You
 * under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance with the
 * License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.iotjobs.camel.consumer;

import java.time.Duration;
import java.time.Instant;
import java.util.function.BooleanSupplier;

import io.github.iotjobs.camel.client.JobsClient;
import io.github.iotjobs.camel.client.Page;
import io.github.iotjobs.camel.model.DeviceJob;
import io.github.iotjobs.camel.model.IotJob;

/**
 * Reads a job's device rows that became final, a page at a time, from where its last listing stopped: the listing's
 * since and continuation token live in the job's state, so a poll that runs out of queries, and a restarted consumer,
 * go on with the next page instead of page 1. Each page is remembered in one state write.
 * <p>
 * A listing asks for the rows updated since about when its predecessor started, minus the index lag (see
 * {@link JobState#listingDone}): the {@code devices.jobs} index is eventually consistent (protocol.md §3), so a row
 * may show up late, and rows that changed behind the cursor of a listing are found by the next one. Rows seen twice
 * are skipped by their device id.
 */
public final class DeviceListing {

    /** What a row is offered to; false leaves it (and its page) for the next poll. */
    @FunctionalInterface
    public interface RowAction {
        boolean accept(DeviceJob row);
    }

    private final JobsClient client;
    private final int pageSize;
    private final Duration indexLag;
    private final ConsumerState state;
    private final BooleanSupplier running;

    public DeviceListing(JobsClient client, int pageSize, Duration indexLag, ConsumerState state, BooleanSupplier running) {
        this.client = client;
        this.pageSize = pageSize;
        this.indexLag = indexLag;
        this.state = state;
        this.running = running;
    }

    /**
     * Reads pages while the allowance lasts. Returns true when the listing reached its last page with every row
     * taken; false when it stopped on the way (no query left, a row refused, the consumer stopping).
     */
    public boolean read(IotJob job, JobState tracked, QueryAllowance allowance, RowAction action) throws Exception {
        while (true) {
            String token = tracked.listingToken();
            Instant since = tracked.listingSince();
            Page<DeviceJob> page = allowance.send(() -> client.listFinishedDevices(job.jobId(), since, pageSize,
                    token));
            if (page == null) {
                return false;
            }
            if (token == null) {
                tracked.listingStarted(Instant.now());
            }
            boolean all = false;
            try {
                all = take(page, tracked, action);
                if (all && page.continuation() == null) {
                    tracked.listingDone(Instant.now(), indexLag);
                } else if (all) {
                    tracked.listingAt(page.continuation());
                }
                // When a row was refused the same page comes again next poll; its taken rows are skipped by id.
            } finally {
                // Also when an exchange threw past emit(): what was taken is remembered.
                state.save(tracked);
            }
            if (!all || page.continuation() == null) {
                return all;
            }
        }
    }

    private boolean take(Page<DeviceJob> page, JobState tracked, RowAction action) {
        boolean all = true;
        for (DeviceJob row : page.items()) {
            if (tracked.deviceEmitted(row.deviceId())) {
                continue;
            }
            if (!running.getAsBoolean() || !tracked.silent() && !action.accept(row)) {
                all = false;
                continue;
            }
            tracked.deviceEmitted(row.deviceId(), row.lastUpdatedTime());
            Instant watermark = tracked.devicesWatermark();
            if (row.lastUpdatedTime() != null && (watermark == null || row.lastUpdatedTime().isAfter(watermark))) {
                tracked.devicesWatermark(row.lastUpdatedTime());
            }
        }
        return all;
    }
}
