/*
 * Licensed to the Apache Software Foundation (ASF) under one or more contributor license agreements; and to You
 * under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance with the
 * License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.iotjobs.camel.rollout.engine;

import java.util.List;

import io.github.iotjobs.camel.rollout.plan.RolloutPlan;
import io.github.iotjobs.camel.rollout.stage.FrozenStage;
import io.github.iotjobs.camel.rollout.store.ChunkProgress;

/**
 * The failure threshold applied to each target of a plan over several: one hub whose share of failed devices reaches
 * it halts the rollout everywhere, even when the stage as a whole is still below it.
 */
final class TargetFailures {

    private TargetFailures() {
    }

    /** Why the stage must halt for one target's failures; null when none fails (or the plan has one target). */
    static String failing(RolloutPlan plan, FrozenStage stage, List<ChunkProgress> chunks) {
        if (plan.targets() == null || plan.failureThreshold() == null) {
            return null;
        }
        for (int t = 0; t < stage.targets().size(); t++) {
            String name = stage.targets().get(t);
            int failed = chunks.stream().filter(c -> name.equals(TargetSlots.targetOf(c)))
                    .mapToInt(ChunkProgress::failed).sum();
            int size = stage.targetSize(t);
            if (failed > 0 && failed >= plan.failureThreshold() * size) {
                return "target " + name + ": " + failed + " of " + size + " devices failed, at or above the failure"
                       + " threshold " + plan.failureThreshold();
            }
        }
        return null;
    }
}
