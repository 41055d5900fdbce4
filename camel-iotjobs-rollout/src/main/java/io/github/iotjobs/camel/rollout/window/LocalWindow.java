/*
 * Licensed to the Apache Software Foundation (ASF) under one or more contributor license agreements; and to You
 * under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance with the
 * License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.iotjobs.camel.rollout.window;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;

import io.github.iotjobs.camel.rollout.plan.WindowSpec;

/**
 * A daily window of local wall-clock time, [start, end), crossing midnight when end is before start. Open means the
 * device's local clock reads a time inside it, so on a DST change the window is as long as the clock says: a start
 * that falls into a spring-forward gap opens when the gap ends, and an hour repeated in autumn is inside twice.
 */
public final class LocalWindow {

    private final LocalTime start;
    private final LocalTime end;

    public LocalWindow(LocalTime start, LocalTime end) {
        this.start = start;
        this.end = end;
    }

    public static LocalWindow of(WindowSpec spec) {
        return new LocalWindow(spec.startTime(), spec.endTime());
    }

    public boolean isOpen(ZoneId zone, Instant at) {
        LocalTime local = at.atZone(zone).toLocalTime();
        return start.isBefore(end) ? !local.isBefore(start) && local.isBefore(end)
                : !local.isBefore(start) || local.isBefore(end);
    }

    /** The first instant at or after {@code at} when the window is open. */
    public Instant nextOpening(ZoneId zone, Instant at) {
        return isOpen(zone, at) ? at : nextLocal(zone, at, start);
    }

    /** When the window open at {@code at} closes (the first instant after it with the local time at its end). */
    public Instant closing(ZoneId zone, Instant at) {
        return nextLocal(zone, at, end);
    }

    /**
     * The first instant after {@code at} whose local time is {@code time}: the end of a gap that skips it, either
     * occurrence of a time repeated by an overlap.
     */
    private static Instant nextLocal(ZoneId zone, Instant at, LocalTime time) {
        ZonedDateTime now = at.atZone(zone);
        for (int day = -1; day <= 2; day++) {
            LocalDateTime local = LocalDateTime.of(now.toLocalDate().plusDays(day), time);
            List<ZoneOffset> offsets = zone.getRules().getValidOffsets(local);
            if (offsets.isEmpty()) {
                Instant gapEnd = zone.getRules().getTransition(local).getInstant();
                if (gapEnd.isAfter(at)) {
                    return gapEnd;
                }
            }
            Instant first = null;
            for (ZoneOffset offset : offsets) {
                Instant candidate = local.toInstant(offset);
                if (candidate.isAfter(at) && (first == null || candidate.isBefore(first))) {
                    first = candidate;
                }
            }
            if (first != null) {
                return first;
            }
        }
        throw new IllegalStateException("no " + time + " within two days of " + at + " in " + zone);
    }
}
