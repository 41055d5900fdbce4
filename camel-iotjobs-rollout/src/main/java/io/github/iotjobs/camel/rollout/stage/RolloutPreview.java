/*
 * Licensed to the Apache Software Foundation (ASF) under one or more contributor license agreements; and to You
 * under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance with the
 * License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.iotjobs.camel.rollout.stage;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The dry run of a rollout: the exact devices and job ids of each stage and how long the hub's quotas make it take.
 * Nothing is sent to a device to compute it.
 *
 * @param resolveDuration   the time the tier's query quota needs to resolve the target (query targets only)
 * @param estimatedDuration the time the stages need at the tier's device-operation rate and concurrent-job limit,
 *                          with gates that pass at once
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
     * @param targets  with several targets, the stage on each of them (they run side by side); null for one
     */
    public record StagePreview(int stage, int devices, List<String> deviceIds, List<String> jobIds, int jobWaves,
            Duration estimatedDuration, List<TargetStagePreview> targets) {
    }

    /** A stage on one target of several: its devices, its jobs, and the time its own hub's quotas allow. */
    public record TargetStagePreview(String target, HubTier tier, int units, int devices, List<String> deviceIds,
            List<String> jobIds, int jobWaves, Duration estimatedDuration) {
    }

    /** Hub queries return at most this many device ids per page. */
    static final int QUERY_PAGE = 1000;

    public static RolloutPreview of(String rolloutId, HubTier tier, int units, boolean queriedTarget,
            List<FrozenStage> frozen) {
        List<StagePreview> stages = new ArrayList<>(frozen.size());
        int devices = 0;
        int jobs = 0;
        Duration total = Duration.ZERO;
        for (FrozenStage stage : frozen) {
            int waves = waves(tier, stage.chunkCount());
            Duration time = stageTime(tier, units, stage.size(), stage.chunkCount());
            stages.add(new StagePreview(stage.index(), stage.size(), stage.deviceIds(), stage.jobIds(rolloutId), waves,
                    time, null));
            devices += stage.size();
            jobs += stage.chunkCount();
            total = total.plus(time);
        }
        Duration resolve = queriedTarget ? resolveTime(tier, units, devices) : Duration.ZERO;
        return new RolloutPreview(rolloutId, tier, units, devices, jobs, tier.concurrentJobs(), resolve, total, stages);
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
