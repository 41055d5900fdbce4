/*
 * Licensed to the Apache Software Foundation (ASF) under one or more contributor license agreements; and to You
 * under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance with the
 * License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.iotjobs.camel.rollout.stage;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import io.github.iotjobs.camel.rollout.plan.RolloutRate;

/**
 * The exact devices of one stage, fixed when the rollout starts, split into chunks of one hub job each. A stage of a
 * plan over several targets holds each target's devices one after the other; no chunk spans two targets.
 *
 * @param index      the stage, from 0
 * @param deviceIds  the stage's devices, in order
 * @param chunkEnds  where each chunk ends in {@code deviceIds} (exclusive)
 * @param targets    the targets' names, in order; null for a single target
 * @param targetEnds where each target's devices end in {@code deviceIds} (exclusive); null for a single target
 */
public record FrozenStage(int index, List<String> deviceIds, List<Integer> chunkEnds, List<String> targets,
        List<Integer> targetEnds) {

    public static FrozenStage of(int index, List<String> deviceIds) {
        return new FrozenStage(index, Collections.unmodifiableList(deviceIds), DeviceIdQuery.chunkEnds(deviceIds),
                null, null);
    }

    /** A stage over several targets: {@code perTarget.get(t)} are target {@code names.get(t)}'s devices. */
    public static FrozenStage ofTargets(int index, List<String> names, List<List<String>> perTarget) {
        List<String> ids = new ArrayList<>();
        List<Integer> chunkEnds = new ArrayList<>();
        List<Integer> targetEnds = new ArrayList<>(perTarget.size());
        for (List<String> devices : perTarget) {
            int from = ids.size();
            ids.addAll(devices);
            for (int end : DeviceIdQuery.chunkEnds(devices)) {
                chunkEnds.add(from + end);
            }
            targetEnds.add(ids.size());
        }
        return new FrozenStage(index, Collections.unmodifiableList(ids), List.copyOf(chunkEnds), List.copyOf(names),
                List.copyOf(targetEnds));
    }

    /** A stage chunked for the plan's rate; {@code before}: the devices of the stages before it. */
    public static FrozenStage of(int index, List<String> deviceIds, RolloutRate rate, long before) {
        return new FrozenStage(index, Collections.unmodifiableList(deviceIds),
                RateChunks.chunkEnds(deviceIds, rate, before), null, null);
    }

    public int size() {
        return deviceIds.size();
    }

    public int chunkCount() {
        return chunkEnds.size();
    }

    public List<String> chunkDevices(int chunk) {
        int from = chunk == 0 ? 0 : chunkEnds.get(chunk - 1);
        return deviceIds.subList(from, chunkEnds.get(chunk));
    }

    public String chunkCondition(int chunk) {
        return DeviceIdQuery.condition(chunkDevices(chunk));
    }

    /** The target whose devices the chunk holds, as an index into {@link #targets()}; 0 for a single target. */
    public int chunkTarget(int chunk) {
        if (targets == null) {
            return 0;
        }
        int end = chunkEnds.get(chunk);
        int t = 0;
        while (targetEnds.get(t) < end) {
            t++;
        }
        return t;
    }

    /** The name of the chunk's target; null for a single target. */
    public String chunkTargetName(int chunk) {
        return targets == null ? null : targets.get(chunkTarget(chunk));
    }

    /** How many devices of the stage target {@code t} holds. */
    public int targetSize(int t) {
        return targets == null ? size() : targetEnds.get(t) - (t == 0 ? 0 : targetEnds.get(t - 1));
    }

    /** Target {@code t}'s devices in this stage. */
    public List<String> targetDevices(int t) {
        return targets == null ? deviceIds : deviceIds.subList(t == 0 ? 0 : targetEnds.get(t - 1), targetEnds.get(t));
    }

    /** The job id of a chunk: the target's name and the chunk's place within the target's when there are targets. */
    public String jobId(String rolloutId, int chunk) {
        if (targets == null) {
            return RolloutJobIds.jobId(rolloutId, index, chunk);
        }
        int t = chunkTarget(chunk);
        // The target's first chunk starts where the target before it ends.
        int first = t == 0 ? 0 : Collections.binarySearch(chunkEnds, targetEnds.get(t - 1)) + 1;
        return RolloutJobIds.targetJobId(rolloutId, targets.get(t), index, chunk - first);
    }

    public List<String> jobIds(String rolloutId) {
        List<String> ids = new ArrayList<>(chunkCount());
        for (int c = 0; c < chunkCount(); c++) {
            ids.add(jobId(rolloutId, c));
        }
        return ids;
    }
}
