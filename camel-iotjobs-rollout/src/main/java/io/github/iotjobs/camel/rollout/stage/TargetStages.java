/*
 * Licensed to the Apache Software Foundation (ASF) under one or more contributor license agreements; and to You
 * under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance with the
 * License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.iotjobs.camel.rollout.stage;

import java.util.ArrayList;
import java.util.List;

import io.github.iotjobs.camel.rollout.plan.PlanTarget;
import io.github.iotjobs.camel.rollout.plan.RolloutPlan;
import io.github.iotjobs.camel.rollout.plan.RolloutPlanException;

/**
 * Cuts each target's devices into the plan's stages on their own ({@code devices: 20} is 20 on every target,
 * {@code percent: 10} is 10 % of each target), then joins stage k of every target into one stage k.
 */
public final class TargetStages {

    private TargetStages() {
    }

    /**
     * @param perTarget the resolved devices of each of the plan's targets, in the plan's order
     * @throws RolloutPlanException naming the target that selects nothing or the stage that would be empty on one
     */
    public static List<FrozenStage> resolve(RolloutPlan plan, List<List<String>> perTarget) {
        List<PlanTarget> targets = plan.targets();
        List<String> names = targets.stream().map(PlanTarget::name).toList();
        List<List<FrozenStage>> cut = new ArrayList<>(targets.size());
        for (int t = 0; t < targets.size(); t++) {
            try {
                cut.add(StageResolver.resolve(plan, perTarget.get(t)));
            } catch (RolloutPlanException e) {
                String field = e.getField().equals("target") ? "targets[" + t + "]" : e.getField();
                throw new RolloutPlanException(field, "on target " + names.get(t) + ", "
                        + e.getMessage().substring(e.getField().length() + 2));
            }
        }
        List<FrozenStage> stages = new ArrayList<>(plan.stages().size());
        for (int k = 0; k < plan.stages().size(); k++) {
            List<List<String>> devices = new ArrayList<>(targets.size());
            for (List<FrozenStage> target : cut) {
                devices.add(target.get(k).deviceIds());
            }
            stages.add(FrozenStage.ofTargets(k, names, devices));
        }
        return stages;
    }
}
