/*
 * Licensed to the Apache Software Foundation (ASF) under one or more contributor license agreements; and to You
 * under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance with the
 * License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.iotjobs.emulator.engine;

import java.time.Instant;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A validated job request, independent of the platform API it came through.
 *
 * @param updateTwin the twin patch as sent (echoed back in JobResponse), for twin jobs
 * @param tagsPatch  merged into twin tags, for twin jobs
 * @param desiredPatch merged into desired properties, for twin jobs
 */
public record JobSpec(String jobId, JobType type, String queryCondition, Instant startTime,
                      long maxExecutionTimeInSeconds, MethodCall method, ObjectNode updateTwin, JsonNode tagsPatch,
                      JsonNode desiredPatch) {
}
