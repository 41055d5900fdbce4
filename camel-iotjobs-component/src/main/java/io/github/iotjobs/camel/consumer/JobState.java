/*
 * Licensed to the Apache Software Foundation (ASF) under one or more contributor license agreements; and to You
 * under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance with the
 * License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.iotjobs.camel.consumer;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.github.iotjobs.camel.model.IotJob;
import io.github.iotjobs.camel.model.JobStatistics;

/**
 * What one consumer emitted for one job, the job being its {@link JobKey}: id and creation time, so an id reused
 * after the 30-day retention is a new job. Kept compact whatever the job's size: its last emitted status and
 * statistics, whether all its final device rows were emitted (drained), and for a job still being drained the newest
 * emitted row's time plus the device ids emitted within the re-read window before it (see
 * {@link #forgetDevicesBefore}).
 * Once drained, the device ids are dropped.
 * <p>
 * Stored as one text record, fields separated by {@code |}: escaped job id, created millis, status, statistics,
 * retention start millis, drained flag, device watermark millis, then the emitted device ids grouped by their
 * lastUpdatedTime ({@code time:id,id/time:id}, times in base 36, rows of a job often share one), then the device
 * listing's progress: rows taken, the listing's since, its continuation token, the watermark and the consumer's time
 * when it started, flags
 * ({@code s}: rows are taken silently for a startFrom=now baseline) and when the job was first seen ended with rows
 * still missing. New fields go at the end; a shorter record reads them as absent.
 */
public final class JobState {

    private static final int RADIX = 36;
    /** A device row without a lastUpdatedTime: kept until the job is drained. */
    private static final long NO_TIME = Long.MIN_VALUE;

    private final JobKey key;
    private String status;
    private String statistics = "";
    private Instant retainedFrom;
    private boolean drained;
    private Instant devicesWatermark;
    private final Map<String, Long> emittedDevices = new LinkedHashMap<>();
    private long rowsTaken;
    private Instant listingSince;
    private String listingToken;
    private Instant listingStartWatermark;
    private Instant listingStartedAt;
    private boolean silent;
    private Instant endedUnsettledSince;
    /** The record as last formatted; a bucket write re-formats only the records that changed. */
    private String formatted;

    private JobState(JobKey key) {
        this.key = key;
    }

    /** A job not emitted yet: no status, no device rows. */
    static JobState of(JobKey key) {
        return new JobState(key);
    }

    public JobKey key() {
        return key;
    }

    /** The status last emitted (or recorded without an event), null before the job's first event. */
    public String status() {
        return status;
    }

    public String statistics() {
        return statistics;
    }

    /** Records the job as emitted now: its status, statistics and the time its retention counts from. */
    public void emitted(IotJob job) {
        formatted = null;
        status = job.status().name();
        statistics = statistics(job.statistics());
        // The hub shows a sentinel end time (9999-12-30) until a job ends.
        retainedFrom = job.isTerminal() && job.endTime() != null ? job.endTime() : job.createdTime();
    }

    public static String statistics(JobStatistics s) {
        return s == null ? "" : s.deviceCount() + "," + s.succeededCount() + "," + s.failedCount() + ","
                                + s.runningCount() + "," + s.pendingCount();
    }

    /** When the platform's retention of this job starts: its end, or its creation while it runs; null if unknown. */
    public Instant retainedFrom() {
        return retainedFrom;
    }

    public boolean drained() {
        return drained;
    }

    /** Every final device row was emitted and the job can no longer change: its device ids are not needed again. */
    public void markDrained() {
        formatted = null;
        drained = true;
        devicesWatermark = null;
        emittedDevices.clear();
        listingSince = null;
        listingToken = null;
        listingStartWatermark = null;
        listingStartedAt = null;
        silent = false;
        endedUnsettledSince = null;
    }

    /** The newest lastUpdatedTime of the job's emitted device rows, or null when none was emitted. */
    public Instant devicesWatermark() {
        return devicesWatermark;
    }

    public void devicesWatermark(Instant watermark) {
        formatted = null;
        devicesWatermark = watermark;
    }

    /** Final device rows taken so far (emitted, or recorded for a baseline), forgotten ids included. */
    public long rowsTaken() {
        return rowsTaken;
    }

    /** The lastUpdatedTime the device listing under way (or the next one) starts from; null for every row. */
    public Instant listingSince() {
        return listingSince;
    }

    /** The continuation token of the device listing under way, or null when the next listing starts at page 1. */
    public String listingToken() {
        return listingToken;
    }

    /** A listing starts at {@code now} (the consumer's clock), from the rows' newest time taken so far. */
    public void listingStarted(Instant now) {
        formatted = null;
        listingStartWatermark = devicesWatermark;
        listingStartedAt = now;
    }

    /** The listing went on to the page of {@code token}. */
    public void listingAt(String token) {
        formatted = null;
        listingToken = token;
    }

    /**
     * The listing reached its last page at {@code now}. A row it missed changed behind its cursor while it ran, or
     * reached the index late: it was updated after the listing started, less {@code indexLag}. The platform's time at
     * the start is at least the watermark then, and at least the newest row's time less the listing's duration. The
     * next listing starts from the later of the two, less {@code indexLag}; the ids of rows older than that are not
     * needed any more (no listing asks for them again).
     */
    public void listingDone(Instant now, Duration indexLag) {
        formatted = null;
        listingToken = null;
        Instant start = listingStartWatermark;
        if (devicesWatermark != null && listingStartedAt != null) {
            Instant byDuration = devicesWatermark.minus(Duration.between(listingStartedAt, now));
            start = start == null || byDuration.isAfter(start) ? byDuration : start;
        }
        Instant next = start == null ? null : start.minus(indexLag);
        if (next != null && (listingSince == null || next.isAfter(listingSince))) {
            listingSince = next;
        }
        if (listingSince != null) {
            // A platform may compare times at a second's precision (see the hub's query): a second to spare.
            forgetDevicesBefore(listingSince.minusSeconds(1));
        }
        silent = false;
    }

    /** startFrom=now: the rows of the first listing are recorded without events. */
    public boolean silent() {
        return silent;
    }

    public void silent(boolean silent) {
        formatted = null;
        this.silent = silent;
    }

    /** When the job was first seen ended while its rows did not add up yet; null otherwise. */
    public Instant endedUnsettledSince() {
        return endedUnsettledSince;
    }

    public void endedUnsettledSince(Instant since) {
        formatted = null;
        endedUnsettledSince = since;
    }

    public boolean deviceEmitted(String deviceId) {
        return emittedDevices.containsKey(deviceId);
    }

    public void deviceEmitted(String deviceId, Instant lastUpdated) {
        formatted = null;
        emittedDevices.put(deviceId, lastUpdated == null ? NO_TIME : lastUpdated.toEpochMilli());
        rowsTaken++;
    }

    public int emittedDeviceCount() {
        return emittedDevices.size();
    }

    /**
     * Forgets device rows last updated before {@code since}: the consumer no longer asks for them, so they cannot be
     * offered again. Rows without a time are kept.
     */
    public void forgetDevicesBefore(Instant since) {
        long limit = since.toEpochMilli();
        formatted = null;
        for (Iterator<Long> it = emittedDevices.values().iterator(); it.hasNext();) {
            long time = it.next();
            if (time != NO_TIME && time < limit) {
                it.remove();
            }
        }
    }

    String format() {
        if (formatted == null) {
            formatted = formatRecord();
        }
        return formatted;
    }

    private String formatRecord() {
        StringBuilder out = new StringBuilder(64 + emittedDevices.size() * 24);
        out.append(StateText.escape(key.jobId())).append('|').append(millis(key.createdTime())).append('|')
                .append(status == null ? "" : status).append('|').append(statistics).append('|')
                .append(millis(retainedFrom)).append('|').append(drained ? "d" : "").append('|')
                .append(millis(devicesWatermark)).append('|');
        Map<Long, List<String>> byTime = new TreeMap<>();
        emittedDevices.forEach((id, time) -> byTime.computeIfAbsent(time, t -> new ArrayList<>()).add(id));
        boolean firstGroup = true;
        for (Map.Entry<Long, List<String>> group : byTime.entrySet()) {
            if (!firstGroup) {
                out.append('/');
            }
            firstGroup = false;
            if (group.getKey() != NO_TIME) {
                out.append(Long.toString(group.getKey(), RADIX));
            }
            out.append(':');
            boolean first = true;
            for (String id : group.getValue()) {
                if (!first) {
                    out.append(',');
                }
                first = false;
                out.append(StateText.escape(id));
            }
        }
        out.append('|').append(Long.toString(rowsTaken, RADIX)).append('|').append(millis(listingSince)).append('|')
                .append(listingToken == null ? "" : StateText.escape(listingToken)).append('|')
                .append(millis(listingStartWatermark)).append('|').append(millis(listingStartedAt)).append('|').append(silent ? "s" : "").append('|')
                .append(millis(endedUnsettledSince));
        return out.toString();
    }

    static JobState parse(String record) {
        String[] f = record.split("\\|", -1);
        JobState state = new JobState(JobKey.of(StateText.unescape(f[0]), instant(f[1])));
        state.formatted = record;
        state.status = f[2].isEmpty() ? null : f[2];
        state.statistics = f[3];
        state.retainedFrom = instant(f[4]);
        state.drained = "d".equals(f[5]);
        state.devicesWatermark = instant(f[6]);
        if (!f[7].isEmpty()) {
            for (String group : f[7].split("/")) {
                int colon = group.indexOf(':');
                long time = colon == 0 ? NO_TIME : Long.parseLong(group.substring(0, colon), RADIX);
                for (String id : group.substring(colon + 1).split(",")) {
                    state.emittedDevices.put(StateText.unescape(id), time);
                }
            }
        }
        if (f.length > 14) {
            state.rowsTaken = Long.parseLong(f[8], RADIX);
            state.listingSince = instant(f[9]);
            state.listingToken = f[10].isEmpty() ? null : StateText.unescape(f[10]);
            state.listingStartWatermark = instant(f[11]);
            state.listingStartedAt = instant(f[12]);
            state.silent = "s".equals(f[13]);
            state.endedUnsettledSince = instant(f[14]);
        } else {
            // Written before rows were counted: the ids still kept are the best count there is.
            state.rowsTaken = state.emittedDevices.size();
        }
        return state;
    }

    private static String millis(Instant instant) {
        return instant == null ? "" : Long.toString(instant.toEpochMilli(), RADIX);
    }

    private static Instant instant(String text) {
        return text.isEmpty() ? null : Instant.ofEpochMilli(Long.parseLong(text, RADIX));
    }
}
