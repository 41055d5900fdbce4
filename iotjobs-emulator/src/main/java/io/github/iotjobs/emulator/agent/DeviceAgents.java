/*
 * Licensed to the Apache Software Foundation (ASF) under one or more contributor license agreements; and to You
 * under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance with the
 * License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.iotjobs.emulator.agent;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.PriorityQueue;

import io.github.iotjobs.emulator.engine.MethodObserver;
import io.github.iotjobs.emulator.fleet.Fleet;

/**
 * The software on each simulated device: after its desired properties change it reports them back in
 * properties.reported once {@code reportLatency} has passed (while connected), except for a fixed share of devices
 * that never converge; and after answering the reboot method it goes offline for {@code rebootOffline}. Work happens
 * in {@link #tick()} on the emulator's clock.
 */
public final class DeviceAgents implements MethodObserver {

    private enum Kind { REPORT, RECONNECT }

    private record Due(Instant at, String deviceId, Kind kind) {
    }

    private final Fleet fleet;
    private final Clock clock;
    private final AgentSettings settings;
    private final PriorityQueue<Due> queue = new PriorityQueue<>((a, b) -> a.at().compareTo(b.at()));
    // The latest scheduled report per device: an older entry still in the queue is skipped.
    private final Map<String, Due> latestReport = new HashMap<>();

    public DeviceAgents(Fleet fleet, Clock clock, AgentSettings settings) {
        this.fleet = fleet;
        this.clock = clock;
        this.settings = settings;
        fleet.onDesiredChange(this::desiredChanged);
    }

    public AgentSettings settings() {
        return settings;
    }

    /** Whether this device never reports its desired properties back (a deterministic share of the fleet). */
    public boolean neverConverges(String deviceId) {
        if (settings.neverConvergingShare() <= 0) {
            return false;
        }
        long h = (deviceId.hashCode() * 0x9E3779B97F4A7C15L) ^ settings.seed();
        h ^= h >>> 31;
        h *= 0xBF58476D1CE4E5B9L;
        h ^= h >>> 29;
        return (h >>> 40) / (double) (1L << 24) < settings.neverConvergingShare();
    }

    private void desiredChanged(String deviceId) {
        if (settings.reportLatency() == null || neverConverges(deviceId)) {
            return;
        }
        schedule(new Due(clock.instant().plus(settings.reportLatency()), deviceId, Kind.REPORT));
    }

    @Override
    public void answered(String deviceId, String methodName, Instant at) {
        if (methodName.equals(settings.rebootMethod()) && !settings.rebootOffline().isZero()) {
            fleet.setConnected(deviceId, false);
            schedule(new Due(at.plus(settings.rebootOffline()), deviceId, Kind.RECONNECT));
        }
    }

    private synchronized void schedule(Due due) {
        if (due.kind() == Kind.REPORT) {
            latestReport.put(due.deviceId(), due);
        }
        queue.add(due);
    }

    /** Performs every report and reconnection that is due at the clock's current instant. */
    public void tick() {
        Instant now = clock.instant();
        while (true) {
            Due due;
            synchronized (this) {
                due = queue.peek();
                if (due == null || due.at().isAfter(now)) {
                    return;
                }
                queue.poll();
                if (due.kind() == Kind.REPORT && latestReport.get(due.deviceId()) != due) {
                    continue;
                }
                if (due.kind() == Kind.REPORT) {
                    latestReport.remove(due.deviceId());
                }
            }
            perform(due, now);
        }
    }

    private void perform(Due due, Instant now) {
        if (due.kind() == Kind.RECONNECT) {
            fleet.setConnected(due.deviceId(), true);
            return;
        }
        boolean connected = fleet.twin(due.deviceId()).map(t -> t.connected()).orElse(false);
        if (!connected) {
            // An offline device reports once it is back: look again a latency later.
            if (fleet.twin(due.deviceId()).isPresent()) {
                schedule(new Due(now.plus(settings.reportLatency()), due.deviceId(), Kind.REPORT));
            }
            return;
        }
        fleet.update(due.deviceId(), twin -> twin.withReported(twin.desired()));
    }

    /** How long a device waits before reporting; null when devices never report. */
    public Duration reportLatency() {
        return settings.reportLatency();
    }
}
