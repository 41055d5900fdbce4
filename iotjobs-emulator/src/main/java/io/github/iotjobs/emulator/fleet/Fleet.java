/*
 * Licensed to the Apache Software Foundation (ASF) under one or more contributor license agreements; and to You
 * under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance with the
 * License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.iotjobs.emulator.fleet;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The simulated device fleet, shared by every platform API and the job engine. Sorted by deviceId so that paged
 * queries are stable; each twin is an immutable snapshot replaced atomically. With an index lag, each twin keeps
 * the snapshots it replaced for as long as the lagging query index may still show them.
 */
public final class Fleet {

    private final ConcurrentSkipListMap<String, DeviceTwin> twins = new ConcurrentSkipListMap<>();
    private final Clock clock;
    private final Duration indexLag;
    private volatile Consumer<String> desiredListener = id -> { };

    /** A fleet whose query index is always current. */
    public Fleet() {
        this(Clock.systemUTC(), Duration.ZERO);
    }

    public Fleet(Clock clock, Duration indexLag) {
        if (indexLag.isNegative()) {
            throw new IllegalArgumentException("indexLag must not be negative");
        }
        this.clock = clock;
        this.indexLag = indexLag;
    }

    /** Told the id of each device whose desired properties a patch has changed (device agents report them). */
    public void onDesiredChange(Consumer<String> listener) {
        desiredListener = listener;
    }

    public void put(DeviceTwin twin) {
        twins.put(twin.deviceId(), twin);
    }

    public Optional<DeviceTwin> twin(String deviceId) {
        return Optional.ofNullable(twins.get(deviceId));
    }

    public int size() {
        return twins.size();
    }

    public Collection<DeviceTwin> all() {
        return twins.values();
    }

    /** Twins strictly after the given deviceId (null = from the start), for key-based paging. */
    public NavigableMap<String, DeviceTwin> after(String deviceId) {
        return deviceId == null ? twins : twins.tailMap(deviceId, false);
    }

    /** The twin as the (possibly lagging) query index shows it, or null when the index does not show it yet. */
    public DeviceTwin indexed(DeviceTwin current) {
        return indexLag.isZero() ? current : current.asOf(clock.instant().minus(indexLag));
    }

    /** Applies an update atomically; returns the new twin, or empty when the device does not exist. */
    public Optional<DeviceTwin> update(String deviceId, UnaryOperator<DeviceTwin> change) {
        return Optional.ofNullable(twins.computeIfPresent(deviceId, (id, twin) -> {
            DeviceTwin next = change.apply(twin);
            if (next == twin || indexLag.isZero()) {
                return next;
            }
            Instant now = clock.instant();
            return next.replacing(twin.prunedBefore(now.minus(indexLag)), now);
        }));
    }

    public Optional<DeviceTwin> patch(String deviceId, JsonNode tagsPatch, JsonNode desiredPatch) {
        Optional<DeviceTwin> result = update(deviceId, twin -> twin.patched(tagsPatch, desiredPatch));
        if (result.isPresent() && desiredPatch != null && desiredPatch.isObject() && !desiredPatch.isEmpty()) {
            desiredListener.accept(deviceId);
        }
        return result;
    }

    public void setConnected(String deviceId, boolean connected) {
        update(deviceId, twin -> twin.connected() == connected ? twin : twin.withConnected(connected));
    }
}
