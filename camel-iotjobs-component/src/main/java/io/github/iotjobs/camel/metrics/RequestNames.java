/*
 * Licensed to the Apache Software Foundation (ASF) under one or more contributor license agreements; and to You
 * under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance with the
 * License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.iotjobs.camel.metrics;

import java.util.Set;

/**
 * Names a request for meters and the dev console: its method and path with every id replaced by {@code {id}}
 * ({@code GET /jobs/v2/{id}}), so that a tag has a handful of values, never one per job or device.
 */
public final class RequestNames {

    /** The fixed words of the three platforms' paths; any other segment is an id. */
    private static final Set<String> WORDS = Set.of("jobs", "v1", "v2", "query", "cancel", "devices", "api",
            "scheduledJobs", "stop", "resume", "rerun", "deviceGroups", "deviceProperties");

    private RequestNames() {
    }

    public static String of(String method, String path) {
        StringBuilder name = new StringBuilder(method).append(' ');
        for (String segment : path.split("/")) {
            if (!segment.isEmpty()) {
                name.append('/').append(WORDS.contains(segment) ? segment : "{id}");
            }
        }
        return name.toString();
    }
}
