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
 * The exact devices of one stage, fixed when the rollout starts, split into chunks of one hub job each.
 *
 * @param index     the stage, from 0
 * @param deviceIds the stage's devices, in order
 * @param chunkEnds where each chunk ends in {@code deviceIds} (exclusive)
 */
public record FrozenStage(int index, List<String> deviceIds, List<Integer> chunkEnds) {

    public static FrozenStage of(int index, List<String> deviceIds) {
        return new FrozenStage(index, Collections.unmodifiableList(deviceIds), DeviceIdQuery.chunkEnds(deviceIds));
    }

    /** A stage chunked for the plan's rate; {@code before}: the devices of the stages before it. */
    public static FrozenStage of(int index, List<String> deviceIds, RolloutRate rate, long before) {
        return new FrozenStage(index, Collections.unmodifiableList(deviceIds),
                RateChunks.chunkEnds(deviceIds, rate, before));
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

    public List<String> jobIds(String rolloutId) {
        List<String> ids = new ArrayList<>(chunkCount());
        for (int c = 0; c < chunkCount(); c++) {
            ids.add(RolloutJobIds.jobId(rolloutId, index, c));
        }
        return ids;
    }
}
