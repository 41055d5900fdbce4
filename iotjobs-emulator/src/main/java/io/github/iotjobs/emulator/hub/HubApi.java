/*
 * Licensed to the Apache Software Foundation (ASF) under one or more contributor license agreements; and to You
 * under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance with the
 * License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.iotjobs.emulator.hub;

import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.iotjobs.emulator.auth.SasValidator;
import io.github.iotjobs.emulator.engine.Job;
import io.github.iotjobs.emulator.engine.JobEngine;
import io.github.iotjobs.emulator.engine.JobEngineException;
import io.github.iotjobs.emulator.engine.JobSpec;
import io.github.iotjobs.emulator.engine.JobStatus;
import io.github.iotjobs.emulator.engine.JobType;
import io.github.iotjobs.emulator.fleet.DeviceTwin;
import io.github.iotjobs.emulator.fleet.Fleet;
import io.github.iotjobs.emulator.http.ApiException;
import io.github.iotjobs.emulator.http.Handler;
import io.github.iotjobs.emulator.http.Request;
import io.github.iotjobs.emulator.http.Response;
import io.github.iotjobs.emulator.json.Json;
import io.github.iotjobs.emulator.query.JsonDocument;
import io.github.iotjobs.emulator.query.QueryException;
import io.github.iotjobs.emulator.query.SqlQuery;
import io.github.iotjobs.emulator.quota.Quotas;
import io.github.iotjobs.emulator.quota.ThrottleClass;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The IoT Hub jobs v2 and device-query routes (protocol.md §2-3) over the shared fleet and job engine. */
public final class HubApi implements Handler {

    private static final Logger LOG = LoggerFactory.getLogger(HubApi.class);

    private final Fleet fleet;
    private final JobEngine engine;
    private final SasValidator sas;
    private final Clock clock;
    private final HubErrors errors;
    private final Quotas quotas;

    /**
     * @param sas    null to serve without authentication
     * @param quotas the jobs and queries quotas requests are admitted under
     */
    public HubApi(Fleet fleet, JobEngine engine, SasValidator sas, Clock clock, Quotas quotas) {
        this.fleet = fleet;
        this.engine = engine;
        this.sas = sas;
        this.clock = clock;
        this.quotas = quotas;
        this.errors = new HubErrors(clock);
    }

    @Override
    public Response error(ApiException error) {
        return errors.render(error);
    }

    @Override
    public Response handle(Request request) {
        List<String> s = request.segments();
        boolean jobs = s.size() >= 3 && s.size() <= 4 && s.get(0).equals("jobs") && s.get(1).equals("v2");
        boolean devicesQuery = s.size() == 2 && s.get(0).equals("devices") && s.get(1).equals("query");
        if (!jobs && !devicesQuery) {
            return null;
        }
        authorize(request);
        String apiVersion = request.queryParam("api-version");
        if (apiVersion == null || apiVersion.isBlank()) {
            throw new ApiException(400, "InvalidProtocolVersion", "BadRequest");
        }
        admit(devicesQuery ? ThrottleClass.QUERIES : ThrottleClass.JOBS);
        String method = request.method();
        if (devicesQuery) {
            requireMethod(method, "POST");
            return queryDevices(request);
        }
        String id = s.get(2);
        if (s.size() == 3 && id.equals("query")) {
            requireMethod(method, "GET");
            return queryJobs(request);
        }
        if (s.size() == 4) {
            if (!s.get(3).equals("cancel")) {
                return null;
            }
            requireMethod(method, "POST");
            JobRequestParser.checkJobId(id);
            return Response.json(200, engineCall(() -> engine.cancel(id)).toJson());
        }
        JobRequestParser.checkJobId(id);
        switch (method) {
            case "PUT":
                return create(id, request);
            case "GET":
                Job job = engine.job(id).orElseThrow(() -> new ApiException(404, "JobNotFound",
                        "Job with id '" + id + "' not found."));
                return Response.json(200, job.toJson());
            default:
                throw methodNotAllowed(method);
        }
    }

    private void authorize(Request request) {
        if (sas == null) {
            return;
        }
        String problem = sas.check(request.header("authorization"), request.hostHeader());
        if (problem != null) {
            LOG.debug("Rejected {} {}: {}", request.method(), request.path(), problem);
            throw new ApiException(401, "IotHubUnauthorizedAccess", "Unauthorized");
        }
    }

    /**
     * Spends one operation of the class' quota or answers 429 ThrottlingException (429001) in the hub's shape. No
     * source shows the hub sending Retry-After on 429 (protocol.md §1.2), so neither does the emulator.
     */
    private void admit(ThrottleClass throttleClass) {
        if (!quotas.tryAcquire(throttleClass)) {
            throw new ApiException(429, "ThrottlingException", "Throttling limits exceeded for " + throttleClass.wire()
                    + " (" + quotas.rate(throttleClass) + "). Error code 429001.");
        }
    }

    private Response create(String id, Request request) {
        JobSpec spec = JobRequestParser.parse(id, request.body(), clock.instant());
        Job job;
        try {
            job = engineCall(() -> engine.create(spec));
        } catch (ApiException e) {
            if (e.status() == 429) {
                // A create refused at the concurrent-job limit is a throttled jobs operation too.
                quotas.recordThrottled(ThrottleClass.JOBS);
            }
            throw e;
        }
        return Response.json(200, job.toSparseJson());
    }

    /** Every job type and status of the swagger enums (§4.1): valid filters, even if no emulated job has them. */
    private static final Set<String> KNOWN_TYPES = Set.of("unknown", "export", "import",
            "backup", "readdeviceproperties", "writedeviceproperties", "updatedeviceconfiguration", "rebootdevice",
            "factoryresetdevice", "firmwareupdate", "scheduledevicemethod", "scheduleupdatetwin",
            "restorefrombackup", "failoverdatacopy");
    private static final Set<String> KNOWN_STATUSES = Set.of("unknown", "enqueued", "running",
            "completed", "failed", "cancelled", "scheduled", "queued");

    private Response queryJobs(Request request) {
        String typeText = filter(request.queryParam("jobType"), KNOWN_TYPES, "jobType");
        String statusText = filter(request.queryParam("jobStatus"), KNOWN_STATUSES, "jobStatus");
        // Case-insensitive: Java sends camelCase, C# PascalCase (§2.4).
        JobType type = typeText == null ? null : JobType.fromWire(typeText);
        JobStatus status = statusText == null ? null : JobStatus.fromWire(statusText);
        boolean impossible = typeText != null && type == null || statusText != null && status == null;
        List<Job> items = new ArrayList<>();
        if (!impossible) {
            for (Job job : engine.jobs()) {
                if ((type == null || job.spec().type() == type) && (status == null || job.status() == status)) {
                    items.add(job);
                }
            }
        }
        return offsetPage(items, Paging.of(request), "JobResponse");
    }

    private static String filter(String value, Set<String> known, String name) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String trimmed = value.trim();
        if (!known.contains(trimmed.toLowerCase(Locale.ROOT))) {
            throw JobRequestParser.invalid("Unknown " + name + " '" + trimmed + "'.");
        }
        return trimmed;
    }

    private Response queryDevices(Request request) {
        Paging paging = Paging.of(request);
        String text;
        try {
            JsonNode body = Json.MAPPER.readTree(request.body());
            JsonNode query = body == null ? null : body.get("query");
            if (query == null || !query.isTextual()) {
                throw new ApiException(400, "ArgumentInvalid", "The body must be {\"query\": \"<SQL>\"}.");
            }
            text = query.textValue();
        } catch (IOException e) {
            throw new ApiException(400, "IotHubFormatError", "The request body is not valid JSON.");
        }
        SqlQuery query;
        try {
            query = SqlQuery.parse(text);
        } catch (QueryException e) {
            throw new ApiException(400, "ArgumentInvalid", "SQL query parse failed due to following errors: "
                    + e.getMessage());
        }
        if (query.source() == SqlQuery.Source.DEVICE_JOBS) {
            return deviceJobsPage(query, paging);
        }
        ArrayNode page = Json.NODES.arrayNode();
        String lastKey = null;
        boolean more = false;
        for (Map.Entry<String, DeviceTwin> e : fleet.after(paging.afterKey()).entrySet()) {
            DeviceTwin twin = fleet.indexed(e.getValue());
            if (twin == null || !query.where().test(twin)) {
                continue;
            }
            if (page.size() == paging.pageSize()) {
                more = true;
                break;
            }
            page.add(query.projection().isEmpty() ? twin.toJson()
                    : Projections.project(twin.toJson(), query.projection()));
            lastKey = e.getKey();
        }
        Response response = Response.json(200, page)
                .header("x-ms-item-type", query.projection().isEmpty() ? "Twin" : "Raw");
        if (more) {
            response.header("x-ms-continuation", Paging.keyToken(lastKey));
        }
        return response;
    }

    /**
     * A page of devices.jobs rows, read from where the continuation token points (a job and a row index in it), as
     * the lagging index shows them: the cost is the rows read, not the size of the job.
     */
    private Response deviceJobsPage(SqlQuery query, Paging paging) {
        List<Job> jobs = query.requiredJobId().map(id -> engine.job(id).map(List::of).orElse(List.<Job>of()))
                .orElseGet(engine::jobs);
        Paging.RowPosition position = paging.rowPosition();
        int jobIndex = 0;
        if (position != null) {
            while (jobIndex < jobs.size() && !jobs.get(jobIndex).spec().jobId().equals(position.jobId())) {
                jobIndex++;
            }
        }
        Instant cutoff = clock.instant().minus(engine.indexLag());
        List<ObjectNode> rows = new ArrayList<>(paging.pageSize());
        String nextToken = null;
        for (int j = jobIndex; j < jobs.size(); j++) {
            Job job = jobs.get(j);
            int from = position != null && j == jobIndex ? position.row() : 0;
            int next = job.readRows(from, cutoff, row -> query.where().test(new JsonDocument(row)),
                    paging.pageSize() - rows.size(), rows);
            if (rows.size() == paging.pageSize()) {
                if (next < job.rowCount()) {
                    nextToken = Paging.rowToken(job.spec().jobId(), next);
                } else if (j + 1 < jobs.size()) {
                    nextToken = Paging.rowToken(jobs.get(j + 1).spec().jobId(), 0);
                }
                break;
            }
        }
        ArrayNode page = Json.NODES.arrayNode();
        rows.forEach(page::add);
        Response response = Response.json(200, page).header("x-ms-item-type", "DeviceJob");
        if (nextToken != null) {
            response.header("x-ms-continuation", nextToken);
        }
        return response;
    }

    private static Response offsetPage(List<Job> items, Paging paging, String itemType) {
        int from = Math.min(paging.offset(), items.size());
        int to = Math.min(items.size(), from + paging.pageSize());
        ArrayNode page = Json.NODES.arrayNode();
        items.subList(from, to).forEach(job -> page.add(job.toJson()));
        Response response = Response.json(200, page).header("x-ms-item-type", itemType);
        if (to < items.size()) {
            response.header("x-ms-continuation", Paging.offsetToken(to));
        }
        return response;
    }

    private static void requireMethod(String actual, String expected) {
        if (!actual.equals(expected)) {
            throw methodNotAllowed(actual);
        }
    }

    private static ApiException methodNotAllowed(String method) {
        return new ApiException(405, "InvalidOperation", "The HTTP method " + method + " is not allowed here.");
    }

    private static <T> T engineCall(Supplier<T> call) {
        try {
            return call.get();
        } catch (JobEngineException e) {
            throw switch (e.reason()) {
                case NOT_FOUND -> new ApiException(404, "JobNotFound", e.getMessage());
                // Duplicate jobId: no source documents the answer; 409 is an inference (protocol.md §2.1.3).
                case ALREADY_EXISTS -> new ApiException(409, "JobAlreadyExists", e.getMessage());
                case TOO_MANY_ACTIVE_JOBS -> new ApiException(429, "ThrottlingMaxActiveJobCountExceeded", "429");
                case INVALID_STATE -> new ApiException(400, "OperationNotAllowedInCurrentState", e.getMessage());
            };
        }
    }
}
