/*
 * Licensed to the Apache Software Foundation (ASF) under one or more contributor license agreements; and to You
 * under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance with the
 * License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.iotjobs.camel.client.hub;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.iotjobs.camel.IotJobsOperationFailedException;
import io.github.iotjobs.camel.IotJobsPlatform;
import io.github.iotjobs.camel.model.DeviceJob;
import io.github.iotjobs.camel.model.DeviceJobStatus;
import io.github.iotjobs.camel.model.IotJob;
import io.github.iotjobs.camel.model.JobStatus;
import io.github.iotjobs.camel.client.DeviceQueries;
import io.github.iotjobs.camel.client.JobCancellation;
import io.github.iotjobs.camel.client.JobFilter;
import io.github.iotjobs.camel.client.MethodJobSpec;
import io.github.iotjobs.camel.client.Page;
import io.github.iotjobs.camel.client.SettledChange;
import io.github.iotjobs.camel.client.SettledChange.Done;
import io.github.iotjobs.camel.client.SettledChange.NotDone;
import io.github.iotjobs.camel.client.SettledChange.Other;
import io.github.iotjobs.camel.client.TargetedJobs;
import io.github.iotjobs.camel.client.TwinJobSpec;
import io.github.iotjobs.camel.transport.ApiRequest;
import io.github.iotjobs.camel.transport.ApiResponse;
import io.github.iotjobs.camel.transport.JsonBodies;
import io.github.iotjobs.camel.transport.PathSegments;
import io.github.iotjobs.camel.transport.PlatformHttpClient;
import io.github.iotjobs.camel.transport.RetryMode;

/**
 * Azure IoT Hub jobs v2: {@code /jobs/v2/...} for jobs and {@code POST /devices/query} for per-device rows and target
 * previews. Paging runs on the {@code x-ms-max-item-count} / {@code x-ms-continuation} headers over bare JSON arrays.
 * <p>
 * Creates and cancels are settled by {@link SettledChange}: a GET decides when their outcome is unknown.
 */
public final class HubJobsClient implements TargetedJobs, JobCancellation, DeviceQueries {

    private static final String CONTINUATION = "x-ms-continuation";
    private static final String MAX_ITEM_COUNT = "x-ms-max-item-count";
    private static final byte[] EMPTY_OBJECT = { '{', '}' };

    private final PlatformHttpClient http;
    private final String apiVersion;
    private final HubJobParser parser;
    private final HubDeviceRowReader deviceRows;
    private final int maxResends;

    /**
     * @param maxResends how many times a create or cancel is re-sent after a GET proved the last one did not happen
     */
    public HubJobsClient(PlatformHttpClient http, String apiVersion, HubJobParser parser, int maxResends) {
        this.http = http;
        this.apiVersion = apiVersion;
        this.parser = parser;
        this.deviceRows = new HubDeviceRowReader(parser);
        this.maxResends = maxResends;
    }

    @Override
    public IotJobsPlatform platform() {
        return IotJobsPlatform.hub;
    }

    @Override
    public IotJob getJob(String jobId) throws IotJobsOperationFailedException {
        return readJob(ApiRequest.get(jobPath(jobId)).withQuery("api-version", apiVersion));
    }

    @Override
    public Page<IotJob> listJobs(JobFilter filter, String continuation) throws IotJobsOperationFailedException {
        ApiRequest request = ApiRequest.get("/jobs/v2/query").withQuery("api-version", apiVersion);
        if (filter.jobType() != null) {
            request = request.withQuery("jobType", filter.jobType());
        }
        String status = serverSideStatus(filter.jobStatus());
        if (status != null) {
            request = request.withQuery("jobStatus", status);
        }
        request = paged(request, filter.pageSize(), continuation);
        ApiResponse response = http.execute(request);
        List<IotJob> jobs = new ArrayList<>();
        for (JsonNode item : array(request, response)) {
            jobs.add(parser.job(item));
        }
        return new Page<>(jobs, nextContinuation(response));
    }

    @Override
    public Page<DeviceJob> listJobDevices(String jobId, DeviceJobStatus status, int pageSize, String continuation)
            throws IotJobsOperationFailedException {
        return deviceJobsPage(HubJobRequests.deviceJobsQuery(jobId, status), pageSize, continuation);
    }

    /** Filtered by the hub itself: a page holds only final rows updated since {@code since}. */
    @Override
    public Page<DeviceJob> listFinishedDevices(String jobId, Instant since, int pageSize, String continuation)
            throws IotJobsOperationFailedException {
        return deviceJobsPage(HubJobRequests.finishedDeviceJobsQuery(jobId, since), pageSize, continuation);
    }

    private Page<DeviceJob> deviceJobsPage(String sql, int pageSize, String continuation)
            throws IotJobsOperationFailedException {
        ApiRequest request = deviceQuery(sql, pageSize, continuation);
        ApiResponse response = http.execute(request);
        return new Page<>(deviceRows.rows(request, response), nextContinuation(response));
    }

    @Override
    public Page<String> queryDevices(String queryCondition, int pageSize, String continuation)
            throws IotJobsOperationFailedException {
        ApiRequest request = deviceQuery(HubJobRequests.deviceIdsQuery(queryCondition), pageSize, continuation);
        ApiResponse response = http.execute(request);
        List<String> ids = new ArrayList<>();
        for (JsonNode item : array(request, response)) {
            ids.add(item.path("deviceId").asText());
        }
        return new Page<>(ids, nextContinuation(response));
    }

    @Override
    public IotJob scheduleDeviceMethod(MethodJobSpec spec) throws IotJobsOperationFailedException {
        return create(spec.jobId(), HubJobRequests.methodJob(spec), spec.queryCondition(), spec.repeated());
    }

    @Override
    public IotJob scheduleTwinUpdate(TwinJobSpec spec) throws IotJobsOperationFailedException {
        return create(spec.jobId(), HubJobRequests.twinJob(spec), spec.queryCondition(), spec.repeated());
    }

    @Override
    public IotJob cancelJob(String jobId) throws IotJobsOperationFailedException {
        ApiRequest request = ApiRequest.post(jobPath(jobId) + "/cancel", EMPTY_OBJECT, RetryMode.UNSAFE)
                .withQuery("api-version", apiVersion);
        return SettledChange.apply("cancel of job " + jobId, false, () -> readJob(request), reason -> {
            IotJob job = getJob(jobId);
            if (job.status() == JobStatus.cancelled) {
                return new Done<>(job);
            }
            boolean stillCancellable = job.status() == JobStatus.scheduled || job.status() == JobStatus.queued;
            return stillCancellable ? new NotDone<>() : new Other<>();
        }, maxResends);
    }

    @Override
    public void close() {
        http.close();
    }

    /** A job found under the id after a 409 is this create's when it has the type and target sent. */
    private IotJob create(String jobId, ObjectNode body, String queryCondition, boolean repeated)
            throws IotJobsOperationFailedException {
        ApiRequest request = ApiRequest.put(jobPath(jobId), JsonBodies.write(body), RetryMode.UNSAFE)
                .withQuery("api-version", apiVersion);
        String type = body.get("type").asText();
        return SettledChange.apply("create of job " + jobId, repeated, () -> readJob(request),
                reason -> SettledChange.createdJob(() -> getJob(jobId), job -> type.equalsIgnoreCase(job.type())
                        && (job.queryCondition() == null || Objects.equals(queryCondition, job.queryCondition())),
                        reason), maxResends);
    }

    private IotJob readJob(ApiRequest request) throws IotJobsOperationFailedException {
        return parser.job(JsonBodies.readObject(request, http.execute(request)));
    }

    private ApiRequest deviceQuery(String sql, int pageSize, String continuation) {
        ObjectNode body = JsonBodies.mapper().createObjectNode().put("query", sql);
        ApiRequest request = ApiRequest.post("/devices/query", JsonBodies.write(body), RetryMode.SAFE)
                .withQuery("api-version", apiVersion);
        return paged(request, pageSize, continuation);
    }

    private static ApiRequest paged(ApiRequest request, int pageSize, String continuation) {
        ApiRequest paged = request.withHeader(MAX_ITEM_COUNT, Integer.toString(pageSize));
        return continuation == null ? paged : paged.withHeader(CONTINUATION, continuation);
    }

    private static Iterable<JsonNode> array(ApiRequest request, ApiResponse response)
            throws IotJobsOperationFailedException {
        return JsonBodies.readArray(request, response);
    }

    private static String nextContinuation(ApiResponse response) {
        String token = response.header(CONTINUATION);
        return token == null || token.isEmpty() ? null : token;
    }

    /** The hub word to filter on, or null where the hub has several words for one status (filtered here). */
    private static String serverSideStatus(JobStatus status) {
        if (status == null) {
            return null;
        }
        return switch (status) {
            case scheduled, running, completed, failed, cancelled -> status.name();
            default -> null;
        };
    }

    private static String jobPath(String jobId) {
        return "/jobs/v2/" + PathSegments.encode(jobId);
    }
}
