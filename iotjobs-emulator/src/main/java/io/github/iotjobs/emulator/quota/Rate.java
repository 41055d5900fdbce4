/*
 * Licensed to the Apache Software Foundation (ASF) under one or more contributor license agreements; and to You
 * under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance with the
 * License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.iotjobs.emulator.quota;

import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A quota: at most {@code amount} operations per {@code period}, written N/sec or N/min as protocol.md §8 and the
 * command line write them. The bucket holds {@code amount} at most, so that is also the largest burst.
 */
public record Rate(double amount, Duration period) {

    private static final Pattern TEXT = Pattern.compile("\\s*(\\d+(?:\\.\\d+)?)\\s*/\\s*(sec|s|second|min|m|minute)\\s*");

    public Rate {
        if (!(amount > 0) || period == null || period.isZero() || period.isNegative()) {
            throw new IllegalArgumentException("A rate needs a positive amount and period");
        }
    }

    public static Rate perSecond(double amount) {
        return new Rate(amount, Duration.ofSeconds(1));
    }

    public static Rate perMinute(double amount) {
        return new Rate(amount, Duration.ofMinutes(1));
    }

    /** Parses N/sec or N/min. @throws IllegalArgumentException with the expected form */
    public static Rate parse(String text) {
        Matcher m = TEXT.matcher(text == null ? "" : text.toLowerCase(Locale.ROOT));
        if (!m.matches() || Double.parseDouble(m.group(1)) <= 0) {
            throw new IllegalArgumentException("A rate is N/sec or N/min with N > 0, not '" + text + "'");
        }
        double amount = Double.parseDouble(m.group(1));
        return m.group(2).startsWith("s") ? perSecond(amount) : perMinute(amount);
    }

    public Rate times(double factor) {
        return new Rate(amount * factor, period);
    }

    /** Operations per second. */
    public double perSecond() {
        return amount * 1e9 / period.toNanos();
    }

    @Override
    public String toString() {
        String n = amount == Math.rint(amount) ? String.valueOf((long) amount) : String.valueOf(amount);
        return n + (period.equals(Duration.ofSeconds(1)) ? "/sec" : period.equals(Duration.ofMinutes(1)) ? "/min"
                : "/" + period);
    }
}
