/*
 * Licensed to the Apache Software Foundation (ASF) under one or more contributor license agreements; and to You
 * under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance with the
 * License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.iotjobs.camel.rollout;

import java.util.Map;
import java.util.TreeSet;

import io.github.iotjobs.camel.rollout.engine.RolloutOrchestrator;
import io.github.iotjobs.camel.rollout.store.ChunkProgress;
import io.github.iotjobs.camel.rollout.store.RolloutProgress;
import io.github.iotjobs.camel.rollout.store.RolloutRecord;
import org.apache.camel.spi.annotations.DevConsole;
import org.apache.camel.support.console.AbstractDevConsole;
import org.apache.camel.util.URISupport;
import org.apache.camel.util.json.JsonArray;
import org.apache.camel.util.json.JsonObject;

/**
 * The {@code iotrollout} dev console: each rollout component's hub, and the unfinished rollouts its orchestrator
 * follows with their stage, counts and jobs, and whether this node leads them. Reads the store; it sends no request
 * and starts nothing (a component whose orchestrator has not started shows no rollouts).
 */
@DevConsole(name = "iotrollout", displayName = "IoT Rollouts", description = "Active staged rollouts")
public class IotRolloutDevConsole extends AbstractDevConsole {

    public IotRolloutDevConsole() {
        super("camel", "iotrollout", "IoT Rollouts", "Active staged rollouts");
    }

    @Override
    protected Map<String, Object> doCallJson(Map<String, Object> options) {
        JsonObject root = new JsonObject();
        root.put("components", components());
        return root;
    }

    @Override
    protected String doCallText(Map<String, Object> options) {
        StringBuilder text = new StringBuilder();
        for (Object each : components()) {
            JsonObject component = (JsonObject) each;
            text.append(String.format("Component: %s (jobs endpoint %s, orchestrator %s)%n", component.get("name"),
                    component.get("jobsEndpoint"), component.get("orchestrator")));
            for (Object rollout : (JsonArray) component.get("rollouts")) {
                JsonObject r = (JsonObject) rollout;
                text.append(String.format("    Rollout %s: %s, stage %s of %s, %s of %s devices succeeded, %s failed,"
                                          + " %s jobs running%s%s%n", r.get("rolloutId"), r.get("status"),
                        (int) r.get("stage") + 1, r.get("stageCount"), r.get("succeeded"), r.get("stageDevices"),
                        r.get("failed"), r.get("runningJobs"), Boolean.TRUE.equals(r.get("leadsHere")) ? "" : " (led elsewhere)",
                        r.get("reason") != null ? "; " + r.get("reason") : ""));
            }
        }
        return text.toString();
    }

    private JsonArray components() {
        JsonArray components = new JsonArray();
        for (String name : new TreeSet<>(getCamelContext().getComponentNames())) {
            if (getCamelContext().hasComponent(name) instanceof IotRolloutComponent component) {
                RolloutOrchestrator orchestrator = component.runningOrchestrator();
                JsonObject json = new JsonObject();
                json.put("name", name);
                json.put("jobsEndpoint", URISupport.sanitizeUri(component.getJobsEndpoint()));
                json.put("orchestrator", orchestrator != null ? "running" : "not started");
                json.put("rollouts", orchestrator != null ? rollouts(orchestrator) : new JsonArray());
                components.add(json);
            }
        }
        return components;
    }

    private static JsonArray rollouts(RolloutOrchestrator orchestrator) {
        JsonArray rollouts = new JsonArray();
        for (String id : new TreeSet<>(orchestrator.trackedRollouts())) {
            RolloutRecord record = orchestrator.store().record(id).orElse(null);
            RolloutProgress progress = orchestrator.store().progress(id).orElse(null);
            if (record == null || progress == null) {
                continue;
            }
            int stage = Math.max(0, progress.stage());
            JsonObject json = new JsonObject();
            json.put("rolloutId", id);
            json.put("status", progress.status().wire());
            json.put("reason", progress.reason());
            json.put("stage", stage);
            json.put("stageCount", record.stages().size());
            json.put("stageDevices", record.stages().get(stage).size());
            json.put("succeeded", progress.succeeded());
            json.put("failed", progress.failed());
            json.put("runningJobs", progress.chunks().stream()
                    .filter(chunk -> chunk.state() == ChunkProgress.State.running).count());
            json.put("leadsHere", orchestrator.isActiveHere(id));
            json.put("updatedAt", String.valueOf(progress.updatedAt()));
            rollouts.add(json);
        }
        return rollouts;
    }
}
