/*
 * Licensed to the Apache Software Foundation (ASF) under one or more contributor license agreements; and to You
 * under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance with the
 * License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.iotjobs.camel.client.central;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.iotjobs.camel.IotJobsOperationFailedException;
import io.github.iotjobs.camel.IotJobsPlatform;
import io.github.iotjobs.camel.model.DeviceJob;
import io.github.iotjobs.camel.model.DeviceJobStatus;
import io.github.iotjobs.camel.model.IotJob;
import io.github.iotjobs.camel.model.JobStatus;
import io.github.iotjobs.camel.client.DeviceGroups;
import io.github.iotjobs.camel.client.GroupJobs;
import io.github.iotjobs.camel.client.JobFilter;
import io.github.iotjobs.camel.client.Page;
import io.github.iotjobs.camel.client.ScheduledJobs;
import io.github.iotjobs.camel.client.SettledChange;
import io.github.iotjobs.camel.client.SettledChange.Done;
import io.github.iotjobs.camel.client.SettledChange.NotDone;
import io.github.iotjobs.camel.client.SettledChange.Other;
import io.github.iotjobs.camel.transport.ApiRequest;
import io.github.iotjobs.camel.transport.ApiResponse;
import io.github.iotjobs.camel.transport.JsonBodies;
import io.github.iotjobs.camel.transport.PathSegments;
import io.github.iotjobs.camel.transport.PlatformHttpClient;
import io.github.iotjobs.camel.transport.RetryMode;

/**
 * Azure IoT Central data plane under {@code /api} (protocol.md §10): jobs, scheduled jobs and device groups, paged
 * through {@code nextLink}. Changes that are not idempotent are settled by {@link SettledChange}: a read decides when
 * their outcome is unknown.
 */
public final class CentralJobsClient implements GroupJobs, ScheduledJobs, DeviceGroups {

    /** The service's own page size; smaller sizes are asked for with {@code maxpagesize}. */
    private static final int SERVICE_PAGE_SIZE = 100;
    private static final String MERGE_PATCH = "application/merge-patch+json";

    private final PlatformHttpClient http;
    private final String apiVersion;
    private final CentralJobParser parser;
    private final String basePath;
    private final int maxResends;

    /**
     * @param maxResends how many times a change is re-sent after a read proved the last one did not happen
     */
    public CentralJobsClient(PlatformHttpClient http, String baseUrl, String apiVersion, CentralJobParser parser,
                             int maxResends) {
        this.http = http;
        this.apiVersion = apiVersion;
        this.parser = parser;
        this.maxResends = maxResends;
        String path = URI.create(baseUrl).getRawPath();
        this.basePath = path == null || path.equals("/") ? "" : path.replaceAll("/+$", "");
    }

    @Override
    public IotJobsPlatform platform() {
        return IotJobsPlatform.central;
    }

    @Override
    public IotJob getJob(String jobId) throws IotJobsOperationFailedException {
        return parser.job(readObject(get(jobPath(jobId))));
    }

    @Override
    public Page<IotJob> listJobs(JobFilter filter, String continuation) throws IotJobsOperationFailedException {
        return page(continuation, paged(get("/api/jobs"), filter.pageSize()), parser::job);
    }

    @Override
    public Page<DeviceJob> listJobDevices(String jobId, DeviceJobStatus status, int pageSize, String continuation)
            throws IotJobsOperationFailedException {
        Page<DeviceJob> page = page(continuation, paged(get(jobPath(jobId) + "/devices"), pageSize),
                item -> parser.deviceJob(jobId, item));
        if (status == null) {
            return page;
        }
        // The API has no status filter: filter each page here.
        return new Page<>(page.items().stream().filter(row -> row.status() == status).toList(), page.continuation());
    }

    /**
     * A job found under the id after a lost answer is this create's (the id is this create's); after a 409, only when
     * it runs on the group sent.
     */
    @Override
    public IotJob createJob(String jobId, ObjectNode definition, boolean repeated)
            throws IotJobsOperationFailedException {
        ApiRequest request = versioned(ApiRequest.put(jobPath(jobId), JsonBodies.write(definition),
                RetryMode.UNSAFE));
        String group = definition.path("group").asText(null);
        return SettledChange.apply("create of job " + jobId, repeated, () -> readJob(request),
                reason -> SettledChange.createdJob(() -> getJob(jobId),
                        job -> Objects.equals(group, job.queryCondition()), reason), maxResends);
    }

    @Override
    public IotJob stopJob(String jobId) throws IotJobsOperationFailedException {
        return control(jobId, "stop", JobStatus.stopped);
    }

    @Override
    public IotJob resumeJob(String jobId) throws IotJobsOperationFailedException {
        return control(jobId, "resume", JobStatus.running);
    }

    @Override
    public IotJob rerunJob(String jobId, String rerunId, boolean repeated) throws IotJobsOperationFailedException {
        ApiRequest request = versioned(ApiRequest.put(jobPath(jobId) + "/rerun/" + PathSegments.encode(rerunId),
                null, RetryMode.UNSAFE));
        return SettledChange.apply("rerun " + rerunId + " of job " + jobId, repeated, () -> readJob(request),
                reason -> SettledChange.createdJob(() -> getJob(rerunId), job -> true, reason), maxResends);
    }

    @Override
    public JsonNode createScheduledJob(String scheduledJobId, ObjectNode definition)
            throws IotJobsOperationFailedException {
        // PUT replaces the whole definition, so sending it again after an unknown outcome is harmless.
        ApiRequest request = versioned(ApiRequest.put(scheduledPath(scheduledJobId), JsonBodies.write(definition),
                RetryMode.SAFE));
        return JsonBodies.readObject(request, http.execute(request));
    }

    @Override
    public JsonNode getScheduledJob(String scheduledJobId) throws IotJobsOperationFailedException {
        return readObject(get(scheduledPath(scheduledJobId)));
    }

    @Override
    public Page<JsonNode> listScheduledJobs(int pageSize, String continuation) throws IotJobsOperationFailedException {
        return page(continuation, paged(get("/api/scheduledJobs"), pageSize), Function.identity());
    }

    @Override
    public JsonNode updateScheduledJob(String scheduledJobId, ObjectNode mergePatch)
            throws IotJobsOperationFailedException {
        // A merge patch applied twice gives the same document.
        ApiRequest request = versioned(ApiRequest.patch(scheduledPath(scheduledJobId), JsonBodies.write(mergePatch),
                RetryMode.SAFE)).withHeader("Content-Type", MERGE_PATCH);
        return JsonBodies.readObject(request, http.execute(request));
    }

    @Override
    public void deleteScheduledJob(String scheduledJobId) throws IotJobsOperationFailedException {
        ApiRequest request = versioned(ApiRequest.delete(scheduledPath(scheduledJobId), RetryMode.UNSAFE));
        SettledChange.apply("delete of scheduled job " + scheduledJobId, false, () -> http.execute(request), reason -> {
            JsonNode left = SettledChange.readOrNull(() -> getScheduledJob(scheduledJobId));
            return left == null ? new Done<>(null) : new NotDone<>();
        }, maxResends);
    }

    @Override
    public Page<IotJob> listScheduledJobRuns(String scheduledJobId, int pageSize, String continuation)
            throws IotJobsOperationFailedException {
        return page(continuation, paged(get(scheduledPath(scheduledJobId) + "/jobs"), pageSize), parser::job);
    }

    @Override
    public Page<JsonNode> listDeviceGroups(int pageSize, String continuation) throws IotJobsOperationFailedException {
        return page(continuation, paged(get("/api/deviceGroups"), pageSize), Function.identity());
    }

    @Override
    public void close() {
        http.close();
    }

    /**
     * Stop and resume answer 204 without a body: the job is read back to return it. When the answer is lost, only the
     * job in the expected status settles it.
     */
    private IotJob control(String jobId, String action, JobStatus expected) throws IotJobsOperationFailedException {
        ApiRequest request = versioned(ApiRequest.post(jobPath(jobId) + "/" + action, null, RetryMode.UNSAFE));
        return SettledChange.apply(action + " of job " + jobId, false, () -> {
            http.execute(request);
            return getJob(jobId);
        }, reason -> {
            IotJob job = getJob(jobId);
            return job.status() == expected ? new Done<>(job) : new Other<>();
        }, maxResends);
    }

    private IotJob readJob(ApiRequest request) throws IotJobsOperationFailedException {
        return parser.job(JsonBodies.readObject(request, http.execute(request)));
    }

    private <T> Page<T> page(String continuation, ApiRequest first, Function<JsonNode, T> mapper)
            throws IotJobsOperationFailedException {
        ApiRequest request = continuation == null ? first : NextLink.request(continuation, basePath);
        JsonNode body = readObject(request);
        JsonNode value = body.get("value");
        if (value == null || !value.isArray()) {
            throw new IotJobsOperationFailedException(200, JsonBodies.MALFORMED_RESPONSE,
                    "expected a collection with a value array", null, request.method(), request.path(), null, null);
        }
        List<T> items = new ArrayList<>();
        value.forEach(item -> items.add(mapper.apply(item)));
        JsonNode next = body.get("nextLink");
        return new Page<>(items, next != null && next.isTextual() && !next.asText().isBlank() ? next.asText() : null);
    }

    private JsonNode readObject(ApiRequest request) throws IotJobsOperationFailedException {
        ApiResponse response = http.execute(request);
        return JsonBodies.readObject(request, response);
    }

    private ApiRequest get(String path) {
        return versioned(ApiRequest.get(path));
    }

    private ApiRequest versioned(ApiRequest request) {
        return request.withQuery("api-version", apiVersion);
    }

    private static ApiRequest paged(ApiRequest request, int pageSize) {
        return pageSize > 0 && pageSize < SERVICE_PAGE_SIZE
                ? request.withQuery("maxpagesize", Integer.toString(pageSize)) : request;
    }

    private static String jobPath(String jobId) {
        return "/api/jobs/" + PathSegments.encode(jobId);
    }

    private static String scheduledPath(String scheduledJobId) {
        return "/api/scheduledJobs/" + PathSegments.encode(scheduledJobId);
    }
}
