/*
 * Licensed to the Apache Software Foundation (ASF) under one or more contributor license agreements; and to You
 * under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance with the
 * License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.iotjobs.camel.rollout.stage;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.github.iotjobs.camel.rollout.plan.RolloutPlan;

/**
 * The dry run of a rollout over several targets: each stage on each target, with the time that target's own hub
 * allows. Targets run a stage side by side, so a stage takes as long as its slowest target; the targets are resolved
 * one after the other.
 */
public final class TargetPreviews {

    /** A target's hub size, as the rollout will pace it. */
    public record Hub(HubTier tier, int units) {
    }

    private TargetPreviews() {
    }

    /** @param hubs each of the plan's targets' hub, in the plan's order */
    public static RolloutPreview of(String rolloutId, RolloutPlan plan, List<Hub> hubs, List<FrozenStage> frozen) {
        List<RolloutPreview.StagePreview> stages = new ArrayList<>(frozen.size());
        int devices = 0;
        int jobs = 0;
        Duration total = Duration.ZERO;
        for (FrozenStage stage : frozen) {
            List<RolloutPreview.TargetStagePreview> perTarget = new ArrayList<>(hubs.size());
            List<String> jobIds = stage.jobIds(rolloutId);
            Duration slowest = Duration.ZERO;
            int waves = 0;
            int chunk = 0;
            for (int t = 0; t < hubs.size(); t++) {
                Hub hub = hubs.get(t);
                int first = chunk;
                while (chunk < stage.chunkCount() && stage.chunkTarget(chunk) == t) {
                    chunk++;
                }
                int targetJobs = chunk - first;
                Duration time = RolloutPreview.stageTime(hub.tier(), hub.units(), stage.targetSize(t), targetJobs);
                int targetWaves = RolloutPreview.waves(hub.tier(), targetJobs);
                perTarget.add(new RolloutPreview.TargetStagePreview(stage.targets().get(t), hub.tier(), hub.units(),
                        stage.targetSize(t), stage.targetDevices(t), jobIds.subList(first, chunk), targetWaves, time));
                slowest = time.compareTo(slowest) > 0 ? time : slowest;
                waves = Math.max(waves, targetWaves);
            }
            stages.add(new RolloutPreview.StagePreview(stage.index(), stage.size(), stage.deviceIds(), jobIds, waves,
                    slowest, null, perTarget));
            devices += stage.size();
            jobs += stage.chunkCount();
            total = total.plus(slowest);
        }
        Duration resolve = Duration.ZERO;
        int concurrent = 0;
        for (int t = 0; t < hubs.size(); t++) {
            Hub hub = hubs.get(t);
            concurrent += hub.tier().concurrentJobs();
            if (plan.targets().get(t).query() != null) {
                int index = t;
                int targetDevices = frozen.stream().mapToInt(s -> s.targetSize(index)).sum();
                resolve = resolve.plus(RolloutPreview.resolveTime(hub.tier(), hub.units(), targetDevices));
            }
        }
        return new RolloutPreview(rolloutId, null, 0, devices, jobs, concurrent, resolve, total, stages);
    }
}
