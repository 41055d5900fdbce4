/*
 * Licensed to the Apache Software Foundation (ASF) under one or more contributor license agreements; and to You
 * under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance with the
 * License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.iotjobs.examples.rollout;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

import io.github.iotjobs.camel.rollout.IotRolloutConstants;
import io.github.iotjobs.camel.rollout.RolloutView;
import io.github.iotjobs.camel.rollout.engine.RolloutEvent;
import io.github.iotjobs.camel.rollout.store.RolloutStatus;
import org.apache.camel.builder.RouteBuilder;

/**
 * The demo's routes: one reacts to every rollout event, one draws the live progress lines. The rollouts themselves
 * are driven by the producer operations of {@code iotrollout} (preview, start, get).
 */
public class RolloutRoutes extends RouteBuilder {

    private static final List<String> HALTS = List.of("completed", "aborted", "paused");

    private final RolloutSettings settings;
    private final ProgressView view;
    private final Map<String, CompletableFuture<String>> ends = new ConcurrentHashMap<>();

    public RolloutRoutes(RolloutSettings settings, ProgressView view) {
        this.settings = settings;
        this.view = view;
    }

    /** Completes with the event (completed, aborted, paused) that stops the rollout. */
    public CompletableFuture<String> end(String rolloutId) {
        return ends.computeIfAbsent(rolloutId, id -> new CompletableFuture<>());
    }

    @Override
    public void configure() {
        from("iotrollout:*?deviceResults=false")
                .routeId("rollout-events")
                .process(e -> {
                    RolloutEvent event = e.getMessage().getBody(RolloutEvent.class);
                    view.onEvent(event);
                    if (HALTS.contains(event.type().name())) {
                        end(event.rolloutId()).complete(event.type().name());
                    }
                });

        from("timer:progress?period=" + settings.pollMillis())
                .routeId("progress")
                .setHeader(IotRolloutConstants.OPERATION, constant("list"))
                .to("iotrollout:*")
                .split(body())
                    .filter(e -> e.getMessage().getBody(RolloutView.class).status() == RolloutStatus.RUNNING)
                        .process(e -> view.onProgress(e.getMessage().getBody(RolloutView.class)));
    }
}
