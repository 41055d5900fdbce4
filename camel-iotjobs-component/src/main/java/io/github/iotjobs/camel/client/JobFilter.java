/*
 * Licensed to the Apache Software Foundation (ASF) under one or more contributor license agreements; and to You
 * under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance with the
 * License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.iotjobs.camel.client;

import java.time.Instant;

import io.github.iotjobs.camel.model.IotJob;
import io.github.iotjobs.camel.model.JobStatus;

/**
 * Which jobs a listing returns. Platforms apply what their API can filter on and the rest is applied here, on the
 * client, so that every filter works on every platform.
 *
 * @param jobType   the platform's job type word, or null for all
 * @param jobStatus the normalized status, or null for all
 * @param from      only jobs created at or after, or null
 * @param to        only jobs created at or before, or null
 * @param pageSize  items requested per page
 */
public record JobFilter(String jobType, JobStatus jobStatus, Instant from, Instant to, int pageSize) {

    /** Whether the job passes the filter; jobs without a creation time pass the time bounds. */
    public boolean accepts(IotJob job) {
        if (jobType != null && !jobType.equalsIgnoreCase(job.type())) {
            return false;
        }
        if (jobStatus != null && jobStatus != job.status()) {
            return false;
        }
        Instant created = job.createdTime();
        if (created != null && from != null && created.isBefore(from)) {
            return false;
        }
        return created == null || to == null || !created.isAfter(to);
    }
}
