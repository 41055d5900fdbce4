/*
 * Licensed to the Apache Software Foundation (ASF) under one or more contributor license agreements; and to You
 * under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance with the
 * License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.iotjobs.camel.rollout.plan;

/**
 * The rules of a plan's {@code rate}: constant ({@code devicesPerMinute}) or ramping ({@code baseRatePerMinute} with
 * {@code incrementFactor} and {@code rateIncreaseCriteria}, optionally capped by {@code maximumPerMinute}), each
 * error naming its field.
 */
final class RateValidator {

    /** AWS IoT Jobs bounds the factor to 1..5 with one decimal; a factor of 1 would be a constant rate. */
    private static final double MAX_FACTOR = 5;

    private RateValidator() {
    }

    static void validate(RolloutRate rate) {
        if (rate == null) {
            return;
        }
        boolean ramp = rate.baseRatePerMinute() != null;
        if ((rate.devicesPerMinute() != null) == ramp) {
            throw new RolloutPlanException("rate", "exactly one of devicesPerMinute (a constant rate) and"
                    + " baseRatePerMinute (a ramp)");
        }
        if (!ramp) {
            atLeastOne("rate.devicesPerMinute", rate.devicesPerMinute());
            onlyWithRamp("rate.incrementFactor", rate.incrementFactor());
            onlyWithRamp("rate.rateIncreaseCriteria", rate.rateIncreaseCriteria());
            onlyWithRamp("rate.maximumPerMinute", rate.maximumPerMinute());
            return;
        }
        atLeastOne("rate.baseRatePerMinute", rate.baseRatePerMinute());
        Double factor = rate.incrementFactor();
        if (factor == null || !(factor > 1) || factor > MAX_FACTOR) {
            throw new RolloutPlanException("rate.incrementFactor", "required with baseRatePerMinute: above 1, at most "
                    + "5, not " + factor);
        }
        RolloutRate.RateIncrease criteria = rate.rateIncreaseCriteria();
        if (criteria == null || (criteria.numberOfNotifiedDevices() != null)
                == (criteria.numberOfSucceededDevices() != null)) {
            throw new RolloutPlanException("rate.rateIncreaseCriteria", "required with baseRatePerMinute: exactly one"
                    + " of numberOfNotifiedDevices and numberOfSucceededDevices");
        }
        if (criteria.numberOfNotifiedDevices() != null) {
            atLeastOne("rate.rateIncreaseCriteria.numberOfNotifiedDevices", criteria.numberOfNotifiedDevices());
        } else {
            atLeastOne("rate.rateIncreaseCriteria.numberOfSucceededDevices", criteria.numberOfSucceededDevices());
        }
        if (rate.maximumPerMinute() != null && rate.maximumPerMinute() < rate.baseRatePerMinute()) {
            throw new RolloutPlanException("rate.maximumPerMinute", "at least baseRatePerMinute ("
                    + rate.baseRatePerMinute() + "), not " + rate.maximumPerMinute());
        }
    }

    private static void atLeastOne(String field, int value) {
        if (value < 1) {
            throw new RolloutPlanException(field, "at least 1, not " + value);
        }
    }

    private static void onlyWithRamp(String field, Object value) {
        if (value != null) {
            throw new RolloutPlanException(field, "only with baseRatePerMinute (a ramp), not with devicesPerMinute");
        }
    }
}
