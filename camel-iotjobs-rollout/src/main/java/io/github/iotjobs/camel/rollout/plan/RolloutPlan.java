/*
 * Licensed to the Apache Software Foundation (ASF) under one or more contributor license agreements; and to You
 * under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance with the
 * License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.iotjobs.camel.rollout.plan;

import java.time.Duration;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A staged rollout as data: what changes ({@code action}), on which devices ({@code target}), in which steps
 * ({@code stages}) and under which gates. Read one from JSON or YAML with {@link PlanReader}, or build one with
 * {@link #builder()}; {@link PlanValidator} checks it before anything is sent.
 *
 * @param successThreshold share (0..1) of a stage's devices that must succeed before the next stage starts
 * @param failureThreshold share (0..1) of a stage's devices whose failure halts the rollout at once; null: only the
 *                         success gate decides
 * @param onFailure        what a halt does: pause (the default), abort or rollback
 * @param stageTimeout     how long a stage may run before its gate fails; null: no limit
 * @param rollback         that the rollout can be rolled back, and how a method action is undone (the inverse
 *                         method); a twin patch is undone with the previous values captured before each stage, which
 *                         only a plan that can roll back captures
 * @param converge         success measured on reported state within a deadline; null: a device succeeds when its
 *                         job does
 * @param approval         who lets a rollout go on after a passed gate: {@code manual} (the {@code approve}
 *                         operation) or a Camel endpoint URI asked with the stage's summary; null: nobody
 * @param rate             how many devices a minute the rollout reaches (constant or ramping); null: as many as
 *                         the hub's quotas allow
 * @param retries          per-device retries of failed devices, within a budget per stage; null: none
 * @param window           the device-local maintenance window devices are changed in; null: any time
 * @param targets          several hubs instead of {@code target}: each stage runs on every one, one gate judges
 *                         them together, and a failing target halts the rollout on all; null: the single target
 * @param unreachableAfter with {@code targets}: how long a target's hub may keep failing before the rollout halts on
 *                         every target; null: {@link #DEFAULT_UNREACHABLE_AFTER}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RolloutPlan(
        RolloutTarget target,
        RolloutAction action,
        List<RolloutStage> stages,
        Double successThreshold,
        Double failureThreshold,
        OnFailure onFailure,
        Duration stageTimeout,
        RollbackAction rollback,
        ConvergeSpec converge,
        String approval,
        RolloutRate rate,
        RetrySpec retries,
        WindowSpec window,
        List<PlanTarget> targets,
        Duration unreachableAfter) {

    public static final double DEFAULT_SUCCESS_THRESHOLD = 1.0;
    /** How long a target's hub may fail to answer, by default, before a rollout over several halts everywhere. */
    public static final Duration DEFAULT_UNREACHABLE_AFTER = Duration.ofMinutes(5);

    public static RolloutPlanBuilder builder() {
        return new RolloutPlanBuilder();
    }

    public double successThresholdOrDefault() {
        return successThreshold != null ? successThreshold : DEFAULT_SUCCESS_THRESHOLD;
    }

    /** The value of {@code approval} that waits for the {@code approve} operation. */
    public static final String MANUAL_APPROVAL = "manual";

    public boolean manualApproval() {
        return MANUAL_APPROVAL.equals(approval);
    }

    /**
     * Whether the rollout keeps what a rollback needs: {@code onFailure: rollback} or a {@code rollback} section.
     * Only such a plan pays the capture's twin query per chunk, and only it takes the {@code rollback} operation.
     */
    public boolean canRollBack() {
        return rollback != null || onFailure == OnFailure.ROLLBACK;
    }

    public Duration unreachableAfterOrDefault() {
        return unreachableAfter != null ? unreachableAfter : DEFAULT_UNREACHABLE_AFTER;
    }

    public OnFailure onFailureOrDefault() {
        return onFailure != null ? onFailure : OnFailure.PAUSE;
    }

    /** The timeout of stage {@code index}: its own, else the plan's, else null. */
    public Duration timeoutOf(int index) {
        Duration own = stages.get(index).timeout();
        return own != null ? own : stageTimeout;
    }
}
