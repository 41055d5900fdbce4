/*
 * Licensed to the Apache Software Foundation (ASF) under one or more contributor license agreements; and to You
 * under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance with the
 * License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.iotjobs.camel.rollout.plan;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.iotjobs.camel.validation.IotJobsValidationException;
import io.github.iotjobs.camel.validation.QueryConditionSyntax;

/**
 * Refuses a plan the orchestrator or the hub could not carry out, before anything is sent. Each error names its
 * field as a path into the plan ({@code action.method.responseTimeout}, {@code stages[2].percent}).
 */
public final class PlanValidator {

    private static final int MAX_METHOD_PAYLOAD_BYTES = 128 * 1024;
    private static final int MAX_TWIN_DEPTH = 10;
    private static final Duration MIN_RESPONSE_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration MAX_METHOD_TIMEOUT = Duration.ofSeconds(300);
    private static final ObjectMapper JSON = new ObjectMapper();

    private PlanValidator() {
    }

    /** @throws RolloutPlanException naming the first field that is wrong */
    public static void validate(RolloutPlan plan) {
        if (plan.targets() != null) {
            TargetsValidator.validate(plan);
        } else {
            target("target", plan.target());
            if (plan.unreachableAfter() != null) {
                throw new RolloutPlanException("unreachableAfter", "only with targets: a single target's hub is"
                        + " asked again every turn");
            }
        }
        action(plan.action());
        stages(plan.stages());
        share("successThreshold", plan.successThreshold());
        share("failureThreshold", plan.failureThreshold());
        positive("stageTimeout", plan.stageTimeout());
        rollback(plan);
        converge(plan);
        if (plan.approval() != null && plan.approval().isBlank()) {
            throw new RolloutPlanException("approval", "manual, or the URI of a Camel endpoint such as direct:approve");
        }
        RateValidator.validate(plan.rate());
        RetryAndWindowRules.retries(plan);
        RetryAndWindowRules.window(plan.window());
    }

    private static void converge(RolloutPlan plan) {
        ConvergeSpec converge = plan.converge();
        if (converge == null) {
            return;
        }
        if (converge.within() == null) {
            throw new RolloutPlanException("converge.within", "required: how long a device has to report, e.g. PT10M");
        }
        positive("converge.within", converge.within());
        if (converge.reported() == null) {
            if (converge.equals() != null) {
                throw new RolloutPlanException("converge.reported", "required with converge.equals");
            }
            JsonNode desired = plan.action().twinPatch() == null ? null
                    : plan.action().twinPatch().path("properties").get("desired");
            if (desired == null || !desired.isObject() || desired.isEmpty()) {
                throw new RolloutPlanException("converge.reported", "required when the action patches no desired"
                        + " property: the reported path to watch, with converge.equals");
            }
            return;
        }
        if (converge.equals() == null) {
            throw new RolloutPlanException("converge.equals", "required with converge.reported: the value to wait for");
        }
        for (String key : converge.reported().split("\\.", -1)) {
            if (key.isEmpty() || key.contains("$") || key.contains(" ")) {
                throw new RolloutPlanException("converge.reported", "a dotted path of twin keys under"
                        + " properties.reported, such as firmware or fw.version, not " + converge.reported());
            }
        }
    }

    /** A twin patch is undone with its captured previous values; a method needs its inverse declared. */
    private static void rollback(RolloutPlan plan) {
        RollbackAction rollback = plan.rollback();
        if (plan.action().twinPatch() != null) {
            if (rollback != null && rollback.method() != null) {
                throw new RolloutPlanException("rollback.method", "a twin patch is rolled back with the previous"
                        + " values captured before each stage; rollback.method is for method actions");
            }
            return;
        }
        if (rollback == null || rollback.method() == null) {
            if (plan.onFailureOrDefault() == OnFailure.ROLLBACK) {
                throw new RolloutPlanException("rollback.method", "required with onFailure: rollback and a method"
                        + " action: the inverse method, e.g. {name: downgrade}");
            }
            return;
        }
        method("rollback.method", rollback.method());
    }

    static void target(String field, RolloutTarget target) {
        if (target == null) {
            throw new RolloutPlanException(field, "required: {query: <condition>} or {devices: [ids]}");
        }
        if ((target.query() == null) == (target.devices() == null)) {
            throw new RolloutPlanException(field, "set exactly one of query and devices");
        }
        if (target.query() != null) {
            try {
                QueryConditionSyntax.check(field + ".query", target.query());
            } catch (IotJobsValidationException e) {
                throw new RolloutPlanException(field + ".query", e.getMessage());
            }
            return;
        }
        List<String> devices = target.devices();
        if (devices.isEmpty()) {
            throw new RolloutPlanException(field + ".devices", "the list is empty");
        }
        Set<String> seen = new HashSet<>(devices.size() * 2);
        for (int i = 0; i < devices.size(); i++) {
            String problem = DeviceIds.problem(devices.get(i));
            if (problem != null) {
                throw new RolloutPlanException(field + ".devices[" + i + "]", problem);
            }
            if (!seen.add(devices.get(i))) {
                throw new RolloutPlanException(field + ".devices[" + i + "]", "device " + devices.get(i)
                                                                             + " is listed twice");
            }
        }
    }

    private static void action(RolloutAction action) {
        if (action == null) {
            throw new RolloutPlanException("action", "required: {twinPatch: {...}} or {method: {name: ...}}");
        }
        if ((action.twinPatch() == null) == (action.method() == null)) {
            throw new RolloutPlanException("action", "set exactly one of twinPatch and method");
        }
        if (action.twinPatch() != null) {
            twinPatch(action.twinPatch());
        } else {
            method("action.method", action.method());
        }
    }

    private static void twinPatch(ObjectNode patch) {
        if (patch.isEmpty()) {
            throw new RolloutPlanException("action.twinPatch", "the patch is empty");
        }
        for (Iterator<String> names = patch.fieldNames(); names.hasNext();) {
            String name = names.next();
            if (!name.equals("tags") && !name.equals("properties")) {
                throw new RolloutPlanException("action.twinPatch." + name,
                        "a job's twin patch may hold only tags and properties.desired");
            }
        }
        JsonNode properties = patch.get("properties");
        if (properties != null) {
            for (Iterator<String> names = properties.fieldNames(); names.hasNext();) {
                String name = names.next();
                if (!name.equals("desired")) {
                    throw new RolloutPlanException("action.twinPatch.properties." + name,
                            "a job may set only desired properties");
                }
            }
        }
        checkTree("action.twinPatch", patch, 0);
    }

    private static void checkTree(String path, JsonNode node, int depth) {
        if (depth > MAX_TWIN_DEPTH) {
            throw new RolloutPlanException(path, "the twin is nested deeper than " + MAX_TWIN_DEPTH + " levels");
        }
        if (!node.isObject()) {
            return;
        }
        for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext();) {
            Map.Entry<String, JsonNode> field = fields.next();
            String key = field.getKey();
            for (int i = 0; i < key.length(); i++) {
                char c = key.charAt(i);
                if (c == '.' || c == '$' || c == ' ' || Character.isISOControl(c)) {
                    throw new RolloutPlanException(path + "." + key,
                            "twin keys may not contain '.', '$', spaces or control characters");
                }
            }
            checkTree(path + "." + key, field.getValue(), depth + 1);
        }
    }

    private static void method(String field, MethodAction method) {
        if (method.name() == null || method.name().isBlank()) {
            throw new RolloutPlanException(field + ".name", "required");
        }
        if (method.payload() != null) {
            int size;
            try {
                size = JSON.writeValueAsString(method.payload()).getBytes(StandardCharsets.UTF_8).length;
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new RolloutPlanException(field + ".payload", "cannot be written as JSON");
            }
            if (size > MAX_METHOD_PAYLOAD_BYTES) {
                throw new RolloutPlanException(field + ".payload", size + " bytes; a direct method takes at most "
                                                                        + MAX_METHOD_PAYLOAD_BYTES);
            }
        }
        Duration response = method.responseTimeout();
        if (response != null && (response.compareTo(MIN_RESPONSE_TIMEOUT) < 0
                || response.compareTo(MAX_METHOD_TIMEOUT) > 0)) {
            throw new RolloutPlanException(field + ".responseTimeout", "between PT5S and PT5M, not " + response);
        }
        Duration connect = method.connectTimeout();
        if (connect != null && (connect.isNegative() || connect.compareTo(MAX_METHOD_TIMEOUT) > 0)) {
            throw new RolloutPlanException(field + ".connectTimeout", "between PT0S and PT5M, not " + connect);
        }
    }

    private static void stages(List<RolloutStage> stages) {
        if (stages == null || stages.isEmpty()) {
            throw new RolloutPlanException("stages",
                    "at least one stage: e.g. [{devices: 20}, {percent: 10}, {percent: 100}]");
        }
        double lastPercent = 0;
        for (int i = 0; i < stages.size(); i++) {
            RolloutStage stage = stages.get(i);
            String field = "stages[" + i + "]";
            if (stage == null || (stage.devices() == null) == (stage.percent() == null)) {
                throw new RolloutPlanException(field, "set exactly one of devices and percent");
            }
            if (stage.devices() != null && stage.devices() < 1) {
                throw new RolloutPlanException(field + ".devices", "at least 1, not " + stage.devices());
            }
            if (stage.percent() != null) {
                double percent = stage.percent();
                if (!(percent > 0 && percent <= 100)) {
                    throw new RolloutPlanException(field + ".percent", "above 0 and at most 100, not " + percent);
                }
                if (percent <= lastPercent) {
                    throw new RolloutPlanException(field + ".percent", "percent counts the whole target so far, so it"
                            + " must grow from stage to stage: " + percent + " follows " + lastPercent);
                }
                lastPercent = percent;
            }
            positive(field + ".timeout", stage.timeout());
        }
        RolloutStage last = stages.get(stages.size() - 1);
        if (last.percent() == null || last.percent() != 100) {
            throw new RolloutPlanException("stages[" + (stages.size() - 1) + "]",
                    "the last stage must be percent: 100, so the stages cover the whole target");
        }
    }

    private static void share(String field, Double value) {
        if (value != null && !(value >= 0 && value <= 1)) {
            throw new RolloutPlanException(field, "a share between 0 and 1 (or a percentage such as \"95%\"), not "
                                                  + value);
        }
    }

    static void positive(String field, Duration value) {
        if (value != null && (value.isZero() || value.isNegative())) {
            throw new RolloutPlanException(field, "a positive ISO-8601 duration such as PT30M, not " + value);
        }
    }
}
