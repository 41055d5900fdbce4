/*
 * Licensed to the Apache Software Foundation (ASF) under one or more contributor license agreements; and to You
 * under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance with the
 * License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.iotjobs.camel.rollout.plan;

import java.time.LocalTime;
import java.time.ZoneId;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A device-local maintenance window: each device is changed only between {@code start} and {@code end} of its own
 * local time, its time zone read from a twin tag when the target is resolved. {@code end} before {@code start}
 * crosses midnight.
 *
 * @param start       local time the window opens, {@code HH:mm} or {@code HH:mm:ss}
 * @param end         local time it closes (excluded)
 * @param zoneTag     the twin tag holding each device's IANA time zone ({@code tags.tz}); null:
 *                    {@link #DEFAULT_ZONE_TAG}
 * @param defaultZone the zone of devices without a valid tag; null: such devices are refused at start
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record WindowSpec(String start, String end, String zoneTag, String defaultZone) {

    public static final String DEFAULT_ZONE_TAG = "tags.tz";

    public LocalTime startTime() {
        return LocalTime.parse(start.trim());
    }

    public LocalTime endTime() {
        return LocalTime.parse(end.trim());
    }

    public String zoneTagOrDefault() {
        return zoneTag != null ? zoneTag : DEFAULT_ZONE_TAG;
    }

    /** The default zone, or null when devices without a valid tag are refused. */
    public ZoneId defaultZoneId() {
        return defaultZone != null ? ZoneId.of(defaultZone.trim()) : null;
    }
}
