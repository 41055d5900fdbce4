/*
 * Licensed to the Apache Software Foundation (ASF) under one or more contributor license agreements; and to You
 * under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance with the
 * License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.iotjobs.camel.rollout.plan;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * How fast a rollout reaches devices, in devices per minute, within what the hub's quotas allow: constant
 * ({@code devicesPerMinute}), or ramping as AWS IoT Jobs' exponential rollout does (reference/rollout-peers.md §1.2):
 * {@code baseRatePerMinute}, multiplied by {@code incrementFactor} each time another
 * {@code rateIncreaseCriteria} devices were notified (sent a job) or succeeded, up to {@code maximumPerMinute}.
 *
 * @param maximumPerMinute the ramp's cap; null: the ramp grows until the hub's quotas hold it
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RolloutRate(
        Integer devicesPerMinute,
        Integer baseRatePerMinute,
        Double incrementFactor,
        RateIncrease rateIncreaseCriteria,
        Integer maximumPerMinute) {

    /** When a ramp steps up: every this many notified devices, or every this many succeeded devices. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record RateIncrease(Integer numberOfNotifiedDevices, Integer numberOfSucceededDevices) {
    }

    public static RolloutRate constant(int devicesPerMinute) {
        return new RolloutRate(devicesPerMinute, null, null, null, null);
    }

    /** The rate once {@code notified} devices were sent a job and {@code succeeded} of them succeeded. */
    public double perMinute(long notified, long succeeded) {
        if (devicesPerMinute != null) {
            return devicesPerMinute;
        }
        Integer byNotified = rateIncreaseCriteria.numberOfNotifiedDevices();
        long steps = byNotified != null ? notified / byNotified
                : succeeded / rateIncreaseCriteria.numberOfSucceededDevices();
        double cap = maximumPerMinute != null ? maximumPerMinute : Double.MAX_VALUE;
        // A power past the double range is infinite, which the cap holds.
        return Math.min(baseRatePerMinute * Math.pow(incrementFactor, steps), cap);
    }

    /**
     * The rate known before the rollout runs, at the {@code notified}-th device: a ramp on succeeded devices is
     * counted at its base (successes only speed it up).
     */
    public double plannedPerMinute(long notified) {
        if (rateIncreaseCriteria != null && rateIncreaseCriteria.numberOfSucceededDevices() != null) {
            return baseRatePerMinute;
        }
        return perMinute(notified, 0);
    }
}
