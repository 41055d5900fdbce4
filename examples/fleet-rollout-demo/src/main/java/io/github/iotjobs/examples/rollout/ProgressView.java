/*
 * Licensed to the Apache Software Foundation (ASF) under one or more contributor license agreements; and to You
 * under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance with the
 * License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.iotjobs.examples.rollout;

import java.io.PrintStream;
import java.util.HashMap;
import java.util.Map;

import io.github.iotjobs.camel.rollout.RolloutView;
import io.github.iotjobs.camel.rollout.engine.RolloutEvent;

/** Prints each rollout decision as it happens, and a progress line per stage whenever its counts change. */
public final class ProgressView {

    private final PrintStream out;
    private final Map<String, String> lastLine = new HashMap<>();

    public ProgressView(PrintStream out) {
        this.out = out;
    }

    public synchronized void onEvent(RolloutEvent event) {
        String stage = event.stage() != null ? " stage " + event.stage() : "";
        out.println("  " + event.rolloutId() + ": " + event.type() + stage
                    + (event.detail() != null ? " (" + event.detail() + ")" : ""));
    }

    /** A line such as {@code [fw stage 2] running  done 512/800  failed 0  jobs 1/2}, printed when it changes. */
    public synchronized void onProgress(RolloutView view) {
        long done = view.jobs().stream().filter(j -> j.state().equals("done")).count();
        String line = String.format("  [%s stage %d] %-9s done %5d/%-5d failed %4d  jobs %d/%d done",
                view.rolloutId(), view.stage(), view.status().wire(), view.succeeded() + view.failed(),
                view.stageDevices(), view.failed(), done, view.jobs().size());
        if (!line.equals(lastLine.put(view.rolloutId(), line))) {
            out.println(line);
        }
    }

    public synchronized void println(String line) {
        out.println(line);
    }
}
