/*
 * Licensed to the Apache Software Foundation (ASF) under one or more contributor license agreements; and to You
 * under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance with the
 * License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.iotjobs.camel.rollout.store;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonAutoDetect;

/**
 * The cursor of a rollout, rewritten after every decision: its status, the running stage and its chunks, and the
 * outcome of the stages before. Small whatever the fleet's size: device ids live in the frozen stages.
 */
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY, getterVisibility = JsonAutoDetect.Visibility.NONE,
                isGetterVisibility = JsonAutoDetect.Visibility.NONE)
public final class RolloutProgress {

    private RolloutStatus status = RolloutStatus.RUNNING;
    private String reason;
    private int stage = -1;
    private Instant stageStartedAt;
    /** A resume accepted the running stage's failed gate: it now passes once its jobs are over. */
    private boolean gateAccepted;
    /** The running stage's gate failed (the rollout halted on it). */
    private boolean gateFailed;
    private List<ChunkProgress> chunks = new ArrayList<>();
    private List<StageOutcome> stages = new ArrayList<>();
    /** The rollback's jobs, once it knows which devices to restore; null before. */
    private List<ChunkProgress> rollbackJobs;
    /** A passed gate waits for approval before this stage starts; null when none waits. */
    private Integer approvalFor;
    private Instant updatedAt;
    /** With a maintenance window: per stage, its devices' zone groups in stored order; null without. */
    private List<List<ZoneSegment>> zoneSegments;

    public RolloutStatus status() {
        return status;
    }

    public void status(RolloutStatus value, String why) {
        status = value;
        reason = why;
    }

    public String reason() {
        return reason;
    }

    public int stage() {
        return stage;
    }

    public Instant stageStartedAt() {
        return stageStartedAt;
    }

    public void startStage(int index, Instant at, List<ChunkProgress> stageChunks) {
        stage = index;
        stageStartedAt = at;
        gateAccepted = false;
        gateFailed = false;
        chunks = new ArrayList<>(stageChunks);
    }

    public boolean gateAccepted() {
        return gateAccepted;
    }

    public void acceptGate() {
        gateAccepted = true;
    }

    public boolean gateFailed() {
        return gateFailed;
    }

    public void gateFailed(boolean value) {
        gateFailed = value;
    }

    public List<ChunkProgress> chunks() {
        return chunks;
    }

    public List<StageOutcome> stages() {
        return stages;
    }

    public Integer approvalFor() {
        return approvalFor;
    }

    public void approvalFor(Integer stage) {
        approvalFor = stage;
    }

    public List<ChunkProgress> rollbackJobs() {
        return rollbackJobs;
    }

    public void rollbackJobs(List<ChunkProgress> jobs) {
        rollbackJobs = new ArrayList<>(jobs);
    }

    public Instant updatedAt() {
        return updatedAt;
    }

    public void updatedAt(Instant value) {
        updatedAt = value;
    }

    public List<List<ZoneSegment>> zoneSegments() {
        return zoneSegments;
    }

    public void zoneSegments(List<List<ZoneSegment>> segments) {
        zoneSegments = segments;
    }

    public int succeeded() {
        return chunks.stream().mapToInt(ChunkProgress::succeeded).sum();
    }

    public int failed() {
        return chunks.stream().mapToInt(ChunkProgress::failed).sum();
    }
}
