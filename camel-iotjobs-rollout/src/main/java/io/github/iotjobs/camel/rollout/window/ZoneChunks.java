/*
 * Licensed to the Apache Software Foundation (ASF) under one or more contributor license agreements; and to You
 * under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance with the
 * License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.iotjobs.camel.rollout.window;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import io.github.iotjobs.camel.rollout.stage.DeviceIdQuery;
import io.github.iotjobs.camel.rollout.stage.FrozenStage;
import io.github.iotjobs.camel.rollout.store.ZoneSegment;

/** A stage whose devices are stored zone by zone, chunked zone by zone: each chunk's job targets one zone. */
record ZoneChunks(FrozenStage stage, List<ZoneId> chunkZones) {

    static ZoneChunks stage(int index, List<String> deviceIds, List<ZoneSegment> segments) {
        List<Integer> ends = new ArrayList<>();
        List<ZoneId> zones = new ArrayList<>();
        int from = 0;
        for (ZoneSegment segment : segments) {
            int to = from + segment.devices();
            ZoneId zone = ZoneId.of(segment.zone());
            for (int end : DeviceIdQuery.chunkEnds(deviceIds.subList(from, to))) {
                ends.add(from + end);
                zones.add(zone);
            }
            from = to;
        }
        if (from != deviceIds.size()) {
            throw new IllegalStateException("Stage " + index + ": zone groups hold " + from + " devices, the stage "
                    + deviceIds.size());
        }
        return new ZoneChunks(new FrozenStage(index, Collections.unmodifiableList(deviceIds), List.copyOf(ends), null, null),
                zones);
    }
}
