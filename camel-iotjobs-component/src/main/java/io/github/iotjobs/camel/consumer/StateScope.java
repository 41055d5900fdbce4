/*
 * Licensed to the Apache Software Foundation (ASF) under one or more contributor license agreements; and to You
 * under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance with the
 * License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.iotjobs.camel.consumer;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

import io.github.iotjobs.camel.IotJobsConfiguration;

/**
 * The name a consumer's state is kept under. Default: the platform plus a digest of what decides which events the
 * consumer emits (service address, jobId, jobType, jobStatus, deviceEvents, progressEvents), so that consumers with
 * different filters never share state, while the nodes of a cluster, configured alike, do. Scheduling options (delay,
 * pageSize, ...) are not part of it: changing them keeps the state. Option {@code stateScope} overrides it.
 */
public final class StateScope {

    private StateScope() {
    }

    /** @param serviceUrl the endpoint's service address, null when it has none */
    public static String of(IotJobsConfiguration configuration, String serviceUrl) {
        if (configuration.getStateScope() != null && !configuration.getStateScope().isBlank()) {
            return configuration.getStateScope();
        }
        String what = configuration.getPlatform() + "\n" + serviceUrl + "\njobId=" + configuration.getJobId()
                      + "\njobType=" + configuration.getJobType() + "\njobStatus=" + configuration.getJobStatus()
                      + "\ndeviceEvents=" + configuration.isDeviceEvents()
                      + "\nprogressEvents=" + configuration.isProgressEvents();
        return configuration.getPlatform() + "-" + digest(what);
    }

    private static String digest(String text) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            // 64 bits: no two consumers of one application collide by chance.
            return HexFormat.of().formatHex(hash, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java platform", e);
        }
    }
}
