/*
 * Licensed to the Apache Software Foundation (ASF) under one or more contributor license agreements; and to You
 * under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance with the
 * License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.iotjobs.camel.rollout.plan;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.iotjobs.camel.rollout.stage.HubTier;

/** Reads a plan's {@code targets}: {@code [{name: eu, jobsEndpoint: "eu:hub", tier: S1, query: "*"}, ...]}. */
final class TargetsReader {

    private static final Set<String> FIELDS = Set.of("name", "jobsEndpoint", "tier", "units", "query", "devices");

    private TargetsReader() {
    }

    static List<PlanTarget> targets(JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isArray()) {
            throw new RolloutPlanException("targets", "a list of targets such as [{name: eu, jobsEndpoint: \"eu:hub\","
                                                      + " query: \"*\"}]");
        }
        List<PlanTarget> targets = new ArrayList<>(node.size());
        for (int i = 0; i < node.size(); i++) {
            targets.add(target("targets[" + i + "]", node.get(i)));
        }
        return targets;
    }

    private static PlanTarget target(String field, JsonNode node) {
        ObjectNode target = PlanReader.object(field, node);
        PlanReader.knownFields(field + ".", target, FIELDS);
        return new PlanTarget(PlanReader.text(field + ".name", target.get("name")),
                PlanReader.text(field + ".jobsEndpoint", target.get("jobsEndpoint")),
                tier(field + ".tier", target.get("tier")), units(field + ".units", target.get("units")),
                PlanReader.text(field + ".query", target.get("query")),
                PlanReader.deviceList(field + ".devices", target.get("devices")));
    }

    private static HubTier tier(String field, JsonNode node) {
        String text = PlanReader.text(field, node);
        if (text == null) {
            return null;
        }
        try {
            return HubTier.valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new RolloutPlanException(field, "one of F1, S1, S2, S3, not " + text);
        }
    }

    private static Integer units(String field, JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isIntegralNumber() || !node.canConvertToInt()) {
            throw new RolloutPlanException(field, "a whole number of units, not " + node);
        }
        return node.intValue();
    }
}
