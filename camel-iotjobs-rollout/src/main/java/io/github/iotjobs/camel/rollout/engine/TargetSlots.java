/*
 * Licensed to the Apache Software Foundation (ASF) under one or more contributor license agreements; and to You
 * under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance with the
 * License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.iotjobs.camel.rollout.engine;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.github.iotjobs.camel.rollout.port.RolloutJobs;
import io.github.iotjobs.camel.rollout.port.TargetRoutedJobs;
import io.github.iotjobs.camel.rollout.stage.RolloutJobIds;
import io.github.iotjobs.camel.rollout.store.ChunkProgress;
import io.github.iotjobs.camel.rollout.store.ChunkProgress.State;

/**
 * The concurrent-job limit per hub: one hub's (the key null) or, over several targets, each target's own, so a
 * target waiting for its slot never holds up another.
 */
final class TargetSlots {

    private final TargetRoutedJobs targets;
    private final int single;

    private TargetSlots(TargetRoutedJobs targets, int single) {
        this.targets = targets;
        this.single = single;
    }

    static TargetSlots of(RolloutJobs jobs, int concurrentJobs) {
        return new TargetSlots(jobs instanceof TargetRoutedJobs routed ? routed : null, concurrentJobs);
    }

    /** The target a chunk's job runs on: the name its job id carries, null for a single hub. */
    static String targetOf(ChunkProgress chunk) {
        return RolloutJobIds.targetOf(chunk.jobId());
    }

    int limit(String target) {
        return target == null || targets == null ? single : targets.concurrentJobs(target);
    }

    /** Jobs sent and not over, per target. */
    Map<String, Integer> active(List<ChunkProgress> chunks) {
        Map<String, Integer> active = new HashMap<>();
        for (ChunkProgress chunk : chunks) {
            if (chunk.holdsJob()) {
                active.merge(targetOf(chunk), 1, Integer::sum);
            }
        }
        return active;
    }
}
