/*
 * Licensed to the Apache Software Foundation (ASF) under one or more contributor license agreements; and to You
 * under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance with the
 * License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.iotjobs.camel.rollout;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.github.iotjobs.camel.rollout.plan.RolloutPlan;
import io.github.iotjobs.camel.rollout.stage.FrozenStage;
import io.github.iotjobs.camel.rollout.store.ChunkProgress;
import io.github.iotjobs.camel.rollout.store.RolloutDecision;
import io.github.iotjobs.camel.rollout.store.RolloutProgress;
import io.github.iotjobs.camel.rollout.store.RolloutRecord;
import io.github.iotjobs.camel.rollout.store.RolloutStatus;
import io.github.iotjobs.camel.rollout.store.StageOutcome;

/**
 * A rollout as {@code get}, {@code list} and the control operations answer it.
 *
 * @param stage         the running (or last) stage, from 0
 * @param stageDevices  the devices of that stage
 * @param succeeded     the stage's devices that succeeded so far
 * @param failed        the stage's devices that failed so far
 * @param jobs          the stage's hub jobs
 * @param passedStages  the stages whose gate was decided
 * @param decisions     every decision in order ({@code get} only)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RolloutView(
        String rolloutId,
        RolloutStatus status,
        String reason,
        int stage,
        int stageCount,
        int targetDevices,
        int stageDevices,
        int succeeded,
        int failed,
        List<Job> jobs,
        List<StageOutcome> passedStages,
        RolloutPlan plan,
        Instant createdAt,
        Instant updatedAt,
        List<RolloutDecision> decisions) {

    /** One hub job of the running stage. */
    public record Job(String jobId, String state, int devices, int succeeded, int failed) {
    }

    static RolloutView of(RolloutRecord record, RolloutProgress progress, List<RolloutDecision> decisions) {
        List<Job> jobs = progress.chunks().stream().map(RolloutView::job).toList();
        int stage = Math.max(0, progress.stage());
        return new RolloutView(record.rolloutId(), progress.status(), progress.reason(), stage, record.stages().size(),
                record.stages().stream().mapToInt(FrozenStage::size).sum(), record.stages().get(stage).size(),
                progress.succeeded(), progress.failed(), jobs, List.copyOf(progress.stages()), record.plan(),
                record.createdAt(), progress.updatedAt(), decisions);
    }

    private static Job job(ChunkProgress chunk) {
        return new Job(chunk.jobId(), chunk.state().name(), chunk.devices(), chunk.succeeded(), chunk.failed());
    }
}
