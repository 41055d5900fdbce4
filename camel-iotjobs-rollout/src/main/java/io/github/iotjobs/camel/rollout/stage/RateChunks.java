/*
 * Licensed to the Apache Software Foundation (ASF) under one or more contributor license agreements; and to You
 * under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance with the
 * License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.iotjobs.camel.rollout.stage;

import java.util.ArrayList;
import java.util.List;

import io.github.iotjobs.camel.rollout.plan.RolloutRate;

/**
 * Chunks sized to a rate: a chunk's job holds at most the devices its rate reaches in {@link #CHUNK_SECONDS}, so a
 * rate is met by starting small jobs in time rather than a large one at once. The size depends only on the plan and
 * the device's place in the rollout, so a restarted orchestrator cuts the same chunks (and derives the same job ids).
 */
public final class RateChunks {

    /** How much of a rate one job carries. */
    public static final int CHUNK_SECONDS = 10;

    private RateChunks() {
    }

    /**
     * Where each chunk of a stage ends: within the query limit and the rate's chunk size.
     *
     * @param before how many devices the stages before this one hold
     */
    public static List<Integer> chunkEnds(List<String> deviceIds, RolloutRate rate, long before) {
        List<Integer> byQuery = DeviceIdQuery.chunkEnds(deviceIds);
        if (rate == null) {
            return byQuery;
        }
        List<Integer> ends = new ArrayList<>(byQuery.size());
        int from = 0;
        for (int queryEnd : byQuery) {
            while (from < queryEnd) {
                int end = (int) Math.min(queryEnd, from + maxDevices(rate, before + from));
                ends.add(end);
                from = end;
            }
        }
        return ends;
    }

    /** The most devices a job started at the {@code notified}-th device of the rollout may hold. */
    static long maxDevices(RolloutRate rate, long notified) {
        return Math.max(1, (long) Math.floor(rate.plannedPerMinute(notified) * CHUNK_SECONDS / 60.0));
    }
}
