/*
 * Licensed to the Apache Software Foundation (ASF) under one or more contributor license agreements; and to You
 * under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance with the
 * License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.iotjobs.camel.rollout.engine;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Hands each rollout event to the consumers that listen to its rollout (or to every rollout). */
public final class RolloutEvents {

    /** One listening consumer. */
    public interface Listener {
        /** The rollout listened to, or null for every rollout. */
        String rolloutId();

        boolean wantsDeviceResults();

        void onEvent(RolloutEvent event);
    }

    private final List<Listener> listeners = new CopyOnWriteArrayList<>();

    public void add(Listener listener) {
        listeners.add(listener);
    }

    public void remove(Listener listener) {
        listeners.remove(listener);
    }

    public void publish(RolloutEvent event) {
        for (Listener listener : listeners) {
            if (listens(listener, event.rolloutId())
                    && (event.type() != RolloutEventType.deviceResult || listener.wantsDeviceResults())) {
                listener.onEvent(event);
            }
        }
    }

    /** Whether some consumer wants this rollout's per-device results (else they are not read at all). */
    public boolean wantsDeviceResults(String rolloutId) {
        return listeners.stream().anyMatch(l -> listens(l, rolloutId) && l.wantsDeviceResults());
    }

    private static boolean listens(Listener listener, String rolloutId) {
        return listener.rolloutId() == null || listener.rolloutId().equals(rolloutId);
    }
}
