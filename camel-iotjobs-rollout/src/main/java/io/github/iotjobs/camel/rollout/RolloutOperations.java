/*
 * Licensed to the Apache Software Foundation (ASF) under one or more contributor license agreements; and to You
 * under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance with the
 * License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.iotjobs.camel.rollout;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;

import io.github.iotjobs.camel.IotJobsOperationFailedException;
import io.github.iotjobs.camel.rollout.engine.RolloutOrchestrator;
import io.github.iotjobs.camel.rollout.engine.RolloutRun;
import io.github.iotjobs.camel.rollout.plan.PlanReader;
import io.github.iotjobs.camel.rollout.plan.RolloutPlan;
import io.github.iotjobs.camel.rollout.plan.RolloutPlanException;
import io.github.iotjobs.camel.rollout.port.TargetHubs;
import io.github.iotjobs.camel.rollout.port.TargetRoutedJobs;
import io.github.iotjobs.camel.rollout.stage.FrozenStage;
import io.github.iotjobs.camel.rollout.stage.HubTier;
import io.github.iotjobs.camel.rollout.stage.RolloutJobIds;
import io.github.iotjobs.camel.rollout.stage.RolloutPreview;
import io.github.iotjobs.camel.rollout.stage.StageResolver;
import io.github.iotjobs.camel.rollout.stage.TargetPreviews;
import io.github.iotjobs.camel.rollout.stage.TargetStages;
import io.github.iotjobs.camel.rollout.store.RolloutCommand;
import io.github.iotjobs.camel.rollout.store.RolloutProgress;
import io.github.iotjobs.camel.rollout.store.RolloutRecord;
import io.github.iotjobs.camel.rollout.store.RolloutStore;
import io.github.iotjobs.camel.rollout.window.WindowPreview;
import io.github.iotjobs.camel.rollout.window.ZoneGrouping;

/** The producer's operations; input is checked on the caller's thread, the work runs on the executor. */
final class RolloutOperations {

    private final RolloutOrchestrator orchestrator;
    private final RolloutStore store;
    private final HubTier tier;
    private final int units;

    RolloutOperations(RolloutOrchestrator orchestrator, HubTier tier, int units) {
        this.orchestrator = orchestrator;
        this.store = orchestrator.store();
        this.tier = tier;
        this.units = units;
    }

    CompletableFuture<Object> run(IotRolloutOperations operation, String rolloutId, Object body, Executor executor) {
        switch (operation) {
            case preview -> {
                String id = requireId(rolloutId);
                RolloutPlan plan = PlanReader.read(body);
                return CompletableFuture.supplyAsync(() -> preview(id, plan), executor);
            }
            case start -> {
                String id = requireId(rolloutId);
                RolloutPlan plan = PlanReader.read(body);
                return CompletableFuture.supplyAsync(() -> start(id, plan), executor)
                        .thenCompose(started -> started ? orchestrator.launch(store.record(id).orElseThrow(),
                                store.progress(id).orElseThrow()) : CompletableFuture.completedFuture(null))
                        .thenApply(done -> view(id, false));
            }
            case pause, resume, abort, rollback -> {
                String id = requireExisting(rolloutId);
                if (operation == IotRolloutOperations.rollback && !store.record(id).orElseThrow().plan().canRollBack()) {
                    throw new RolloutPlanException("rollback", "rollout " + id + " kept no previous values to roll"
                            + " back to: its plan needs onFailure: rollback or a rollback section (rollback: {})");
                }
                store.requestCommand(id, RolloutCommand.valueOf(operation.name()));
                return orchestrator.nudge(id).thenApply(done -> view(id, false));
            }
            case approve -> {
                String id = requireExisting(rolloutId);
                if (store.progress(id).orElseThrow().approvalFor() == null) {
                    throw new RolloutPlanException("rolloutId", "rollout " + id + " awaits no approval");
                }
                String remark = body == null ? "" : body.toString();
                store.saveDocument(id, RolloutRun.APPROVAL_REMARK, remark);
                store.requestCommand(id, RolloutCommand.approve);
                return orchestrator.nudge(id).thenApply(done -> view(id, false));
            }
            case get -> {
                String id = requireExisting(rolloutId);
                return CompletableFuture.supplyAsync(() -> view(id, true), executor);
            }
            case list -> {
                return CompletableFuture.supplyAsync(this::list, executor);
            }
            default -> throw new IllegalArgumentException("Unsupported operation " + operation);
        }
    }

    private RolloutPreview preview(String rolloutId, RolloutPlan plan) {
        if (plan.targets() != null) {
            List<TargetRoutedJobs.Target> hubs = orchestrator.targets().open(plan);
            return TargetPreviews.of(rolloutId, plan, hubs.stream()
                    .map(hub -> new TargetPreviews.Hub(hub.tier(), hub.units())).toList(),
                    TargetStages.resolve(plan, TargetHubs.resolve(plan, hubs)));
        }
        List<FrozenStage> stages = StageResolver.resolve(plan, resolveTarget(plan));
        ZoneGrouping.Zoned zoned = groupByZone(plan, stages);
        RolloutPreview preview = RolloutPreview.of(rolloutId, tier, units, plan.target().query() != null,
                zoned != null ? zoned.stages() : stages, plan.rate());
        return zoned == null ? preview : WindowPreview.withWindows(preview, plan.window(), zoned.segments(),
                orchestrator.clock().instant());
    }

    /** With a maintenance window, the stages regrouped by their devices' time zones; null without. */
    private ZoneGrouping.Zoned groupByZone(RolloutPlan plan, List<FrozenStage> stages) {
        if (plan.window() == null) {
            return null;
        }
        try {
            return ZoneGrouping.group(plan.window(), stages, orchestrator.jobs());
        } catch (IotJobsOperationFailedException e) {
            throw new CompletionException(e);
        }
    }

    /** Stores the rollout; false if it exists already with the same plan (a repeated start is a no-op). */
    private boolean start(String rolloutId, RolloutPlan plan) {
        Optional<RolloutRecord> existing = store.record(rolloutId);
        if (existing.isPresent()) {
            return samePlanOrFail(existing.get(), plan);
        }
        List<FrozenStage> stages = plan.targets() == null ? StageResolver.resolve(plan, resolveTarget(plan))
                : TargetStages.resolve(plan, TargetHubs.resolve(plan, orchestrator.targets().open(plan)));
        ZoneGrouping.Zoned zoned = groupByZone(plan, stages);
        RolloutRecord record = new RolloutRecord(rolloutId, plan, zoned != null ? zoned.stages() : stages,
                orchestrator.clock().instant());
        RolloutProgress progress = RolloutRun.initialProgress(record, record.createdAt());
        if (zoned != null) {
            progress.zoneSegments(zoned.segments());
        }
        if (store.create(record, progress)) {
            return true;
        }
        return samePlanOrFail(store.record(rolloutId).orElseThrow(), plan);
    }

    private static boolean samePlanOrFail(RolloutRecord existing, RolloutPlan plan) {
        if (!PlanReader.toTree(existing.plan()).equals(PlanReader.toTree(plan))) {
            throw new RolloutPlanException("rolloutId", "rollout " + existing.rolloutId()
                                                        + " exists already with another plan");
        }
        return false;
    }

    private List<String> resolveTarget(RolloutPlan plan) {
        if (plan.target().devices() != null) {
            return plan.target().devices();
        }
        List<String> devices = new ArrayList<>();
        try {
            orchestrator.jobs().queryDevices(plan.target().query(), devices::addAll);
        } catch (IotJobsOperationFailedException e) {
            throw new CompletionException(e);
        }
        return devices;
    }

    private RolloutView view(String rolloutId, boolean withDecisions) {
        RolloutRecord record = store.record(rolloutId).orElseThrow();
        RolloutProgress progress = store.progress(rolloutId).orElseThrow();
        return RolloutView.of(record, progress, withDecisions ? store.decisions(rolloutId) : null);
    }

    private List<RolloutView> list() {
        List<RolloutView> views = new ArrayList<>();
        for (String id : store.rolloutIds()) {
            views.add(view(id, false));
        }
        return views;
    }

    private static String requireId(String rolloutId) {
        if (rolloutId == null || rolloutId.isBlank()) {
            throw new RolloutPlanException("rolloutId", "required: iotrollout:<rolloutId> or header "
                                                        + IotRolloutConstants.ROLLOUT_ID);
        }
        if (!RolloutJobIds.ROLLOUT_ID.matcher(rolloutId).matches()) {
            throw new RolloutPlanException("rolloutId", "letters, digits, '.', '_' and '-', at most 128 characters,"
                                                        + " starting with a letter or digit");
        }
        return rolloutId;
    }

    private String requireExisting(String rolloutId) {
        String id = requireId(rolloutId);
        if (store.progress(id).isEmpty()) {
            throw new RolloutPlanException("rolloutId", "no rollout " + id + " in the store");
        }
        return id;
    }
}
