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

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The hand-read common shape and the zone check answer exactly what the ISO formatters answer. */
class PlatformTimesTest {

    @Test
    void readsEveryShapeAsTheIsoFormattersDo() {
        String[] texts = {"2026-11-20T10:00:01.1234567", "2026-11-20T10:00:01.1234567Z", "2026-11-20T10:00:01Z",
            "2026-11-20T10:00:01", "2026-11-20T10:00", "2026-11-20T10:00:01.123456789Z",
            "2026-11-20T10:00:01.1234567891Z",
            "2026-11-20T10:00:01.Z", "2026-11-20T10:00:01+02:00", "2026-11-20T10:00:01.5-05:30", "2026-11-20t10:00:01z",
            "2026-13-20T10:00:01Z", "2026-02-30T10:00:01", "2026-11-20T24:00:00", "2026-11-20T10:00:60Z",
            "+12026-11-20T10:00:01Z", "2026-11-20", "2026-11-20 10:00:01", "2026-11-20T10:00:01ZZ", "not a time",
            "2024-02-29T23:59:59.9999999", "0001-01-01T00:00:00Z"};
        for (String text : texts) {
            assertThat(PlatformTimes.parse(text)).as(text).isEqualTo(byFormatters(text));
        }
        assertThat(PlatformTimes.parse("2026-11-20T10:00:01.1234567"))
                .isEqualTo(Instant.parse("2026-11-20T10:00:01.123456700Z"));
        assertThat(PlatformTimes.parse("9999-12-30T00:00:00")).isNull();
    }

    private static Instant byFormatters(String text) {
        Instant instant;
        try {
            instant = OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException withoutZone) {
            try {
                instant = LocalDateTime.parse(text).toInstant(ZoneOffset.UTC);
            } catch (DateTimeParseException unreadable) {
                return null;
            }
        }
        return instant.atOffset(ZoneOffset.UTC).getYear() >= 9999 ? null : instant;
    }
}
