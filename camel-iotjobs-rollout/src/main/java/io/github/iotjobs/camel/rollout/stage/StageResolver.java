/*
 * Licensed to the Apache Software Foundation (ASF) under one or more contributor license agreements; and to You
 * under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance with the
 * License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.iotjobs.camel.rollout.stage;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import io.github.iotjobs.camel.rollout.plan.RolloutPlan;
import io.github.iotjobs.camel.rollout.plan.RolloutPlanException;
import io.github.iotjobs.camel.rollout.plan.RolloutStage;

/**
 * Cuts the resolved target into the plan's stages. {@code devices: N} takes the next N devices; {@code percent: P}
 * takes devices up to P % of the target, rounded up. Stages never overlap: each device is in exactly one.
 */
public final class StageResolver {

    private StageResolver() {
    }

    /** @throws RolloutPlanException naming the stage that would be empty, or {@code target} if nothing matched */
    public static List<FrozenStage> resolve(RolloutPlan plan, List<String> targetDevices) {
        List<String> devices = distinct(targetDevices);
        if (devices.isEmpty()) {
            throw new RolloutPlanException("target", "selects no device");
        }
        List<FrozenStage> stages = new ArrayList<>(plan.stages().size());
        int covered = 0;
        for (int i = 0; i < plan.stages().size(); i++) {
            RolloutStage stage = plan.stages().get(i);
            int end = stage.devices() != null
                    ? (int) Math.min((long) covered + stage.devices(), devices.size())
                    : (int) Math.min(devices.size(), Math.ceil(stage.percent() * devices.size() / 100.0 - 1e-9));
            if (end <= covered) {
                throw new RolloutPlanException("stages[" + i + "]", "has no device left: the stages before it already"
                        + " cover " + covered + " of the " + devices.size() + " target devices");
            }
            stages.add(FrozenStage.of(i, new ArrayList<>(devices.subList(covered, end)), plan.rate(), covered));
            covered = end;
        }
        return stages;
    }

    private static List<String> distinct(List<String> ids) {
        Set<String> seen = new HashSet<>(ids.size() * 2);
        List<String> result = new ArrayList<>(ids.size());
        for (String id : ids) {
            if (seen.add(id)) {
                result.add(id);
            }
        }
        return result;
    }
}
