/*
 * Licensed to the Apache Software Foundation (ASF) under one or more contributor license agreements; and to You
 * under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance with the
 * License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.iotjobs.camel.transport;

import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.concurrent.ThreadLocalRandom;

/**
 * How often and how long to wait before a request is sent again: exponential backoff with jitter, or the delay the
 * platform asked for in {@code Retry-After}.
 *
 * @param maxRetries   how many times a request is sent again at most
 * @param initialDelay the first backoff
 * @param maxDelay     the longest backoff, and the longest {@code Retry-After} that is waited for
 */
public record RetryPolicy(int maxRetries, Duration initialDelay, Duration maxDelay) {

    /** The backoff before retry number {@code retry} (0 for the first): half fixed, half random. */
    public Duration backoff(int retry) {
        long cap = maxDelay.toMillis();
        long exponential = initialDelay.toMillis() << Math.min(retry, 30);
        long ceiling = exponential <= 0 || exponential > cap ? cap : exponential;
        long half = ceiling / 2;
        return Duration.ofMillis(half + ThreadLocalRandom.current().nextLong(half + 1));
    }

    /** The delay a {@code Retry-After} header asks for (seconds or an HTTP date), or null when absent or unreadable. */
    public static Duration retryAfter(String header) {
        if (header == null || header.isBlank()) {
            return null;
        }
        String value = header.trim();
        try {
            return Duration.ofSeconds(Math.max(0, Long.parseLong(value)));
        } catch (NumberFormatException notSeconds) {
            try {
                ZonedDateTime at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME);
                Duration delay = Duration.between(ZonedDateTime.now(at.getZone()), at);
                return delay.isNegative() ? Duration.ZERO : delay;
            } catch (DateTimeParseException notADate) {
                return null;
            }
        }
    }
}
