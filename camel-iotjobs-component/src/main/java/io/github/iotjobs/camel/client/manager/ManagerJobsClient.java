/*
 * Licensed to the Apache Software Foundation (ASF) under one or more contributor license agreements; and to You
 * under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance with the
 * License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.iotjobs.camel.client.manager;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.iotjobs.camel.IotJobsOperationFailedException;
import io.github.iotjobs.camel.IotJobsPlatform;
import io.github.iotjobs.camel.model.DeviceJob;
import io.github.iotjobs.camel.model.DeviceJobStatus;
import io.github.iotjobs.camel.model.IotJob;
import io.github.iotjobs.camel.model.JobStatus;
import io.github.iotjobs.camel.client.DeviceProperties;
import io.github.iotjobs.camel.client.JobFilter;
import io.github.iotjobs.camel.client.MethodJobSpec;
import io.github.iotjobs.camel.client.Page;
import io.github.iotjobs.camel.client.SettledChange;
import io.github.iotjobs.camel.client.TargetedJobs;
import io.github.iotjobs.camel.client.TwinJobSpec;
import io.github.iotjobs.camel.transport.ApiRequest;
import io.github.iotjobs.camel.transport.JsonBodies;
import io.github.iotjobs.camel.transport.PathSegments;
import io.github.iotjobs.camel.transport.PlatformHttpClient;
import io.github.iotjobs.camel.transport.RetryMode;

/**
 * The Remote Monitoring IoTHub Manager jobs API (protocol.md §11): {@code POST /v1/jobs} schedules method and twin
 * jobs, {@code GET /v1/jobs/{id}} reads one (with its per-device rows when {@code includeDeviceDetails=true}),
 * {@code GET /v1/jobs} lists them all in one answer, and {@code GET /v1/deviceProperties} names the tags and reported
 * properties. Requests are written in camelCase, which both the .NET service (case-insensitive binding) and the Java
 * port read, with enums as numbers, which both accept; answers are read in either casing.
 * <p>
 * Creates are settled by {@link SettledChange}: a GET decides when their outcome is unknown.
 */
public final class ManagerJobsClient implements TargetedJobs, DeviceProperties {

    private static final DateTimeFormatter UTC = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'")
            .withZone(ZoneOffset.UTC);

    private final PlatformHttpClient http;
    private final ManagerJobParser parser;
    private final int maxResends;

    public ManagerJobsClient(PlatformHttpClient http, ManagerJobParser parser, int maxResends) {
        this.http = http;
        this.parser = parser;
        this.maxResends = maxResends;
    }

    @Override
    public IotJobsPlatform platform() {
        return IotJobsPlatform.manager;
    }

    @Override
    public IotJob getJob(String jobId) throws IotJobsOperationFailedException {
        ApiRequest request = ApiRequest.get(jobPath(jobId));
        return parser.job(JsonBodies.readObject(request, http.execute(request)));
    }

    /** The service returns every matching job in one answer: there is one page. */
    @Override
    public Page<IotJob> listJobs(JobFilter filter, String continuation) throws IotJobsOperationFailedException {
        ApiRequest request = ApiRequest.get("/v1/jobs");
        String type = ManagerCodes.jobTypeCode(filter.jobType());
        if (type != null) {
            request = request.withQuery("jobType", type);
        }
        String status = ManagerCodes.jobStatusCode(filter.jobStatus());
        if (status != null) {
            request = request.withQuery("jobStatus", status);
        }
        request = request.withQuery("pageSize", Integer.toString(filter.pageSize()));
        if (filter.from() != null) {
            request = request.withQuery("from", UTC.format(filter.from()));
        }
        if (filter.to() != null) {
            request = request.withQuery("to", UTC.format(filter.to()));
        }
        List<IotJob> jobs = new ArrayList<>();
        for (JsonNode item : JsonBodies.readArray(request, http.execute(request))) {
            jobs.add(parser.job(item));
        }
        return new Page<>(jobs, null);
    }

    /**
     * The rows come with the job, in one answer. Completed and cancelled rows are filtered here: the service's
     * device-job query failed on those statuses (iothub-manager {@code Jobs.cs}, citing azure-iot-sdk-csharp#257).
     */
    @Override
    public Page<DeviceJob> listJobDevices(String jobId, DeviceJobStatus status, int pageSize, String continuation)
            throws IotJobsOperationFailedException {
        ApiRequest request = ApiRequest.get(jobPath(jobId)).withQuery("includeDeviceDetails", "true");
        boolean serverSide = status != null && status != DeviceJobStatus.completed
                             && status != DeviceJobStatus.cancelled;
        if (serverSide) {
            request = request.withQuery("deviceJobStatus", Integer.toString(ManagerCodes.deviceJobStatusCode(status)));
        }
        JsonNode job = JsonBodies.readObject(request, http.execute(request));
        IotJob parsed = parser.job(job);
        List<DeviceJob> rows = new ArrayList<>();
        for (JsonNode item : parser.devices(job)) {
            DeviceJob row = parser.deviceJob(parsed.jobId() != null ? parsed.jobId() : jobId, parsed.type(), item);
            if (status == null || row.status() == status) {
                rows.add(row);
            }
        }
        return new Page<>(rows, null);
    }

    @Override
    public IotJob scheduleDeviceMethod(MethodJobSpec spec) throws IotJobsOperationFailedException {
        ObjectNode body = common(spec.jobId(), spec.queryCondition(), spec.startTime(), spec.maxExecutionSeconds());
        ObjectNode method = body.putObject("methodParameter");
        method.put("name", spec.methodName());
        if (spec.payload() != null && !spec.payload().isNull()) {
            // The service takes the payload as a JSON string (iothub-manager MethodParameterApiModel.JsonPayload).
            method.put("jsonPayload", spec.payload().toString());
        }
        method.put("responseTimeout", timeSpan(spec.responseTimeoutSeconds()));
        method.put("connectionTimeout", timeSpan(spec.connectTimeoutSeconds()));
        return create(spec.jobId(), body, ManagerCodes.SCHEDULE_DEVICE_METHOD, spec.repeated());
    }

    @Override
    public IotJob scheduleTwinUpdate(TwinJobSpec spec) throws IotJobsOperationFailedException {
        ObjectNode body = common(spec.jobId(), spec.queryCondition(), spec.startTime(), spec.maxExecutionSeconds());
        ObjectNode twin = body.putObject("updateTwin");
        JsonNode tags = spec.patch().get("tags");
        if (tags != null && !tags.isNull()) {
            twin.set("tags", tags);
        }
        JsonNode desired = spec.patch().path("properties").get("desired");
        if (desired != null && !desired.isNull()) {
            twin.putObject("properties").set("desired", desired);
        }
        return create(spec.jobId(), body, ManagerCodes.SCHEDULE_UPDATE_TWIN, spec.repeated());
    }

    /** The tag and reported-property names the service knows ({@code Tags}, {@code Reported}), as sent. */
    @Override
    public JsonNode getDeviceProperties() throws IotJobsOperationFailedException {
        ApiRequest request = ApiRequest.get("/v1/deviceProperties");
        return JsonBodies.readObject(request, http.execute(request));
    }

    @Override
    public void close() {
        http.close();
    }

    /** A job found under the id after a 409 is this create's when it has the type and target sent. */
    private IotJob create(String jobId, ObjectNode body, String type, boolean repeated)
            throws IotJobsOperationFailedException {
        ApiRequest request = ApiRequest.post("/v1/jobs", JsonBodies.write(body), RetryMode.UNSAFE);
        String queryCondition = body.path("queryCondition").asText(null);
        return SettledChange.apply("create of job " + jobId, repeated,
                () -> parser.job(JsonBodies.readObject(request, http.execute(request))),
                reason -> SettledChange.createdJob(() -> getJob(jobId), job -> type.equals(job.type())
                        && (job.queryCondition() == null || Objects.equals(queryCondition, job.queryCondition())),
                        reason), maxResends);
    }

    private static ObjectNode common(String jobId, String queryCondition, Instant startTime, long maxSeconds) {
        ObjectNode body = JsonBodies.mapper().createObjectNode();
        body.put("jobId", jobId);
        body.put("queryCondition", queryCondition);
        body.put("startTimeUtc", UTC.format(startTime != null ? startTime : Instant.now()));
        body.put("maxExecutionTimeInSeconds", maxSeconds > 0 ? maxSeconds : 3600);
        return body;
    }

    /** A .NET TimeSpan as it serializes: {@code hh:mm:ss}. */
    static String timeSpan(int seconds) {
        return String.format(Locale.ROOT, "%02d:%02d:%02d", seconds / 3600, seconds / 60 % 60, seconds % 60);
    }

    private static String jobPath(String jobId) {
        return "/v1/jobs/" + PathSegments.encode(jobId);
    }
}
