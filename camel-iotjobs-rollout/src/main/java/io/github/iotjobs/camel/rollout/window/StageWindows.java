/*
 * Licensed to the Apache Software Foundation (ASF) under one or more contributor license agreements; and to You
 * under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance with the
 * License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.iotjobs.camel.rollout.window;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

import io.github.iotjobs.camel.rollout.stage.FrozenStage;
import io.github.iotjobs.camel.rollout.store.RolloutRecord;
import io.github.iotjobs.camel.rollout.store.ZoneSegment;

/**
 * The maintenance window of a running rollout: each chunk's zone (from the zone groups stored with its progress)
 * and whether its window is open. A chunk's job is created only while it is, and with a
 * {@code maxExecutionTimeInSeconds} that ends it at the window's close, so no job runs past it.
 */
public final class StageWindows {

    private final RolloutRecord record;
    private final List<List<ZoneId>> chunkZones;
    private final LocalWindow window;

    private StageWindows(RolloutRecord record, List<List<ZoneId>> chunkZones, LocalWindow window) {
        this.record = record;
        this.chunkZones = chunkZones;
        this.window = window;
    }

    /** The windows of a stored rollout, its stages chunked zone by zone again. */
    public static StageWindows of(RolloutRecord stored, List<List<ZoneSegment>> segments) {
        if (segments == null || segments.size() != stored.stages().size()) {
            throw new IllegalStateException("Rollout " + stored.rolloutId() + " has a window but no zone groups"
                    + " stored for its stages");
        }
        List<FrozenStage> stages = new ArrayList<>(stored.stages().size());
        List<List<ZoneId>> zones = new ArrayList<>(stored.stages().size());
        for (FrozenStage stage : stored.stages()) {
            ZoneChunks chunks = ZoneChunks.stage(stage.index(), stage.deviceIds(), segments.get(stage.index()));
            stages.add(chunks.stage());
            zones.add(chunks.chunkZones());
        }
        return new StageWindows(new RolloutRecord(stored.rolloutId(), stored.plan(), List.copyOf(stages),
                stored.createdAt()), zones, LocalWindow.of(stored.plan().window()));
    }

    /** The rollout with its stages chunked zone by zone. */
    public RolloutRecord record() {
        return record;
    }

    public ZoneId zone(int stage, int chunk) {
        return chunkZones.get(stage).get(chunk);
    }

    public boolean isOpen(int stage, int chunk, Instant now) {
        return window.isOpen(zone(stage, chunk), now);
    }

    /** How long a job of the chunk created now may run: until its window closes (at least a second). */
    public long secondsLeft(int stage, int chunk, Instant now) {
        return Math.max(1, Duration.between(now, window.closing(zone(stage, chunk), now)).toSeconds());
    }
}
