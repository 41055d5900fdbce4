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
        return head.toString();
    }

    record Head(String rolloutId, RolloutPlan plan, Instant createdAt, int stages) {
    }

    static Head readHead(String json) {
        JsonNode head = tree(json);
        return new Head(head.get("rolloutId").asText(), PlanReader.read(head.get("plan")),
                Instant.parse(head.get("createdAt").asText()), head.get("stages").asInt());
    }

    static RolloutRecord record(Head head, List<List<String>> stageDevices) {
        List<FrozenStage> stages = new ArrayList<>(stageDevices.size());
        long before = 0;
        for (int i = 0; i < stageDevices.size(); i++) {
            stages.add(FrozenStage.of(i, stageDevices.get(i), head.plan().rate(), before));
            before += stageDevices.get(i).size();
        }
        return new RolloutRecord(head.rolloutId(), head.plan(), stages, head.createdAt());
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
