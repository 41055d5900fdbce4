/*
 * Licensed to the Apache Software Foundation (ASF) under one or more contributor license agreements; and to You
 * under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance with the
 * License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.iotjobs.camel.rollout.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.iotjobs.camel.rollout.plan.PlanReader;
import io.github.iotjobs.camel.rollout.plan.PlanTarget;
import io.github.iotjobs.camel.rollout.plan.RolloutPlan;
import io.github.iotjobs.camel.rollout.stage.FrozenStage;

/** The JSON both stores write: the rollout's head (id, plan, creation), its progress and its decisions. */
final class StoredJson {

    private StoredJson() {
    }

    static String head(RolloutRecord record) {
        ObjectNode head = PlanReader.JSON.createObjectNode();
        head.put("rolloutId", record.rolloutId());
        head.set("plan", PlanReader.toTree(record.plan()));
        head.put("createdAt", record.createdAt().toString());
        head.put("stages", record.stages().size());
        if (record.plan().targets() != null) {
            // Where each target's devices end in each stage's list: the stage files hold them one after the other.
            head.set("targetEnds", PlanReader.JSON.valueToTree(record.stages().stream().map(FrozenStage::targetEnds)
                    .toList()));
        }
        return head.toString();
    }

    /** @param targetEnds per stage, where each target's devices end; null for a single target */
    record Head(String rolloutId, RolloutPlan plan, Instant createdAt, int stages, List<List<Integer>> targetEnds) {
    }

    static Head readHead(String json) {
        JsonNode head = tree(json);
        List<List<Integer>> targetEnds = null;
        if (head.hasNonNull("targetEnds")) {
            targetEnds = new ArrayList<>();
            for (JsonNode stage : head.get("targetEnds")) {
                List<Integer> ends = new ArrayList<>();
                stage.forEach(end -> ends.add(end.asInt()));
                targetEnds.add(ends);
            }
        }
        return new Head(head.get("rolloutId").asText(), PlanReader.read(head.get("plan")),
                Instant.parse(head.get("createdAt").asText()), head.get("stages").asInt(), targetEnds);
    }

    static RolloutRecord record(Head head, List<List<String>> stageDevices) {
        List<FrozenStage> stages = new ArrayList<>(stageDevices.size());
        long before = 0;
        for (int i = 0; i < stageDevices.size(); i++) {
            stages.add(head.targetEnds() == null ? FrozenStage.of(i, stageDevices.get(i), head.plan().rate(), before)
                    : FrozenStage.ofTargets(i, head.plan().targets().stream().map(PlanTarget::name).toList(),
                            split(stageDevices.get(i), head.targetEnds().get(i))));
            before += stageDevices.get(i).size();
        }
        return new RolloutRecord(head.rolloutId(), head.plan(), stages, head.createdAt());
    }

    private static List<List<String>> split(List<String> devices, List<Integer> ends) {
        List<List<String>> parts = new ArrayList<>(ends.size());
        int from = 0;
        for (int end : ends) {
            parts.add(devices.subList(from, end));
            from = end;
        }
        return parts;
    }

    static String write(Object value) {
        try {
            return PlanReader.JSON.writeValueAsString(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static <T> T read(String json, Class<T> type) {
        try {
            return PlanReader.JSON.readValue(json, type);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonNode tree(String json) {
        try {
            return PlanReader.JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
