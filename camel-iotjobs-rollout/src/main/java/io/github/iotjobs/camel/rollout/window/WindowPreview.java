/*
 * Licensed to the Apache Software Foundation (ASF) under one or more contributor license agreements; and to You
 * under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance with the
 * License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.iotjobs.camel.rollout.window;

import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

import io.github.iotjobs.camel.rollout.plan.WindowSpec;
import io.github.iotjobs.camel.rollout.stage.RolloutPreview;
import io.github.iotjobs.camel.rollout.stage.RolloutPreview.StagePreview;
import io.github.iotjobs.camel.rollout.stage.RolloutPreview.ZoneStart;
import io.github.iotjobs.camel.rollout.store.ZoneSegment;

/**
 * When each stage's zone groups can run: a stage starts when the one before it is over (gates passing at once), each
 * zone group at its window's next opening from then, and the stage is over its estimated duration after its
 * latest group started.
 */
public final class WindowPreview {

    private WindowPreview() {
    }

    public static RolloutPreview withWindows(RolloutPreview preview, WindowSpec spec, List<List<ZoneSegment>> segments,
            Instant now) {
        LocalWindow window = LocalWindow.of(spec);
        List<StagePreview> stages = new ArrayList<>(preview.stages().size());
        Instant stageStart = now;
        for (StagePreview stage : preview.stages()) {
            List<ZoneStart> zones = new ArrayList<>();
            Instant latest = stageStart;
            for (ZoneSegment segment : segments.get(stage.stage())) {
                ZoneId zone = ZoneId.of(segment.zone());
                Instant earliest = window.nextOpening(zone, stageStart);
                zones.add(new ZoneStart(segment.zone(), segment.devices(), earliest,
                        window.closing(zone, earliest)));
                latest = earliest.isAfter(latest) ? earliest : latest;
            }
            stages.add(stage.withZones(zones));
            stageStart = latest.plus(stage.estimatedDuration());
        }
        return preview.withStages(stages);
    }
}
