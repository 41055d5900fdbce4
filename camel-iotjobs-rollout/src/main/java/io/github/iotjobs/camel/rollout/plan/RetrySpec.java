/*
 * Licensed to the Apache Software Foundation (ASF) under one or more contributor license agreements; and to You
 * under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance with the
 * License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.iotjobs.camel.rollout.plan;

import java.time.Duration;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * Per-device retries: a device whose row in a rollout job failed (an error, a timeout, an offline device) is tried
 * again, in a job of its own chunk's failed devices, up to {@code count} times, each attempt {@code backoff} ×
 * {@code multiplier}^(attempt - 1) after the job before it ended, while the stage's retry budget lasts.
 *
 * @param count      retries per device, 1 to 10 (AWS IoT Jobs' maximum)
 * @param backoff    the wait before the first retry; null: {@link #DEFAULT_BACKOFF}
 * @param multiplier how much each further wait grows, 1 to 10; null: {@link #DEFAULT_MULTIPLIER}
 * @param budget     how many of a stage's devices may be retried: a whole number ({@code "5"}) or a share of the
 *                   stage ({@code "20%"}); null: every device
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RetrySpec(Integer count, Duration backoff, Double multiplier, String budget) {

    public static final Duration DEFAULT_BACKOFF = Duration.ofSeconds(30);
    public static final double DEFAULT_MULTIPLIER = 2.0;
    public static final int MAX_COUNT = 10;

    /** How long to wait before retry number {@code attempt} (from 1). */
    public Duration backoffBefore(int attempt) {
        Duration first = backoff != null ? backoff : DEFAULT_BACKOFF;
        double factor = Math.pow(multiplier != null ? multiplier : DEFAULT_MULTIPLIER, attempt - 1);
        return Duration.ofMillis(Math.round(first.toMillis() * factor));
    }

    /** How many devices of a stage of {@code stageSize} devices may be retried (a share rounds down). */
    public int budgetOf(int stageSize) {
        if (budget == null) {
            return stageSize;
        }
        String text = budget.trim();
        if (text.endsWith("%")) {
            double percent = Double.parseDouble(text.substring(0, text.length() - 1).trim());
            return (int) Math.floor(percent * stageSize / 100.0 + 1e-9);
        }
        return Integer.parseInt(text);
    }
}
