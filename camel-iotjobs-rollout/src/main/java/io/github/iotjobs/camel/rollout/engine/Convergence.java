/*
 * Licensed to the Apache Software Foundation (ASF) under one or more contributor license agreements; and to You
 * under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance with the
 * License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.iotjobs.camel.rollout.engine;

import java.util.Iterator;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.iotjobs.camel.IotJobsOperationFailedException;
import io.github.iotjobs.camel.rollout.plan.ConvergeSpec;
import io.github.iotjobs.camel.rollout.plan.RolloutPlan;
import io.github.iotjobs.camel.rollout.port.RolloutJobs;

/**
 * Counts the devices whose reported state shows the change (plan field {@code converge}): {@code reported} equal to
 * {@code equals}, or every patched desired value reported at its path. Reads the reported properties with twin
 * queries, a batch of devices per query.
 */
final class Convergence {

    private final ConvergeSpec spec;
    private final JsonNode desiredPatch;
    private final RolloutJobs jobs;

    Convergence(RolloutPlan plan, RolloutJobs jobs) {
        this.spec = plan.converge();
        this.desiredPatch = plan.action().twinPatch() == null ? null
                : plan.action().twinPatch().path("properties").get("desired");
        this.jobs = jobs;
    }

    int converged(List<String> deviceIds) throws IotJobsOperationFailedException {
        int[] count = new int[1];
        jobs.queryTwins("properties.reported", deviceIds, rows -> {
            for (ObjectNode row : rows) {
                JsonNode reported = row.has("reported") ? row.get("reported") : row.path("properties").get("reported");
                if (reported != null && matches(reported)) {
                    count[0]++;
                }
            }
        });
        return count[0];
    }

    private boolean matches(JsonNode reported) {
        if (spec.reported() != null) {
            JsonNode value = reported;
            for (String key : spec.reported().split("\\.")) {
                value = value.path(key);
            }
            return value.equals(spec.equals());
        }
        return reports(desiredPatch, reported);
    }

    /** Whether {@code reported} holds every value of {@code patch} (a null in the patch: the key is gone). */
    private static boolean reports(JsonNode patch, JsonNode reported) {
        for (Iterator<Map.Entry<String, JsonNode>> fields = patch.fields(); fields.hasNext();) {
            Map.Entry<String, JsonNode> field = fields.next();
            JsonNode want = field.getValue();
            JsonNode have = reported.get(field.getKey());
            boolean ok = want.isNull() ? have == null || have.isNull()
                    : want.isObject() && !want.isEmpty() ? have != null && reports(want, have)
                    : want.equals(have);
            if (!ok) {
                return false;
            }
        }
        return true;
    }
}
