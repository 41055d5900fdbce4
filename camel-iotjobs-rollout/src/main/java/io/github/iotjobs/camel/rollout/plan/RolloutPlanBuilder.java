/*
 * Licensed to the Apache Software Foundation (ASF) under one or more contributor license agreements; and to You
 * under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance with the
 * License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.iotjobs.camel.rollout.plan;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Builds a {@link RolloutPlan} in Java; {@link #build()} validates it, naming the field that is wrong. */
public final class RolloutPlanBuilder {

    private RolloutTarget target;
    private RolloutAction action;
    private final List<RolloutStage> stages = new ArrayList<>();
    private Double successThreshold;
    private Double failureThreshold;
    private OnFailure onFailure;
    private Duration stageTimeout;
    private RollbackAction rollback;
    private ConvergeSpec converge;
    private String approval;
    private RolloutRate rate;
    private RetrySpec retries;
    private WindowSpec window;
    private List<PlanTarget> targets;
    private Duration unreachableAfter;

    RolloutPlanBuilder() {
    }

    public RolloutPlanBuilder targetQuery(String condition) {
        target = RolloutTarget.query(condition);
        return this;
    }

    public RolloutPlanBuilder targetDevices(List<String> deviceIds) {
        target = RolloutTarget.devices(deviceIds);
        return this;
    }

    public RolloutPlanBuilder twinPatch(ObjectNode patch) {
        action = RolloutAction.twinPatch(patch);
        return this;
    }

    public RolloutPlanBuilder method(String name, JsonNode payload) {
        return method(new MethodAction(name, payload, null, null));
    }

    public RolloutPlanBuilder method(MethodAction method) {
        action = RolloutAction.method(method);
        return this;
    }

    /** A stage of this many more devices (a canary, typically first). */
    public RolloutPlanBuilder stageDevices(int count) {
        stages.add(RolloutStage.devices(count));
        return this;
    }

    /** A stage that ends when this share (in percent) of the whole target is covered. */
    public RolloutPlanBuilder stagePercent(double percent) {
        stages.add(RolloutStage.percent(percent));
        return this;
    }

    public RolloutPlanBuilder stage(RolloutStage stage) {
        stages.add(stage);
        return this;
    }

    public RolloutPlanBuilder successThreshold(double share) {
        successThreshold = share;
        return this;
    }

    public RolloutPlanBuilder failureThreshold(double share) {
        failureThreshold = share;
        return this;
    }

    public RolloutPlanBuilder onFailure(OnFailure value) {
        onFailure = value;
        return this;
    }

    public RolloutPlanBuilder stageTimeout(Duration value) {
        stageTimeout = value;
        return this;
    }

    /**
     * Keeps what a rollback needs, so that the {@code rollback} operation can undo a twin patch whatever
     * {@code onFailure} is (the section {@code rollback: {}} of a plan in JSON or YAML).
     */
    public RolloutPlanBuilder rollbackable() {
        rollback = new RollbackAction(rollback != null ? rollback.method() : null);
        return this;
    }

    /** The inverse method that undoes a method action on the devices it reached. */
    public RolloutPlanBuilder rollbackMethod(MethodAction method) {
        rollback = new RollbackAction(method);
        return this;
    }

    /** Success on reported state: {@code reported} equal to {@code equals}, or (both null) the patched values. */
    public RolloutPlanBuilder converge(String reported, JsonNode equals, Duration within) {
        converge = new ConvergeSpec(reported, equals, within);
        return this;
    }

    /** {@code manual}, or the URI of a Camel endpoint that decides continue, pause or abort between stages. */
    public RolloutPlanBuilder approval(String value) {
        approval = value;
        return this;
    }

    /** A constant rate: at most this many devices reached per minute. */
    public RolloutPlanBuilder rate(int devicesPerMinute) {
        rate = RolloutRate.constant(devicesPerMinute);
        return this;
    }

    /** A constant or ramping rate ({@code baseRatePerMinute}, {@code incrementFactor}, ...). */
    public RolloutPlanBuilder rate(RolloutRate value) {
        rate = value;
        return this;
    }

    /** Retries each failed device up to {@code count} times, with backoff, within the stage's budget. */
    public RolloutPlanBuilder retries(RetrySpec value) {
        retries = value;
        return this;
    }

    /** Changes each device only inside this window of its local time. */
    public RolloutPlanBuilder window(WindowSpec value) {
        window = value;
        return this;
    }

    /** Several hubs instead of one target: each stage runs on every one of them. */
    public RolloutPlanBuilder targets(List<PlanTarget> value) {
        targets = List.copyOf(value);
        return this;
    }

    public RolloutPlanBuilder unreachableAfter(Duration value) {
        unreachableAfter = value;
        return this;
    }

    public RolloutPlan build() {
        RolloutPlan plan = new RolloutPlan(target, action, List.copyOf(stages), successThreshold, failureThreshold,
                onFailure, stageTimeout, rollback, converge, approval, rate, retries, window,
                targets, unreachableAfter);
        PlanValidator.validate(plan);
        return plan;
    }
}
