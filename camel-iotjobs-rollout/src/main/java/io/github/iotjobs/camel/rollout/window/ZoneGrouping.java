/*
 * Licensed to the Apache Software Foundation (ASF) under one or more contributor license agreements; and to You
 * under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance with the
 * License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.iotjobs.camel.rollout.window;

import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.iotjobs.camel.IotJobsOperationFailedException;
import io.github.iotjobs.camel.rollout.plan.RolloutPlanException;
import io.github.iotjobs.camel.rollout.plan.WindowSpec;
import io.github.iotjobs.camel.rollout.port.RolloutJobs;
import io.github.iotjobs.camel.rollout.stage.FrozenStage;
import io.github.iotjobs.camel.rollout.store.ZoneSegment;

/**
 * Groups each frozen stage's devices by their time zone when the target is resolved ({@code start}, {@code preview}):
 * the zone tag of every device is read with twin queries (as many as the query-length limit needs), each stage's
 * devices are reordered zone by zone, and each zone group is chunked on its own, so one hub job never mixes zones.
 */
public final class ZoneGrouping {

    private static final int NAMED_IN_ERROR = 5;

    private ZoneGrouping() {
    }

    /** The stages regrouped by zone, and their segments (what the progress stores). */
    public record Zoned(List<FrozenStage> stages, List<List<ZoneSegment>> segments) {
    }

    /**
     * @throws RolloutPlanException naming {@code window.zoneTag} when devices have no valid zone and the plan has no
     *                              {@code window.defaultZone}
     */
    public static Zoned group(WindowSpec window, List<FrozenStage> stages, RolloutJobs jobs)
            throws IotJobsOperationFailedException {
        Map<String, ZoneId> zones = readZones(window, stages, jobs);
        List<FrozenStage> grouped = new ArrayList<>(stages.size());
        List<List<ZoneSegment>> segments = new ArrayList<>(stages.size());
        for (FrozenStage stage : stages) {
            // Zones in name order, devices in their stage order within a zone: the same target, the same grouping.
            Map<String, List<String>> byZone = new TreeMap<>();
            for (String id : stage.deviceIds()) {
                byZone.computeIfAbsent(zones.get(id).getId(), z -> new ArrayList<>()).add(id);
            }
            List<String> ordered = new ArrayList<>(stage.size());
            List<ZoneSegment> stageSegments = new ArrayList<>(byZone.size());
            byZone.forEach((zone, ids) -> {
                ordered.addAll(ids);
                stageSegments.add(new ZoneSegment(zone, ids.size()));
            });
            grouped.add(ZoneChunks.stage(stage.index(), ordered, stageSegments).stage());
            segments.add(stageSegments);
        }
        return new Zoned(grouped, segments);
    }

    private static Map<String, ZoneId> readZones(WindowSpec window, List<FrozenStage> stages, RolloutJobs jobs)
            throws IotJobsOperationFailedException {
        String tag = window.zoneTagOrDefault();
        String column = tag.substring(tag.lastIndexOf('.') + 1);
        List<String> all = new ArrayList<>();
        stages.forEach(s -> all.addAll(s.deviceIds()));
        Map<String, ZoneId> zones = new HashMap<>(all.size() * 2);
        jobs.queryTwins(tag, all, rows -> rows.forEach(row -> {
            ZoneId zone = zone(row.get(column));
            if (zone != null) {
                zones.put(row.path("deviceId").asText(), zone);
            }
        }));
        ZoneId fallback = window.defaultZoneId();
        List<String> missing = new ArrayList<>();
        for (String id : all) {
            if (!zones.containsKey(id)) {
                if (fallback == null) {
                    missing.add(id);
                } else {
                    zones.put(id, fallback);
                }
            }
        }
        if (!missing.isEmpty()) {
            String named = String.join(", ", missing.subList(0, Math.min(NAMED_IN_ERROR, missing.size())));
            throw new RolloutPlanException("window.zoneTag", missing.size() + " devices have no valid time zone in "
                    + tag + " (" + named + (missing.size() > NAMED_IN_ERROR ? ", ..." : "") + "): tag them with an"
                    + " IANA zone such as Europe/Berlin, or set window.defaultZone");
        }
        return zones;
    }

    private static ZoneId zone(JsonNode value) {
        if (value == null || !value.isTextual()) {
            return null;
        }
        try {
            return ZoneId.of(value.asText().trim());
        } catch (DateTimeException e) {
            return null;
        }
    }
}
