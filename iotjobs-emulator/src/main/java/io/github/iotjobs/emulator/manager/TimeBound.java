/*
 * Licensed to the Apache Software Foundation (ASF) under one or more contributor license agreements; and to You
 * under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance with the
 * License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.iotjobs.emulator.manager;

import java.time.Duration;
import java.time.Instant;
import java.time.Period;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code from} / {@code to} forms of {@code GET /v1/jobs} (.NET {@code DateTimeOffsetExtension.Parse}):
 * {@code NOW}, {@code NOW-<ISO-8601 duration>}, {@code NOW+<duration>} (a {@code +} decoded to a space counts as
 * {@code +}), or a date-time; anything unreadable gives the default, as in the original service.
 */
final class TimeBound {

    private static final Pattern NOW = Pattern.compile("^NOW(?:([+\\- ])(.*))?$", Pattern.CASE_INSENSITIVE);

    private TimeBound() {
    }

    static Instant parse(String text, Instant now, Instant fallback) {
        if (text == null || text.isBlank()) {
            return fallback;
        }
        Matcher m = NOW.matcher(text.trim());
        if (m.matches()) {
            if (m.group(1) == null) {
                return now;
            }
            Instant shifted = shift(now, m.group(2).trim().toUpperCase(Locale.ROOT), m.group(1).equals("-"));
            return shifted == null ? fallback : shifted;
        }
        Instant instant = ManagerJson.parseTime(text.trim());
        return instant == null ? fallback : instant;
    }

    private static Instant shift(Instant now, String iso, boolean minus) {
        int t = iso.indexOf('T');
        if (!iso.startsWith("P") || iso.length() < 3 || t == iso.length() - 1) {
            return null;
        }
        try {
            Period date = t == 1 ? Period.ZERO : Period.parse(t < 0 ? iso : iso.substring(0, t));
            Duration time = t < 0 ? Duration.ZERO : Duration.parse("PT" + iso.substring(t + 1));
            ZonedDateTime at = now.atZone(ZoneOffset.UTC);
            return (minus ? at.minus(date).minus(time) : at.plus(date).plus(time)).toInstant();
        } catch (DateTimeParseException | ArithmeticException e) {
            return null;
        }
    }
}
