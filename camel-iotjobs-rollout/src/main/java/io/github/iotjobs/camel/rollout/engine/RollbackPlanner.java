/*
 * Licensed to the Apache Software Foundation (ASF) under one or more contributor license agreements; and to You
 * under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance with the
 * License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.iotjobs.camel.rollout.engine;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.iotjobs.camel.IotJobsOperationFailedException;
import io.github.iotjobs.camel.client.Page;
import io.github.iotjobs.camel.model.DeviceJob;
import io.github.iotjobs.camel.model.DeviceJobStatus;
import io.github.iotjobs.camel.rollout.plan.PlanReader;
import io.github.iotjobs.camel.rollout.plan.RolloutAction;
import io.github.iotjobs.camel.rollout.port.RolloutJobs;
import io.github.iotjobs.camel.rollout.stage.DeviceIdQuery;
import io.github.iotjobs.camel.rollout.stage.FrozenStage;
import io.github.iotjobs.camel.rollout.stage.InversePatch;
import io.github.iotjobs.camel.rollout.stage.RolloutJobIds;
import io.github.iotjobs.camel.rollout.store.RolloutRecord;
import io.github.iotjobs.camel.rollout.store.RolloutStore;

/**
 * The compensating side of a rollout: captures each chunk's previous desired values before its job (twin patch),
 * and, when a rollback starts, finds the devices the rollout changed and plans the jobs that restore them: devices
 * sharing a previous value share a job. Both are stored, so a restarted orchestrator restores the same values.
 */
final class RollbackPlanner {

    private static final String ROLLBACK_JOBS = "rollback-jobs";

    /** One rollback job: the change that undoes the rollout's on these devices. */
    record RollbackJob(RolloutAction action, List<String> devices) {
        String condition() {
            return DeviceIdQuery.condition(devices);
        }
    }

    private final RolloutRecord record;
    private final RolloutStore store;
    private final RolloutJobs jobs;
    private List<RollbackJob> planned;
    /** Captures known to be stored, so a turn does not read the store again to learn it. */
    private final Set<String> captured = new HashSet<>();

    RollbackPlanner(RolloutRecord record, RolloutStore store, RolloutJobs jobs) {
        this.record = record;
        this.store = store;
        this.jobs = jobs;
    }

    /**
     * Stores the previous values of a chunk's devices at the patched paths, once: a chunk whose capture is stored
     * (a create repeated after a crash) keeps the values it had before the first create.
     */
    void capture(int stage, int chunk) throws IotJobsOperationFailedException {
        ObjectNode patch = record.plan().action().twinPatch();
        String name = previousName(stage, chunk);
        if (patch == null || captured.contains(name)) {
            return;
        }
        if (store.document(record.rolloutId(), name).isPresent()) {
            captured.add(name);
            return;
        }
        ObjectNode byDevice = JsonNodeFactory.instance.objectNode();
        jobs.queryTwins(InversePatch.PROJECTION, record.stages().get(stage).chunkDevices(chunk), rows -> {
            for (ObjectNode row : rows) {
                byDevice.set(row.path("deviceId").asText(), InversePatch.of(patch, row));
            }
        });
        store.saveDocument(record.rolloutId(), name, byDevice.toString());
        captured.add(name);
    }

    /**
     * Plans (and stores) the rollback's jobs for the devices whose job completed in the chunks the rollout sent.
     *
     * @param sentChunks  per stage up to the running one, how many of its first chunks may have been sent
     * @param succeeded   per stage, how many devices its jobs' statistics count as succeeded
     * @return the jobs, or null while the hub's {@code devices.jobs} index lags behind the jobs' statistics
     */
    List<RollbackJob> plan(int[] sentChunks, int[] succeeded) throws IotJobsOperationFailedException {
        ObjectNode patch = record.plan().action().twinPatch();
        Map<String, List<String>> byInverse = new LinkedHashMap<>();
        Map<String, JsonNode> inverses = new LinkedHashMap<>();
        for (int stage = 0; stage < sentChunks.length; stage++) {
            int found = 0;
            for (int chunk = 0; chunk < sentChunks[stage]; chunk++) {
                List<String> changed = changedDevices(RolloutJobIds.jobId(record.rolloutId(), stage, chunk));
                found += changed.size();
                // A chunk a maintenance window held back was neither captured nor changed.
                JsonNode previous = patch == null || changed.isEmpty() ? null
                        : readDocument(previousName(stage, chunk));
                for (String device : changed) {
                    JsonNode inverse = patch == null ? null
                            : previous.has(device) ? previous.get(device)
                            : InversePatch.of(patch, JsonNodeFactory.instance.objectNode());
                    String key = inverse == null ? "" : inverse.toString();
                    inverses.putIfAbsent(key, inverse);
                    byInverse.computeIfAbsent(key, k -> new ArrayList<>()).add(device);
                }
            }
            if (found < succeeded[stage]) {
                return null;
            }
        }
        List<RollbackJob> rollbackJobs = new ArrayList<>();
        ArrayNode stored = JsonNodeFactory.instance.arrayNode();
        for (Map.Entry<String, List<String>> group : byInverse.entrySet()) {
            JsonNode inverse = inverses.get(group.getKey());
            RolloutAction action = inverse == null ? RolloutAction.method(record.plan().rollback().method())
                    : RolloutAction.twinPatch((ObjectNode) inverse);
            FrozenStage split = FrozenStage.of(0, group.getValue());
            for (int c = 0; c < split.chunkCount(); c++) {
                RollbackJob job = new RollbackJob(action, List.copyOf(split.chunkDevices(c)));
                rollbackJobs.add(job);
                ObjectNode entry = stored.addObject();
                entry.set("action", PlanReader.JSON.valueToTree(action));
                entry.set("devices", PlanReader.JSON.valueToTree(job.devices()));
            }
        }
        store.saveDocument(record.rolloutId(), ROLLBACK_JOBS, stored.toString());
        planned = rollbackJobs;
        return rollbackJobs;
    }

    /** The rollback's planned jobs, as stored. */
    RollbackJob job(int index) {
        if (planned == null) {
            planned = new ArrayList<>();
            for (JsonNode entry : readDocument(ROLLBACK_JOBS)) {
                JsonNode action = entry.get("action");
                List<String> devices = new ArrayList<>();
                entry.get("devices").forEach(d -> devices.add(d.asText()));
                planned.add(new RollbackJob(action.has("twinPatch")
                        ? RolloutAction.twinPatch((ObjectNode) action.get("twinPatch"))
                        : RolloutAction.method(record.plan().rollback().method()), devices));
            }
        }
        return planned.get(index);
    }

    private List<String> changedDevices(String jobId) throws IotJobsOperationFailedException {
        List<String> changed = new ArrayList<>();
        String continuation = null;
        do {
            Page<DeviceJob> page = jobs.finishedDevices(jobId, continuation);
            for (DeviceJob row : page.items()) {
                if (row.status() == DeviceJobStatus.completed) {
                    changed.add(row.deviceId());
                }
            }
            continuation = page.continuation();
        } while (continuation != null);
        return changed;
    }

    private JsonNode readDocument(String name) {
        String json = store.document(record.rolloutId(), name).orElseThrow(() -> new IllegalStateException(
                "Rollout " + record.rolloutId() + ": document " + name + " is missing from the store"));
        try {
            return PlanReader.JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Rollout " + record.rolloutId() + ": document " + name + " is unreadable",
                    e);
        }
    }

    private static String previousName(int stage, int chunk) {
        return "previous-s" + stage + "-c" + chunk;
    }
}
