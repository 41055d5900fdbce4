/*
 * Licensed to the Apache Software Foundation (ASF) under one or more contributor license agreements; and to You
 * under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance with the
 * License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.iotjobs.emulator.agent;

import java.time.Duration;

/**
 * How simulated device agents behave.
 *
 * @param reportLatency        how long after a desired-property change a device reports it; null: devices do not report
 * @param neverConvergingShare share (0..1) of devices that never report desired changes back
 * @param rebootMethod         the direct method after which a device restarts
 * @param rebootOffline        how long a restarting device stays offline (zero: it does not go offline)
 * @param seed                 chooses which devices never converge
 */
public record AgentSettings(Duration reportLatency, double neverConvergingShare, String rebootMethod,
                            Duration rebootOffline, long seed) {

    public static final String DEFAULT_REBOOT_METHOD = "reboot";

    public AgentSettings {
        if (reportLatency != null && reportLatency.isNegative()) {
            throw new IllegalArgumentException("reportLatency must not be negative");
        }
        if (neverConvergingShare < 0 || neverConvergingShare > 1) {
            throw new IllegalArgumentException("neverConverging must be within 0..1");
        }
        if (rebootMethod == null || rebootMethod.isBlank()) {
            throw new IllegalArgumentException("rebootMethod must not be blank");
        }
        if (rebootOffline == null || rebootOffline.isNegative()) {
            throw new IllegalArgumentException("rebootOffline must not be negative");
        }
    }
}
