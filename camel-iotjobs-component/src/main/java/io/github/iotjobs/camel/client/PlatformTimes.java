/*
 * Licensed to the Apache Software Foundation (ASF) under one or more contributor license agreements; and to You
 * under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance with the
 * License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.iotjobs.camel.client;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/**
 * Reads the times the job APIs send: ISO-8601 with or without a zone (IoT Hub device rows omit it: UTC), and the
 * {@code 9999-12-30} end time .NET services send for unfinished jobs, which means "not yet".
 */
public final class PlatformTimes {

    private static final int NOT_YET_YEAR = 9999;

    private PlatformTimes() {
    }

    /** The instant, or null when absent, unreadable or the "not yet" sentinel. */
    public static Instant parse(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        Instant instant = parseIso(text.trim());
        return instant == null || instant.atOffset(ZoneOffset.UTC).getYear() >= NOT_YET_YEAR ? null : instant;
    }

    /** Asks only the parser that can read the text: the hub's zone-less rows would fail the other with an exception. */
    private static Instant parseIso(String text) {
        Instant common = parseCommonShape(text);
        if (common != null) {
            return common;
        }
        try {
            return hasZone(text) ? OffsetDateTime.parse(text).toInstant()
                    : LocalDateTime.parse(text).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException unreadable) {
            return null;
        }
    }

    /** A zone is a {@code Z} or a signed offset after the date-time separator (either case, as ISO parsing is). */
    private static boolean hasZone(String text) {
        boolean afterSeparator = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == 'T' || c == 't') {
                afterSeparator = true;
            } else if (afterSeparator && (c == 'Z' || c == 'z' || c == '+' || c == '-')) {
                return true;
            }
        }
        return false;
    }

    /**
     * The shape every platform sends, {@code yyyy-MM-ddTHH:mm:ss[.fraction][Z]}, read by hand: the ISO formatters cost
     * a few microseconds a time, four times a device row. Null for any other shape, which the formatters then read.
     */
    private static Instant parseCommonShape(String text) {
        int length = text.length();
        boolean utc = length > 0 && text.charAt(length - 1) == 'Z';
        int end = utc ? length - 1 : length;
        if (end < 19 || !digits(text, 0, 4) || text.charAt(4) != '-' || !digits(text, 5, 7) || text.charAt(7) != '-'
            || !digits(text, 8, 10) || text.charAt(10) != 'T' || !digits(text, 11, 13) || text.charAt(13) != ':'
            || !digits(text, 14, 16) || text.charAt(16) != ':' || !digits(text, 17, 19)) {
            return null;
        }
        int nanos = 0;
        if (end > 19) {
            int fractionDigits = end - 20;
            if (text.charAt(19) != '.' || fractionDigits < 1 || fractionDigits > 9 || !digits(text, 20, end)) {
                return null;
            }
            nanos = number(text, 20, end);
            for (int i = fractionDigits; i < 9; i++) {
                nanos *= 10;
            }
        }
        try {
            return LocalDateTime.of(number(text, 0, 4), number(text, 5, 7), number(text, 8, 10), number(text, 11, 13),
                    number(text, 14, 16), number(text, 17, 19), nanos).toInstant(ZoneOffset.UTC);
        } catch (DateTimeException outOfRange) {
            // Month 13, hour 24: left to the formatters, which refuse it too.
            return null;
        }
    }

    private static boolean digits(String text, int from, int to) {
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    private static int number(String text, int from, int to) {
        int value = 0;
        for (int i = from; i < to; i++) {
            value = value * 10 + text.charAt(i) - '0';
        }
        return value;
    }
}
