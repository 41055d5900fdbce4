/*
 * Licensed to the Apache Software Foundation (ASF) under one or more contributor license agreements; and to You
 * under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance with the
 * License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.iotjobs.camel.producer;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.iotjobs.camel.IotJobsConfiguration;
import io.github.iotjobs.camel.IotJobsConstants;
import io.github.iotjobs.camel.IotJobsOperationFailedException;
import io.github.iotjobs.camel.IotJobsOperations;
import io.github.iotjobs.camel.IotJobsPlatform;
import io.github.iotjobs.camel.model.DeviceJob;
import io.github.iotjobs.camel.model.IotJob;
import io.github.iotjobs.camel.client.DeviceGroups;
import io.github.iotjobs.camel.client.DeviceProperties;
import io.github.iotjobs.camel.client.DeviceQueries;
import io.github.iotjobs.camel.client.GroupJobs;
import io.github.iotjobs.camel.client.JobCancellation;
import io.github.iotjobs.camel.client.JobFilter;
import io.github.iotjobs.camel.client.JobsClient;
import io.github.iotjobs.camel.client.MethodJobSpec;
import io.github.iotjobs.camel.client.Page;
import io.github.iotjobs.camel.client.PageFetcher;
import io.github.iotjobs.camel.client.PagedIterator;
import io.github.iotjobs.camel.client.Pages;
import io.github.iotjobs.camel.client.ScheduledJobs;
import io.github.iotjobs.camel.client.TargetedJobs;
import io.github.iotjobs.camel.client.TwinJobSpec;
import io.github.iotjobs.camel.client.central.CentralInputRules;
import io.github.iotjobs.camel.transport.JsonBodies;
import io.github.iotjobs.camel.validation.IotJobsValidationException;
import org.apache.camel.Exchange;
import org.apache.camel.Message;

/**
 * Performs one producer operation for one exchange: reads and validates its inputs, calls the platform, and puts the
 * result on the message.
 */
public final class JobOperations {

    /** Exchange property: an earlier attempt of this exchange may have sent its change. */
    public static final String ATTEMPTED = "CamelIotJobsAttempted";
    private static final String GENERATED_JOB_ID = "CamelIotJobsGeneratedJobId";
    private static final String GENERATED_RERUN_ID = "CamelIotJobsGeneratedRerunId";

    private static final Clock CLOCK = Clock.systemUTC();
    private static final JsonBodyReader BODIES = new JsonBodyReader(JsonBodies.mapper());

    private final JobsClient client;
    private final IotJobsConfiguration configuration;
    private final Exchange exchange;
    private final OperationInputs inputs;
    private JobWaiter waiter;

    public JobOperations(JobsClient client, IotJobsConfiguration configuration, Exchange exchange) {
        this.client = client;
        this.configuration = configuration;
        this.exchange = exchange;
        this.inputs = new OperationInputs(configuration, exchange.getMessage(), CLOCK);
    }

    /**
     * Performs the operation; the caller has checked that the client supports it.
     *
     * @return the wait for the job to end, when waitForCompletion asks for one; else null
     */
    public JobWaiter perform(IotJobsOperations operation) throws Exception {
        Message message = exchange.getMessage();
        if (inputs.waitForCompletion()) {
            // Checked before any request, like every other input.
            InputRules.waitTimes(inputs.pollInterval(), inputs.waitTimeout());
        }
        switch (operation) {
            case scheduleDeviceMethod -> respond(awaitIfAsked(as(TargetedJobs.class).scheduleDeviceMethod(methodJob())));
            case scheduleTwinUpdate -> respond(awaitIfAsked(as(TargetedJobs.class).scheduleTwinUpdate(twinJob())));
            case getJob -> respond(awaitIfAsked(client.getJob(existingJobId(operation))));
            case cancelJob -> respond(as(JobCancellation.class).cancelJob(existingJobId(operation)));
            case listJobs -> message.setBody(listJobs());
            case listJobDevices -> message.setBody(listJobDevices(existingJobId(operation)));
            case queryDevices -> queryDevices(message);
            case createJob -> createJob();
            case stopJob -> respond(as(GroupJobs.class).stopJob(existingJobId(operation)));
            case resumeJob -> respond(awaitIfAsked(as(GroupJobs.class).resumeJob(existingJobId(operation))));
            case rerunJob -> rerunJob(existingJobId(operation));
            case createScheduledJob -> createScheduledJob();
            case getScheduledJob -> scheduledJob(as(ScheduledJobs.class).getScheduledJob(existingJobId(operation)));
            case listScheduledJobs -> message.setBody(all(as(ScheduledJobs.class)::listScheduledJobs));
            case updateScheduledJob -> updateScheduledJob(existingJobId(operation));
            case deleteScheduledJob -> deleteScheduledJob(existingJobId(operation));
            case listScheduledJobRuns -> listScheduledJobRuns(existingJobId(operation));
            case listDeviceGroups -> message.setBody(all(as(DeviceGroups.class)::listDeviceGroups));
            case getDeviceProperties -> message.setBody(as(DeviceProperties.class).getDeviceProperties());
            default -> throw new IllegalStateException("Operation " + operation + " has no implementation");
        }
        return waiter;
    }

    private <C extends JobsClient> C as(Class<C> capability) {
        return capability.cast(client);
    }

    private MethodJobSpec methodJob() {
        Message message = exchange.getMessage();
        JsonNode payload = BODIES.read(message, "payload");
        String methodName = inputs.methodName();
        InputRules.methodName(methodName);
        InputRules.methodPayload(payload);
        int responseTimeout = inputs.methodResponseTimeout();
        int connectTimeout = inputs.methodConnectTimeout();
        InputRules.methodTimeouts(responseTimeout, connectTimeout);
        return new MethodJobSpec(newJobId(), queryCondition(), methodName, payload, responseTimeout, connectTimeout,
                inputs.startTime(), maxExecutionTime(), isRepeated());
    }

    private TwinJobSpec twinJob() {
        ObjectNode patch = BODIES.readObject(exchange.getMessage(), "twinPatch");
        InputRules.twinPatch(patch);
        return new TwinJobSpec(newJobId(), queryCondition(), patch, inputs.startTime(), maxExecutionTime(),
                isRepeated());
    }

    /**
     * The id of the job (or scheduled job) to create. One generated here is chosen once per exchange: kept as an
     * exchange property (Camel redelivers the message as it was before the failed step, the properties as they are)
     * and written to its header before any request, so a redelivery sends the same id and cannot create a second job.
     */
    private String newJobId() {
        String jobId = inputs.jobId();
        if (jobId == null || jobId.isBlank()) {
            return generatedId(GENERATED_JOB_ID, IotJobsConstants.JOB_ID);
        }
        InputRules.jobId(client.platform(), jobId);
        return jobId;
    }

    /**
     * Ends this step's memory on the exchange: what an earlier attempt may have sent, and, once the step succeeded,
     * the ids it generated, so that a later create on the same exchange chooses its own.
     */
    public static void stepDone(Exchange exchange) {
        exchange.removeProperty(ATTEMPTED);
        if (exchange.getException() == null) {
            exchange.removeProperty(GENERATED_JOB_ID);
            exchange.removeProperty(GENERATED_RERUN_ID);
        }
    }

    private String generatedId(String property, String header) {
        String id = exchange.getProperty(property, String.class);
        if (id == null) {
            id = UUID.randomUUID().toString();
            exchange.setProperty(property, id);
        }
        exchange.getMessage().setHeader(header, id);
        return id;
    }

    /** Whether this exchange may have sent its change before: Camel redelivered it, its source did, or we retry. */
    private boolean isRepeated() {
        return exchange.isExternalRedelivered() || exchange.getProperty(ATTEMPTED, false, Boolean.class)
               || Boolean.TRUE.equals(exchange.getMessage().getHeader(Exchange.REDELIVERED, Boolean.class));
    }

    private String existingJobId(IotJobsOperations operation) {
        String jobId = inputs.requiredJobId(operation.name());
        InputRules.jobId(client.platform(), jobId);
        return jobId;
    }

    private String queryCondition() {
        String condition = inputs.queryCondition();
        InputRules.queryCondition(condition);
        return condition;
    }

    private long maxExecutionTime() {
        long seconds = inputs.maxExecutionTime();
        InputRules.maxExecutionTime(seconds);
        return seconds;
    }

    /** With waitForCompletion, remembers the job to wait for; the producer waits on its scheduler. */
    private IotJob awaitIfAsked(IotJob job) {
        if (inputs.waitForCompletion()) {
            waiter = new JobWaiter(job, inputs.pollInterval(), inputs.waitTimeout());
        }
        return job;
    }

    private List<IotJob> listJobs() throws Exception {
        Instant from = inputs.from();
        Instant to = inputs.to();
        if (client.platform() == IotJobsPlatform.central && (from != null || to != null)) {
            // from and to filter on creation time; IoT Central jobs carry none, so they cannot be applied.
            String field = from != null ? "from" : "to";
            throw new IotJobsValidationException(field, field + " filters on creation time, which IoT Central jobs"
                                                        + " do not carry; leave from and to unset on platform central");
        }
        return client.listAllJobs(new JobFilter(inputs.jobType(), inputs.jobStatus(), from, to, pageSize()));
    }

    private PagedIterator<DeviceJob> listJobDevices(String jobId) {
        int pageSize = pageSize();
        var status = inputs.deviceJobStatus();
        // Validate before the first page is fetched: the iterator fetches lazily, inside the route.
        return new PagedIterator<>(continuation -> client.listJobDevices(jobId, status, pageSize, continuation));
    }

    private void queryDevices(Message message) throws Exception {
        String condition = queryCondition();
        int pageSize = pageSize();
        DeviceQueries queries = as(DeviceQueries.class);
        List<String> deviceIds = Pages.all(continuation -> queries.queryDevices(condition, pageSize, continuation));
        message.setHeader(IotJobsConstants.DEVICE_COUNT, deviceIds.size());
        message.setBody(deviceIds);
    }

    /** IoT Central: the body is the job definition (group, data[], batch, cancellationThreshold). */
    private void createJob() throws Exception {
        ObjectNode definition = BODIES.readObject(exchange.getMessage(), "job");
        CentralInputRules.job("job", definition);
        String jobId = newJobId();
        respond(awaitIfAsked(as(GroupJobs.class).createJob(jobId, definition, isRepeated())));
    }

    private void rerunJob(String jobId) throws Exception {
        String rerunId = inputs.rerunId();
        if (rerunId == null || rerunId.isBlank()) {
            rerunId = generatedId(GENERATED_RERUN_ID, IotJobsConstants.RERUN_ID);
        }
        CentralInputRules.id("rerunId", rerunId);
        respond(awaitIfAsked(as(GroupJobs.class).rerunJob(jobId, rerunId, isRepeated())));
    }

    private void createScheduledJob() throws Exception {
        ObjectNode definition = BODIES.readObject(exchange.getMessage(), "scheduledJob");
        CentralInputRules.scheduledJob("scheduledJob", definition);
        scheduledJob(as(ScheduledJobs.class).createScheduledJob(newJobId(), definition));
    }

    private void updateScheduledJob(String scheduledJobId) throws Exception {
        ObjectNode patch = BODIES.readObject(exchange.getMessage(), "scheduledJob");
        CentralInputRules.scheduledJobPatch("scheduledJob", patch);
        scheduledJob(as(ScheduledJobs.class).updateScheduledJob(scheduledJobId, patch));
    }

    private void deleteScheduledJob(String scheduledJobId) throws Exception {
        as(ScheduledJobs.class).deleteScheduledJob(scheduledJobId);
        Message message = exchange.getMessage();
        message.setHeader(IotJobsConstants.JOB_ID, scheduledJobId);
        message.setBody(null);
    }

    private void listScheduledJobRuns(String scheduledJobId) throws Exception {
        ScheduledJobs scheduled = as(ScheduledJobs.class);
        exchange.getMessage().setBody(all((pageSize, next) -> scheduled.listScheduledJobRuns(scheduledJobId, pageSize,
                next)));
    }

    private void scheduledJob(JsonNode scheduledJob) {
        Message message = exchange.getMessage();
        if (scheduledJob.hasNonNull("id")) {
            message.setHeader(IotJobsConstants.JOB_ID, scheduledJob.get("id").asText());
        }
        message.setBody(scheduledJob);
    }

    /** One page of a listing, one request. */
    @FunctionalInterface
    private interface PageSource<T> {
        Page<T> fetch(int pageSize, String continuation) throws IotJobsOperationFailedException;
    }

    /** Every page of a listing, in order. */
    private <T> List<T> all(PageSource<T> source) throws IotJobsOperationFailedException {
        int pageSize = pageSize();
        PageFetcher<T> fetcher = continuation -> source.fetch(pageSize, continuation);
        return Pages.all(fetcher);
    }

    private int pageSize() {
        int pageSize = inputs.pageSize();
        InputRules.pageSize(pageSize);
        return pageSize;
    }

    /** Puts the job on the message: body and the id, status and type headers. */
    public void respond(IotJob job) {
        Message message = exchange.getMessage();
        message.setHeader(IotJobsConstants.JOB_ID, job.jobId());
        message.setHeader(IotJobsConstants.JOB_STATUS, job.status());
        message.setHeader(IotJobsConstants.JOB_TYPE, job.type());
        message.setBody(job);
    }
}
