/*
 * Licensed to the Apache Software Foundation (ASF) under one or more contributor license agreements; and to You
 * under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance with the
 * License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.iotjobs.camel.client;

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
}
