/*
 * Licensed to the Apache Software Foundation (ASF) under one or more contributor license agreements; and to You
 * under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance with the
 * License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.iotjobs.camel.client.hub;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.time.format.DateTimeFormatter;

import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.iotjobs.camel.model.DeviceJobStatus;
import io.github.iotjobs.camel.client.MethodJobSpec;
import io.github.iotjobs.camel.client.TwinJobSpec;
import io.github.iotjobs.camel.transport.JsonBodies;

/**
 * The bodies and queries the hub expects: {@code JobRequest} for creates, and the SQL of {@code POST /devices/query}.
 */
final class HubJobRequests {

    /** The format the SDKs send and the docs show: UTC with milliseconds. */
    private static final DateTimeFormatter START_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'")
            .withZone(ZoneOffset.UTC);

    private HubJobRequests() {
    }

    static ObjectNode methodJob(MethodJobSpec spec) {
        ObjectNode body = common(spec.jobId(), "scheduleDeviceMethod");
        ObjectNode method = body.putObject("cloudToDeviceMethod");
        method.put("methodName", spec.methodName());
        method.set("payload", spec.payload() == null ? NullNode.getInstance() : spec.payload());
        method.put("responseTimeoutInSeconds", spec.responseTimeoutSeconds());
        method.put("connectTimeoutInSeconds", spec.connectTimeoutSeconds());
        return schedule(body, spec.queryCondition(), spec.startTime(), spec.maxExecutionSeconds());
    }

    static ObjectNode twinJob(TwinJobSpec spec) {
        ObjectNode body = common(spec.jobId(), "scheduleUpdateTwin");
        ObjectNode twin = spec.patch().deepCopy();
        // A twin job is a forced update: the hub accepts only '*' as its etag.
        twin.put("etag", "*");
        body.set("updateTwin", twin);
        return schedule(body, spec.queryCondition(), spec.startTime(), spec.maxExecutionSeconds());
    }

    /** The rows of one job, optionally of one device status; the hub spells cancelled with one l here. */
    static String deviceJobsQuery(String jobId, DeviceJobStatus status) {
        String sql = "SELECT * FROM devices.jobs WHERE devices.jobs.jobId = " + quote(jobId);
        if (status == null) {
            return sql;
        }
        String word = status == DeviceJobStatus.cancelled ? "canceled" : status.name();
        return sql + " AND devices.jobs.status = " + quote(word);
    }

    /**
     * The rows of one job in a final state, last updated at or after {@code since} (null: all): the status and time
     * conditions {@code devices.jobs} accepts (protocol.md §3, §7.2), so the hub returns only rows that changed.
     * Times compare as the ISO-8601 strings the rows carry, whose fractions may have other lengths than ours (the hub
     * writes seven digits): the bound is the last millisecond of the second before {@code since}'s, so every row of
     * that second or later compares greater, whatever its digits. A few rows more, never one less.
     */
    static String finishedDeviceJobsQuery(String jobId, Instant since) {
        String sql = deviceJobsQuery(jobId, null) + " AND devices.jobs.status IN ['completed', 'failed', 'canceled']";
        return since == null ? sql : sql + " AND devices.jobs.lastUpdatedDateTimeUtc >= "
                                      + quote(START_TIME.format(since.truncatedTo(ChronoUnit.SECONDS).minusMillis(1)));
    }

    static String deviceIdsQuery(String queryCondition) {
        String condition = queryCondition.trim();
        return "*".equals(condition) ? "SELECT deviceId FROM devices"
                : "SELECT deviceId FROM devices WHERE " + condition;
    }

    private static ObjectNode common(String jobId, String type) {
        ObjectNode body = JsonBodies.mapper().createObjectNode();
        body.put("jobId", jobId);
        body.put("type", type);
        return body;
    }

    private static ObjectNode schedule(ObjectNode body, String queryCondition, Instant startTime, long maxSeconds) {
        body.put("queryCondition", queryCondition);
        body.put("startTime", START_TIME.format(startTime));
        body.put("maxExecutionTimeInSeconds", maxSeconds);
        return body;
    }

    private static String quote(String value) {
        return "'" + value.replace("\\", "\\\\").replace("'", "\\'") + "'";
    }
}
