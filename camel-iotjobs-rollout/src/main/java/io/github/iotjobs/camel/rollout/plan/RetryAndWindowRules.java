/*
 * Licensed to the Apache Software Foundation (ASF) under one or more contributor license agreements; and to You
 * under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance with the
 * License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.iotjobs.camel.rollout.plan;

import java.time.DateTimeException;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;

/** The checks of the plan's {@code retries} and {@code window} sections, each error naming its field. */
final class RetryAndWindowRules {

    private static final double MAX_MULTIPLIER = 10;

    private RetryAndWindowRules() {
    }

    static void retries(RolloutPlan plan) {
        RetrySpec retries = plan.retries();
        if (retries == null) {
            return;
        }
        if (retries.count() == null) {
            throw new RolloutPlanException("retries.count", "required: how many times a failed device is retried,"
                    + " 1 to " + RetrySpec.MAX_COUNT);
        }
        if (retries.count() < 1 || retries.count() > RetrySpec.MAX_COUNT) {
            throw new RolloutPlanException("retries.count", "1 to " + RetrySpec.MAX_COUNT + ", not "
                    + retries.count());
        }
        if (retries.backoff() != null && retries.backoff().isNegative()) {
            throw new RolloutPlanException("retries.backoff", "an ISO-8601 duration of at least PT0S, not "
                    + retries.backoff());
        }
        Double multiplier = retries.multiplier();
        if (multiplier != null && !(multiplier >= 1 && multiplier <= MAX_MULTIPLIER)) {
            throw new RolloutPlanException("retries.multiplier", "1 to " + (int) MAX_MULTIPLIER + ", not "
                    + multiplier);
        }
        budget(retries.budget());
        // Rollback and convergence read each chunk's one job; retry jobs are not theirs yet.
        if (plan.converge() != null) {
            throw new RolloutPlanException("retries", "not yet combined with converge");
        }
        if (plan.canRollBack()) {
            throw new RolloutPlanException("retries", "not yet combined with rollback (onFailure: rollback or a"
                    + " rollback section)");
        }
    }

    private static void budget(String budget) {
        if (budget == null) {
            return;
        }
        String text = budget.trim();
        String expected = "a whole number of devices (at least 1) or a share of the stage above 0 and at most"
                + " 100%, such as \"10%\", not " + budget;
        try {
            if (text.endsWith("%")) {
                double percent = Double.parseDouble(text.substring(0, text.length() - 1).trim());
                if (!(percent > 0 && percent <= 100)) {
                    throw new RolloutPlanException("retries.budget", expected);
                }
            } else if (Integer.parseInt(text) < 1) {
                throw new RolloutPlanException("retries.budget", expected);
            }
        } catch (NumberFormatException e) {
            throw new RolloutPlanException("retries.budget", expected);
        }
    }

    static void window(WindowSpec window) {
        if (window == null) {
            return;
        }
        LocalTime start = time("window.start", window.start());
        LocalTime end = time("window.end", window.end());
        if (start.equals(end)) {
            throw new RolloutPlanException("window.end", "differs from window.start (" + window.start()
                    + "): an empty window never opens; leave window out to run at any time");
        }
        String tag = window.zoneTagOrDefault();
        if (!tag.startsWith("tags.") || tag.length() == "tags.".length()) {
            throw new RolloutPlanException("window.zoneTag", "a twin tag path such as tags.tz, not " + tag);
        }
        for (String key : tag.substring("tags.".length()).split("\\.", -1)) {
            if (key.isEmpty() || key.contains("$") || key.contains(" ")) {
                throw new RolloutPlanException("window.zoneTag", "a dotted path of twin keys under tags, such as"
                        + " tags.tz or tags.site.tz, not " + tag);
            }
        }
        if (window.defaultZone() != null) {
            try {
                ZoneId.of(window.defaultZone().trim());
            } catch (DateTimeException e) {
                throw new RolloutPlanException("window.defaultZone", "an IANA time zone such as Europe/Berlin or"
                        + " UTC, not " + window.defaultZone());
            }
        }
    }

    private static LocalTime time(String field, String value) {
        if (value == null) {
            throw new RolloutPlanException(field, "required: a local time such as 02:00");
        }
        try {
            return LocalTime.parse(value.trim());
        } catch (DateTimeParseException e) {
            throw new RolloutPlanException(field, "a local time HH:mm such as 02:00, not " + value);
        }
    }
}
