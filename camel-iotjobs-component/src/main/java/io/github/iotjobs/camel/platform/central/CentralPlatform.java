/*
 * Licensed to the Apache Software Foundation (ASF) under one or more contributor license agreements; and to You
 * under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance with the
 * License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.iotjobs.camel.platform.central;

import java.net.URI;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.iotjobs.camel.IotJobsOperationFailedException;
import io.github.iotjobs.camel.IotJobsOperations;
import io.github.iotjobs.camel.IotJobsPlatform;
import io.github.iotjobs.camel.model.DeviceJob;
import io.github.iotjobs.camel.model.DeviceJobStatus;
import io.github.iotjobs.camel.model.IotJob;
import io.github.iotjobs.camel.model.JobStatus;
import io.github.iotjobs.camel.platform.JobFilter;
import io.github.iotjobs.camel.platform.JobPlatform;
import io.github.iotjobs.camel.platform.Page;
import io.github.iotjobs.camel.transport.AmbiguousOutcomeException;
import io.github.iotjobs.camel.transport.ApiRequest;
import io.github.iotjobs.camel.transport.ApiResponse;
import io.github.iotjobs.camel.transport.JsonBodies;
import io.github.iotjobs.camel.transport.PathSegments;
import io.github.iotjobs.camel.transport.PlatformHttpClient;
import io.github.iotjobs.camel.transport.RetryMode;

/**
 * Azure IoT Central data plane under {@code /api} (protocol.md §10): jobs, scheduled jobs and device groups, paged
 * through {@code nextLink}. A change whose outcome is unknown is settled with a read, never re-sent blindly.
 */
public final class CentralPlatform implements JobPlatform {

    private static final Set<IotJobsOperations> SUPPORTED = EnumSet.of(
            IotJobsOperations.createJob, IotJobsOperations.getJob, IotJobsOperations.listJobs,
            IotJobsOperations.listJobDevices, IotJobsOperations.stopJob, IotJobsOperations.resumeJob,
            IotJobsOperations.rerunJob, IotJobsOperations.createScheduledJob, IotJobsOperations.getScheduledJob,
            IotJobsOperations.listScheduledJobs, IotJobsOperations.updateScheduledJob,
            IotJobsOperations.deleteScheduledJob, IotJobsOperations.listScheduledJobRuns,
            IotJobsOperations.listDeviceGroups);

    /** The service's own page size; smaller sizes are asked for with {@code maxpagesize}. */
    private static final int SERVICE_PAGE_SIZE = 100;
    private static final String MERGE_PATCH = "application/merge-patch+json";

    private final PlatformHttpClient http;
    private final String apiVersion;
    private final CentralJobParser parser;
    private final String basePath;

    public CentralPlatform(PlatformHttpClient http, String baseUrl, String apiVersion, CentralJobParser parser) {
        this.http = http;
        this.apiVersion = apiVersion;
        this.parser = parser;
        String path = URI.create(baseUrl).getRawPath();
        this.basePath = path == null || path.equals("/") ? "" : path.replaceAll("/+$", "");
    }

    @Override
    public IotJobsPlatform kind() {
        return IotJobsPlatform.central;
    }

    @Override
    public Set<IotJobsOperations> supportedOperations() {
        return SUPPORTED;
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

    @Override
    public IotJob createJob(String jobId, ObjectNode definition) throws IotJobsOperationFailedException {
        ApiRequest request = versioned(ApiRequest.put(jobPath(jobId), JsonBodies.write(definition),
                RetryMode.UNSAFE));
        try {
            return parser.job(JsonBodies.readObject(request, http.execute(request)));
        } catch (AmbiguousOutcomeException unknown) {
            return settle(jobId, unknown);
        }
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
    public IotJob rerunJob(String jobId, String rerunId) throws IotJobsOperationFailedException {
        ApiRequest request = versioned(ApiRequest.put(jobPath(jobId) + "/rerun/" + PathSegments.encode(rerunId),
                null, RetryMode.UNSAFE));
        try {
            return parser.job(JsonBodies.readObject(request, http.execute(request)));
        } catch (AmbiguousOutcomeException unknown) {
            return settle(rerunId, unknown);
        }
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
        try {
            http.execute(request);
        } catch (AmbiguousOutcomeException unknown) {
            try {
                getScheduledJob(scheduledJobId);
            } catch (IotJobsOperationFailedException e) {
                if (e.getStatusCode() == 404) {
                    return;
                }
            }
            throw unknown;
        }
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

    /** Stop and resume answer 204 without a body: the job is read back to return it. */
    private IotJob control(String jobId, String action, JobStatus expected) throws IotJobsOperationFailedException {
        ApiRequest request = versioned(ApiRequest.post(jobPath(jobId) + "/" + action, null, RetryMode.UNSAFE));
        try {
            http.execute(request);
        } catch (AmbiguousOutcomeException unknown) {
            IotJob job = getJob(jobId);
            if (job.status() == expected) {
                return job;
            }
            throw unknown;
        }
        return getJob(jobId);
    }

    /** After a create with no answer: the job exists (it took effect) or the failure stands. */
    private IotJob settle(String jobId, AmbiguousOutcomeException unknown) throws IotJobsOperationFailedException {
        try {
            return getJob(jobId);
        } catch (IotJobsOperationFailedException e) {
            if (e.getStatusCode() == 404) {
                throw unknown;
            }
            throw e;
        }
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
