/*
 * Licensed to the Apache Software Foundation (ASF) under one or more contributor license agreements; and to You
 * under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance with the
 * License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.iotjobs.camel.rollout.plan;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/**
 * Reads a plan from what a route carries: a {@link RolloutPlan}, a JSON or YAML string, a {@code Map} or a
 * {@link JsonNode}. Unknown fields and values of the wrong type are refused naming their field; the result is
 * validated by {@link PlanValidator}.
 */
public final class PlanReader {

    /** The mapper plans are stored and shown with: durations as ISO-8601 text. */
    public static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS)
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    private static final ObjectMapper YAML = new YAMLMapper();

    private static final Set<String> PLAN_FIELDS = Set.of("target", "action", "stages", "successThreshold",
            "failureThreshold", "onFailure", "stageTimeout", "rollback", "converge", "approval", "rate", "retries",
            "window", "targets", "unreachableAfter");

    private PlanReader() {
    }

    /** @throws RolloutPlanException naming the field that is wrong */
    public static RolloutPlan read(Object body) {
        if (body instanceof RolloutPlan plan) {
            PlanValidator.validate(plan);
            return plan;
        }
        RolloutPlan plan = fromTree(tree(body));
        PlanValidator.validate(plan);
        return plan;
    }

    /** The plan as JSON, the shape {@link #read} accepts. */
    public static JsonNode toTree(RolloutPlan plan) {
        return JSON.valueToTree(plan);
    }

    private static JsonNode tree(Object body) {
        if (body == null) {
            throw new RolloutPlanException("body", "a rollout plan is required (JSON or YAML text, a Map, a"
                                                   + " RolloutPlan)");
        }
        if (body instanceof JsonNode node) {
            return node;
        }
        if (body instanceof Map<?, ?> map) {
            return JSON.valueToTree(map);
        }
        if (body instanceof CharSequence text) {
            String s = text.toString().trim();
            try {
                // JSON is YAML too, but the JSON parser's error messages are the clearer for JSON text.
                return s.startsWith("{") ? JSON.readTree(s) : YAML.readTree(s);
            } catch (JsonProcessingException e) {
                throw new RolloutPlanException("body", "not a readable JSON or YAML plan: "
                                                       + e.getOriginalMessage());
            }
        }
        throw new RolloutPlanException("body", "cannot read a plan from " + body.getClass().getName());
    }

    private static RolloutPlan fromTree(JsonNode root) {
        ObjectNode plan = object("plan", root);
        knownFields("", plan, PLAN_FIELDS);
        return new RolloutPlan(target(plan.get("target")), action(plan.get("action")), stages(plan.get("stages")),
                share("successThreshold", plan.get("successThreshold")),
                share("failureThreshold", plan.get("failureThreshold")),
                onFailure(plan.get("onFailure")), duration("stageTimeout", plan.get("stageTimeout")),
                rollback(plan.get("rollback")), converge(plan.get("converge")),
                text("approval", plan.get("approval")), rate(plan.get("rate")),
                retries(plan.get("retries")), window(plan.get("window")), TargetsReader.targets(plan.get("targets")),
                duration("unreachableAfter", plan.get("unreachableAfter")));
    }

    private static RolloutRate rate(JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        ObjectNode rate = object("rate", node);
        knownFields("rate.", rate, Set.of("devicesPerMinute", "baseRatePerMinute", "incrementFactor",
                "rateIncreaseCriteria", "maximumPerMinute"));
        RolloutRate.RateIncrease increase = null;
        JsonNode criteria = rate.get("rateIncreaseCriteria");
        if (criteria != null && !criteria.isNull()) {
            ObjectNode c = object("rate.rateIncreaseCriteria", criteria);
            knownFields("rate.rateIncreaseCriteria.", c, Set.of("numberOfNotifiedDevices",
                    "numberOfSucceededDevices"));
            increase = new RolloutRate.RateIncrease(
                    wholeNumber("rate.rateIncreaseCriteria.numberOfNotifiedDevices", c.get("numberOfNotifiedDevices")),
                    wholeNumber("rate.rateIncreaseCriteria.numberOfSucceededDevices",
                            c.get("numberOfSucceededDevices")));
        }
        return new RolloutRate(wholeNumber("rate.devicesPerMinute", rate.get("devicesPerMinute")),
                wholeNumber("rate.baseRatePerMinute", rate.get("baseRatePerMinute")),
                number("rate.incrementFactor", rate.get("incrementFactor"), 1, "a factor such as 2 or 1.5"),
                increase, wholeNumber("rate.maximumPerMinute", rate.get("maximumPerMinute")));
    }

    private static Integer wholeNumber(String field, JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isIntegralNumber() || !node.canConvertToInt()) {
            throw new RolloutPlanException(field, "a whole number of devices, not " + node);
        }
        return node.intValue();
    }

    private static RetrySpec retries(JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        ObjectNode retries = object("retries", node);
        knownFields("retries.", retries, Set.of("count", "backoff", "multiplier", "budget"));
        Integer count = null;
        JsonNode n = retries.get("count");
        if (n != null && !n.isNull()) {
            if (!n.isIntegralNumber() || !n.canConvertToInt()) {
                throw new RolloutPlanException("retries.count", "a whole number of retries, not " + n);
            }
            count = n.intValue();
        }
        Double multiplier = number("retries.multiplier", retries.get("multiplier"), Double.NaN,
                "a number such as 2");
        JsonNode budget = retries.get("budget");
        if (budget != null && !budget.isNull() && !budget.isTextual() && !budget.isIntegralNumber()) {
            throw new RolloutPlanException("retries.budget", "a whole number of devices or a share such as \"10%\","
                    + " not " + budget);
        }
        return new RetrySpec(count, duration("retries.backoff", retries.get("backoff")), multiplier,
                budget == null || budget.isNull() ? null : budget.asText());
    }

    private static WindowSpec window(JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        ObjectNode window = object("window", node);
        knownFields("window.", window, Set.of("start", "end", "zoneTag", "defaultZone"));
        return new WindowSpec(text("window.start", window.get("start")), text("window.end", window.get("end")),
                text("window.zoneTag", window.get("zoneTag")), text("window.defaultZone", window.get("defaultZone")));
    }

    private static RolloutTarget target(JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (node.isTextual()) {
            return RolloutTarget.query(node.asText());
        }
        ObjectNode target = object("target", node);
        knownFields("target.", target, Set.of("query", "devices"));
        return new RolloutTarget(text("target.query", target.get("query")),
                deviceList("target.devices", target.get("devices")));
    }

    static List<String> deviceList(String field, JsonNode list) {
        if (list == null || list.isNull()) {
            return null;
        }
        if (!list.isArray()) {
            throw new RolloutPlanException(field, "a list of device ids");
        }
        List<String> devices = new ArrayList<>(list.size());
        for (int i = 0; i < list.size(); i++) {
            devices.add(text(field + "[" + i + "]", list.get(i)));
        }
        return devices;
    }

    private static RolloutAction action(JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        ObjectNode action = object("action", node);
        knownFields("action.", action, Set.of("twinPatch", "method"));
        ObjectNode patch = action.hasNonNull("twinPatch") ? object("action.twinPatch", action.get("twinPatch")) : null;
        MethodAction method = action.hasNonNull("method") ? method("action.method", action.get("method")) : null;
        return new RolloutAction(patch, method);
    }

    private static RollbackAction rollback(JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        ObjectNode rollback = object("rollback", node);
        knownFields("rollback.", rollback, Set.of("method"));
        return new RollbackAction(rollback.hasNonNull("method") ? method("rollback.method", rollback.get("method"))
                : null);
    }

    private static ConvergeSpec converge(JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        ObjectNode converge = object("converge", node);
        knownFields("converge.", converge, Set.of("reported", "equals", "within"));
        return new ConvergeSpec(text("converge.reported", converge.get("reported")), converge.get("equals"),
                duration("converge.within", converge.get("within")));
    }

    private static MethodAction method(String field, JsonNode node) {
        ObjectNode m = object(field, node);
        knownFields(field + ".", m, Set.of("name", "payload", "responseTimeout", "connectTimeout"));
        return new MethodAction(text(field + ".name", m.get("name")), m.get("payload"),
                duration(field + ".responseTimeout", m.get("responseTimeout")),
                duration(field + ".connectTimeout", m.get("connectTimeout")));
    }

    private static List<RolloutStage> stages(JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isArray()) {
            throw new RolloutPlanException("stages", "a list of stages such as [{devices: 20}, {percent: 100}]");
        }
        List<RolloutStage> stages = new ArrayList<>(node.size());
        for (int i = 0; i < node.size(); i++) {
            String field = "stages[" + i + "]";
            ObjectNode stage = object(field, node.get(i));
            knownFields(field + ".", stage, Set.of("devices", "percent", "timeout"));
            Integer devices = null;
            JsonNode count = stage.get("devices");
            if (count != null && !count.isNull()) {
                if (!count.canConvertToInt() || !count.isIntegralNumber()) {
                    throw new RolloutPlanException(field + ".devices", "a whole number of devices");
                }
                devices = count.intValue();
            }
            stages.add(new RolloutStage(devices, percent(field + ".percent", stage.get("percent")),
                    duration(field + ".timeout", stage.get("timeout"))));
        }
        return stages;
    }

    /** A number of percent: 10, or "10%". */
    private static Double percent(String field, JsonNode node) {
        return number(field, node, 1, "a number of percent such as 10 or \"10%\"");
    }

    /** A share: 0.95, or "95%". */
    private static Double share(String field, JsonNode node) {
        return number(field, node, 100, "a share between 0 and 1 or a percentage such as \"95%\"");
    }

    /** A number, or a text holding one; a text ending in % is divided by {@code percentDivisor}. */
    private static Double number(String field, JsonNode node, double percentDivisor, String expected) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (node.isNumber()) {
            return node.doubleValue();
        }
        String text = node.asText().trim();
        try {
            return text.endsWith("%")
                    ? Double.parseDouble(text.substring(0, text.length() - 1).trim()) / percentDivisor
                    : Double.parseDouble(text);
        } catch (NumberFormatException e) {
            throw new RolloutPlanException(field, expected + ", not " + node);
        }
    }

    private static OnFailure onFailure(JsonNode node) {
        String text = text("onFailure", node);
        if (text == null) {
            return null;
        }
        try {
            return OnFailure.valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new RolloutPlanException("onFailure", "pause, abort or rollback, not " + text);
        }
    }

    static Duration duration(String field, JsonNode node) {
        String text = text(field, node);
        if (text == null) {
            return null;
        }
        try {
            return Duration.parse(text.trim());
        } catch (DateTimeParseException e) {
            throw new RolloutPlanException(field, "an ISO-8601 duration such as PT30S or PT10M, not " + text);
        }
    }

    static String text(String field, JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isValueNode() || node.isBinary()) {
            throw new RolloutPlanException(field, "a text value, not " + node.getNodeType().name().toLowerCase(
                    Locale.ROOT));
        }
        return node.asText();
    }

    static ObjectNode object(String field, JsonNode node) {
        if (node instanceof ObjectNode object) {
            return object;
        }
        throw new RolloutPlanException(field, "an object, not " + (node == null ? "nothing"
                : node.getNodeType().name().toLowerCase(Locale.ROOT)));
    }

    static void knownFields(String prefix, ObjectNode node, Set<String> known) {
        for (Iterator<String> names = node.fieldNames(); names.hasNext();) {
            String name = names.next();
            if (!known.contains(name)) {
                throw new RolloutPlanException(prefix + name, "unknown field; expected one of " + known);
            }
        }
    }
}
