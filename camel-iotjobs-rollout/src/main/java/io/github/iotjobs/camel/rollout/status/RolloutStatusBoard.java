/*
 * Licensed to the Apache Software Foundation (ASF) under one or more contributor license agreements; and to You
 * under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance with the
 * License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.iotjobs.camel.rollout.status;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

import io.github.iotjobs.camel.rollout.plan.RolloutPlan;
import io.github.iotjobs.camel.rollout.stage.FrozenStage;
import io.github.iotjobs.camel.rollout.store.ChunkProgress;
import io.github.iotjobs.camel.rollout.store.RolloutDecision;
import io.github.iotjobs.camel.rollout.store.RolloutProgress;
import io.github.iotjobs.camel.rollout.store.RolloutRecord;
import io.github.iotjobs.camel.rollout.store.RolloutStore;
import io.github.iotjobs.camel.rollout.store.StageOutcome;

/**
 * Reads the rollouts of a store as the status page shows them. Everything comes from the store (decisions are
 * stored before their event is emitted), so every node of a cluster shows the same page. The frozen device lists
 * are read once per rollout (only their sizes are kept), and a finished rollout, which no longer changes, once.
 */
public final class RolloutStatusBoard {

    /** The latest decisions shown per rollout. */
    static final int DECISIONS_SHOWN = 20;

    private final Supplier<RolloutStore> store;
    private final int finishedShown;
    /** Per rollout: its action in words and the size of each stage. */
    private final Map<String, Shape> shapes = new HashMap<>();
    /** Finished rollouts: when they finished (all of them), and the summaries of those shown. */
    private final Map<String, Instant> finishedAt = new HashMap<>();
    private final Map<String, RolloutSummary> finished = new HashMap<>();

    /**
     * @param store         the store, looked up on first use (the component starts its orchestrator then)
     * @param finishedShown how many finished rollouts are shown besides the active ones, latest first
     */
    public RolloutStatusBoard(Supplier<RolloutStore> store, int finishedShown) {
        this.store = store;
        this.finishedShown = finishedShown;
    }

    /** The active rollouts, then the latest finished ones; each list latest first. */
    public synchronized List<RolloutSummary> rollouts() {
        RolloutStore rollouts = store.get();
        List<RolloutSummary> active = new ArrayList<>();
        for (String id : rollouts.rolloutIds()) {
            if (finishedAt.containsKey(id)) {
                continue;
            }
            summarize(rollouts, id).ifPresent(summary -> {
                if (summary.status().isFinal()) {
                    finishedAt.put(id, summary.updatedAt());
                    finished.put(id, summary);
                    shapes.remove(id);
                } else {
                    active.add(summary);
                }
            });
        }
        active.sort(Comparator.comparing(RolloutSummary::createdAt).reversed());
        List<RolloutSummary> shown = new ArrayList<>(active);
        List<String> latestFinished = finishedAt.entrySet().stream()
                .sorted(Map.Entry.<String, Instant> comparingByValue().reversed()).limit(finishedShown)
                .map(Map.Entry::getKey).toList();
        finished.keySet().retainAll(latestFinished);
        for (String id : latestFinished) {
            RolloutSummary summary = finished.get(id);
            if (summary == null) {
                summary = summarize(rollouts, id).orElseThrow();
                finished.put(id, summary);
            }
            shown.add(summary);
        }
        return shown;
    }

    private Optional<RolloutSummary> summarize(RolloutStore rollouts, String id) {
        Optional<RolloutProgress> found = rollouts.progress(id);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        RolloutProgress progress = found.get();
        Shape shape = shapes.get(id);
        if (shape == null) {
            Optional<RolloutRecord> record = rollouts.record(id);
            if (record.isEmpty()) {
                return Optional.empty();
            }
            shape = Shape.of(record.get());
            shapes.put(id, shape);
        }
        List<RolloutDecision> decisions = rollouts.decisions(id);
        List<RolloutDecision> latest = decisions.subList(Math.max(0, decisions.size() - DECISIONS_SHOWN),
                decisions.size());
        int stage = Math.max(0, progress.stage());
        return Optional.of(new RolloutSummary(id, progress.status(), progress.reason(), shape.action(), stage,
                shape.targetDevices(), shape.createdAt(), progress.updatedAt(), bars(shape, progress),
                rollbackBar(progress), decisions.size(), List.copyOf(latest)));
    }

    private static List<RolloutSummary.Bar> bars(Shape shape, RolloutProgress progress) {
        Map<Integer, StageOutcome> outcomes = new HashMap<>();
        progress.stages().forEach(outcome -> outcomes.put(outcome.stage(), outcome));
        List<RolloutSummary.Bar> bars = new ArrayList<>();
        for (int i = 0; i < shape.stageSizes().length; i++) {
            StageOutcome outcome = outcomes.get(i);
            int devices = shape.stageSizes()[i];
            if (outcome != null) {
                bars.add(new RolloutSummary.Bar(i, devices, outcome.succeeded(), outcome.failed(), outcome.gate()));
            } else if (i == progress.stage()) {
                bars.add(new RolloutSummary.Bar(i, devices, progress.succeeded(), progress.failed(),
                        progress.gateFailed() ? "failed" : "running"));
            } else {
                Integer waiting = progress.approvalFor();
                bars.add(new RolloutSummary.Bar(i, devices, 0, 0,
                        waiting != null && waiting == i ? "awaitingApproval" : "pending"));
            }
        }
        return bars;
    }

    private static RolloutSummary.Bar rollbackBar(RolloutProgress progress) {
        List<ChunkProgress> jobs = progress.rollbackJobs();
        if (jobs == null) {
            return null;
        }
        boolean over = jobs.stream().allMatch(job -> job.state() == ChunkProgress.State.done);
        return new RolloutSummary.Bar(-1, jobs.stream().mapToInt(ChunkProgress::devices).sum(),
                jobs.stream().mapToInt(ChunkProgress::succeeded).sum(),
                jobs.stream().mapToInt(ChunkProgress::failed).sum(), over ? "done" : "running");
    }

    /** What does not change while a rollout runs. */
    private record Shape(String action, int[] stageSizes, int targetDevices, Instant createdAt) {

        static Shape of(RolloutRecord record) {
            int[] sizes = record.stages().stream().mapToInt(FrozenStage::size).toArray();
            RolloutPlan plan = record.plan();
            String action = plan.action().method() != null ? "method " + plan.action().method().name()
                    : "twin patch";
            return new Shape(action, sizes, Arrays.stream(sizes).sum(), record.createdAt());
        }
    }
}
