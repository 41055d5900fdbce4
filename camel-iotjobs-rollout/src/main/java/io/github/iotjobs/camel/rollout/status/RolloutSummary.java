/*
 * Licensed to the Apache Software Foundation (ASF) under one or more contributor license agreements; and to You
 * under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance with the
 * License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.iotjobs.camel.rollout.status;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.github.iotjobs.camel.rollout.store.RolloutDecision;
import io.github.iotjobs.camel.rollout.store.RolloutStatus;

/**
 * One rollout as the status page shows it: a bar per stage, the rollback's bar once it has jobs, the reason of a
 * halt and the latest decisions.
 *
 * @param stage          the running (or last) stage, from 0
 * @param decisionCount  every decision taken; {@code decisions} holds the latest of them
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RolloutSummary(
        String rolloutId,
        RolloutStatus status,
        String reason,
        String action,
        int stage,
        int targetDevices,
        Instant createdAt,
        Instant updatedAt,
        List<Bar> stages,
        Bar rollback,
        int decisionCount,
        List<RolloutDecision> decisions) {

    /**
     * How far a stage (or the rollback) got.
     *
     * @param state {@code pending}, {@code running}, {@code awaitingApproval}, {@code passed}, {@code accepted} (a
     *              failed gate accepted by resume) or {@code failed}
     */
    public record Bar(int stage, int devices, int succeeded, int failed, String state) {
    }
}
