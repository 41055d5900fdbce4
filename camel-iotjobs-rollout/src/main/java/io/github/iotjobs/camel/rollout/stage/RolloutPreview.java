/*
 * Licensed to the Apache Software Foundation (ASF) under one or more contributor license agreements; and to You
 * under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance with the
 * License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.iotjobs.camel.rollout.stage;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.github.iotjobs.camel.rollout.plan.RolloutRate;

/**
 * The dry run of a rollout: the exact devices and job ids of each stage and how long the hub's quotas make it take.
 * Nothing is sent to a device to compute it.
 *
 * @param resolveDuration   the time the tier's query quota needs to resolve the target (query targets only)
 * @param estimatedDuration the time the stages need at the tier's device-operation rate and concurrent-job limit,
 *                          and at the plan's rate, with gates that pass at once
 */
public record RolloutPreview(
        String rolloutId,
        HubTier tier,
        int units,
        int targetDevices,
        int jobCount,
        int concurrentJobs,
        Duration resolveDuration,
        Duration estimatedDuration,
        List<StagePreview> stages) {

    /**
     * @param jobWaves how many rounds of jobs the concurrent-job limit makes the stage run in
     * @param zones    with a maintenance window ({@code window}): when each zone group of the stage can run first;
     *                 null without
     * @param targets  with several targets, the stage on each of them (they run side by side); null for one
     */
    public record StagePreview(int stage, int devices, List<String> deviceIds, List<String> jobIds, int jobWaves,
            Duration estimatedDuration, List<ZoneStart> zones, List<TargetStagePreview> targets) {

        public StagePreview withZones(List<ZoneStart> value) {
            return new StagePreview(stage, devices, deviceIds, jobIds, jobWaves, estimatedDuration, value,
                    targets);
        }
    }

    /**
     * One zone group of a stage under a maintenance window.
     *
     * @param earliestStart the first instant its devices can be changed: the stage's earliest start if the window
     *                      is open then, else the window's next opening
     * @param windowCloses  when the window open at {@code earliestStart} closes
     */
    public record ZoneStart(String zone, int devices, Instant earliestStart, Instant windowCloses) {
    }

    public RolloutPreview withStages(List<StagePreview> value) {
        return new RolloutPreview(rolloutId, tier, units, targetDevices, jobCount, concurrentJobs, resolveDuration,
                estimatedDuration, List.copyOf(value));
    }

    /** A stage on one target of several: its devices, its jobs, and the time its own hub's quotas allow. */
    public record TargetStagePreview(String target, HubTier tier, int units, int devices, List<String> deviceIds,
            List<String> jobIds, int jobWaves, Duration estimatedDuration) {
    }

    /** Hub queries return at most this many device ids per page. */
    static final int QUERY_PAGE = 1000;

    /** @param rate the plan's rate, or null: as fast as the quotas allow */
    public static RolloutPreview of(String rolloutId, HubTier tier, int units, boolean queriedTarget,
            List<FrozenStage> frozen, RolloutRate rate) {
        List<StagePreview> stages = new ArrayList<>(frozen.size());
        int devices = 0;
        int jobs = 0;
        Duration total = Duration.ZERO;
        for (FrozenStage stage : frozen) {
            int waves = waves(tier, stage.chunkCount());
            Duration time = stageTime(tier, units, stage.size(), stage.chunkCount());
            if (rate != null) {
                time = seconds(Math.max(time.toMillis() / 1000.0, rateSeconds(rate, devices, stage.size())));
            }
            stages.add(new StagePreview(stage.index(), stage.size(), stage.deviceIds(), stage.jobIds(rolloutId), waves,
                    time, null, null));
            devices += stage.size();
            jobs += stage.chunkCount();
            total = total.plus(time);
        }
        Duration resolve = queriedTarget ? resolveTime(tier, units, devices) : Duration.ZERO;
        return new RolloutPreview(rolloutId, tier, units, devices, jobs, tier.concurrentJobs(), resolve, total, stages);
    }

    /**
     * The time the rate takes to reach {@code count} devices after the first {@code before}, counting every device
     * as succeeded (a ramp on succeeded devices then grows as one on notified devices).
     */
    static double rateSeconds(RolloutRate rate, long before, long count) {
        RolloutRate.RateIncrease steps = rate.rateIncreaseCriteria();
        long every = steps == null ? Long.MAX_VALUE
                : steps.numberOfNotifiedDevices() != null ? steps.numberOfNotifiedDevices()
                : steps.numberOfSucceededDevices();
        double seconds = 0;
        for (long at = before, end = before + count; at < end;) {
            long stepEnd = every == Long.MAX_VALUE ? end : Math.min(end, (at / every + 1) * every);
            seconds += (stepEnd - at) * 60.0 / rate.perMinute(at, at);
            at = stepEnd;
        }
        return seconds;
    }

    static int waves(HubTier tier, int jobs) {
        return (jobs + tier.concurrentJobs() - 1) / tier.concurrentJobs();
    }

    /** The longer of the time the devices take at the tier's device-operation rate and the time to create the jobs. */
    static Duration stageTime(HubTier tier, int units, int devices, int jobs) {
        double deviceSeconds = devices / tier.deviceOperationsPerSecond(units);
        double createSeconds = jobs * 60.0 / tier.jobOperationsPerMinute(units);
        return seconds(Math.max(deviceSeconds, createSeconds));
    }

    /** The time the tier's query quota needs to page through this many device ids. */
    static Duration resolveTime(HubTier tier, int units, int devices) {
        return seconds(((devices + QUERY_PAGE - 1) / QUERY_PAGE) * 60.0 / tier.queriesPerMinute(units));
    }

    private static Duration seconds(double value) {
        return Duration.ofMillis(Math.round(value * 1000));
    }
}
