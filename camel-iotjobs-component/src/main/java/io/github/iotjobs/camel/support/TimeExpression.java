/*
 * Licensed to the Apache Software Foundation (ASF) under one or more contributor license agreements; and to You
 * under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance with the
 * License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.iotjobs.camel.support;

import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.Period;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.util.Locale;

import io.github.iotjobs.camel.validation.IotJobsValidationException;

/**
 * Reads the time forms users write in options and headers: an ISO-8601 instant or date-time with offset
 * ({@code 2026-05-01T08:00:00Z}, {@code 2026-05-01T10:00:00+02:00}), {@code NOW}, and {@code NOW} plus or minus an
 * ISO-8601 duration ({@code NOW+PT10M}, {@code NOW-P30D}, {@code NOW-P1DT12H}). A {@code +} decoded to a space from
 * a URL ({@code NOW PT10M}) is read as {@code +}, as the IoTHub Manager API did.
 */
public final class TimeExpression {

    private TimeExpression() {
    }

    /**
     * @param  field                     the option or header name, for the error message
     * @param  text                      the expression
     * @throws IotJobsValidationException naming the field when the text is none of the forms
     */
    public static Instant parse(String field, String text, Clock clock) {
        String value = text.trim();
        if (value.toUpperCase(Locale.ROOT).startsWith("NOW")) {
            return relativeToNow(field, value.substring(3).trim(), text, clock);
        }
        try {
            return OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException e) {
            throw invalid(field, text);
        }
    }

    private static Instant relativeToNow(String field, String rest, String text, Clock clock) {
        ZonedDateTime now = clock.instant().atZone(ZoneOffset.UTC);
        if (rest.isEmpty()) {
            return now.toInstant();
        }
        char sign = rest.charAt(0);
        String iso = (sign == '-' || sign == '+' ? rest.substring(1).trim() : rest).toUpperCase(Locale.ROOT);
        int timeAt = iso.indexOf('T');
        if (!iso.startsWith("P") || iso.length() < 3 || timeAt == iso.length() - 1) {
            throw invalid(field, text);
        }
        try {
            // Calendar arithmetic in UTC, so that P1M and P1Y mean what users expect.
            Period date = timeAt == 1 ? Period.ZERO : Period.parse(timeAt < 0 ? iso : iso.substring(0, timeAt));
            Duration time = timeAt < 0 ? Duration.ZERO : Duration.parse("PT" + iso.substring(timeAt + 1));
            ZonedDateTime result = sign == '-' ? now.minus(date).minus(time) : now.plus(date).plus(time);
            return result.toInstant();
        } catch (DateTimeParseException e) {
            throw invalid(field, text);
        } catch (DateTimeException | ArithmeticException e) {
            // NOW+P999999999Y: a valid duration whose result lies outside the supported time line.
            throw new IotJobsValidationException(field, field + " '" + text + "' lies beyond the dates a job can"
                                                        + " have (" + e.getMessage() + ")");
        }
    }

    private static IotJobsValidationException invalid(String field, String text) {
        return new IotJobsValidationException(field, field + " '" + text + "' is not an ISO-8601 date-time, NOW, or"
                                                     + " NOW+/-<ISO-8601 duration> such as NOW+PT10M or NOW-P30D");
    }
}
