/*
 * Licensed to the Apache Software Foundation (ASF) under one or more contributor license agreements; and to You
 * under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance with the
 * License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.iotjobs.emulator.fleet;

import java.util.Collection;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.function.UnaryOperator;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The simulated device fleet, shared by every platform API and the job engine. Sorted by deviceId so that paged
 * queries are stable; each twin is an immutable snapshot replaced atomically.
 */
public final class Fleet {

    private final ConcurrentSkipListMap<String, DeviceTwin> twins = new ConcurrentSkipListMap<>();

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

    /** Applies an update atomically; returns the new twin, or empty when the device does not exist. */
    public Optional<DeviceTwin> update(String deviceId, UnaryOperator<DeviceTwin> change) {
        return Optional.ofNullable(twins.computeIfPresent(deviceId, (id, twin) -> change.apply(twin)));
    }

    public Optional<DeviceTwin> patch(String deviceId, JsonNode tagsPatch, JsonNode desiredPatch) {
        return update(deviceId, twin -> twin.patched(tagsPatch, desiredPatch));
    }

    public void setConnected(String deviceId, boolean connected) {
        update(deviceId, twin -> twin.withConnected(connected));
    }
}
