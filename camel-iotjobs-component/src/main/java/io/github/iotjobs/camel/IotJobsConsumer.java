/*
 * Licensed to the Apache Software Foundation (ASF) under one or more contributor license agreements; and to You
 * under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance with the
 * License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.iotjobs.camel;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import io.github.iotjobs.camel.consumer.ConsumerState;
import io.github.iotjobs.camel.consumer.IotJobsConsumerHealthCheck;
import io.github.iotjobs.camel.consumer.JobState;
import io.github.iotjobs.camel.consumer.OutageExceptionHandler;
import io.github.iotjobs.camel.consumer.PollStatus;
import io.github.iotjobs.camel.consumer.StateScope;
import io.github.iotjobs.camel.model.DeviceJob;
import io.github.iotjobs.camel.model.IotJob;
import io.github.iotjobs.camel.model.JobStatus;
import io.github.iotjobs.camel.client.JobFilter;
import io.github.iotjobs.camel.client.JobTypes;
import io.github.iotjobs.camel.client.JobsClient;
import io.github.iotjobs.camel.client.Page;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;
import org.apache.camel.health.HealthCheckRegistry;
import org.apache.camel.support.LoggingExceptionHandler;
import org.apache.camel.support.ScheduledPollConsumer;
import org.apache.camel.spi.StateRepository;
import org.apache.camel.support.service.ServiceHelper;
import org.apache.camel.util.URISupport;

/**
 * Polls a platform's job listing and emits one exchange per change: a job first seen (jobCreated), a status change
 * (statusChanged, with the previous status), statistics that moved (progress, opt-in) and devices that reached a final
 * state (deviceCompleted, opt-in).
 * <p>
 * A change counts as emitted only once its exchange completed without an exception; a failed one is offered again on
 * the next poll. What was emitted lives in a {@link ConsumerState} under the consumer's {@link StateScope}, so a
 * restarted consumer, or a new cluster leader sharing the state repository, continues without duplicates or gaps. A
 * poll costs one request per page of the job listing, plus per-device requests only for jobs still active (and one
 * last pass when such a job ends).
 */
public class IotJobsConsumer extends ScheduledPollConsumer {

    public static final String JOB_CREATED = "jobCreated";
    public static final String STATUS_CHANGED = "statusChanged";
    public static final String PROGRESS = "progress";
    public static final String DEVICE_COMPLETED = "deviceCompleted";

    /**
     * Device rows are asked for from a little before the newest row already emitted: the device query is eventually
     * consistent, so a row stamped earlier may appear late. Rows seen twice are skipped by their state key.
     */
    private static final Duration DEVICE_ROW_GRACE = Duration.ofMinutes(5);

    /** IoT Hub keeps a job 30 days after it ends (protocol.md §9); its state is dropped after that. */
    private static final Duration RETENTION = Duration.ofDays(30);

    private ConsumerState state;
    private PollStatus pollStatus;
    private IotJobsConsumerHealthCheck healthCheck;
    private HealthCheckRegistry healthCheckRegistry;

    public IotJobsConsumer(IotJobsEndpoint endpoint, Processor processor) {
        super(endpoint, processor);
    }

    @Override
    public IotJobsEndpoint getEndpoint() {
        return (IotJobsEndpoint) super.getEndpoint();
    }

    /** What the last polls saw; also what the health check reports. */
    public PollStatus getPollStatus() {
        return pollStatus;
    }

    @Override
    protected void doStart() throws Exception {
        IotJobsConfiguration configuration = getEndpoint().getConfiguration();
        StateRepository<String, String> repository = configuration.getStateRepository() != null
                ? configuration.getStateRepository() : getEndpoint().getMemoryState();
        // A FileStateRepository reads its file when started; starting twice is harmless.
        ServiceHelper.startService(repository);
        state = new ConsumerState(repository, StateScope.of(configuration, getEndpoint().getServiceUrl()));
        pollStatus = new PollStatus(toString());
        if (getExceptionHandler() instanceof LoggingExceptionHandler) {
            // Only the default handler: a user's handler or bridgeErrorHandler sees every failure.
            setExceptionHandler(new OutageExceptionHandler(getExceptionHandler(), pollStatus));
        }
        registerHealthCheck();
        getEndpoint().consumerStarted(this);
        super.doStart();
    }

    @Override
    protected void doStop() throws Exception {
        super.doStop();
        getEndpoint().consumerStopped();
        if (healthCheckRegistry != null && healthCheck != null) {
            healthCheckRegistry.unregister(healthCheck);
        }
        healthCheck = null;
        healthCheckRegistry = null;
    }

    private void registerHealthCheck() {
        // Health checks are optional at runtime: without a registry there is nothing to report to.
        healthCheckRegistry = HealthCheckRegistry.get(getEndpoint().getCamelContext());
        if (healthCheckRegistry != null) {
            healthCheck = new IotJobsConsumerHealthCheck(getRouteId(),
                    String.valueOf(getEndpoint().getConfiguration().getPlatform()), pollStatus);
            healthCheck.setCamelContext(getEndpoint().getCamelContext());
            healthCheck.setEnabled(!(getEndpoint().getComponent() instanceof IotJobsComponent component)
                                   || component.isHealthCheckConsumerEnabled());
            healthCheckRegistry.register(healthCheck);
        }
    }

    @Override
    protected int poll() throws Exception {
        IotJobsConfiguration configuration = getEndpoint().getConfiguration();
        JobsClient client = getEndpoint().getClient();
        List<IotJob> jobs;
        try {
            jobs = currentJobs(client, configuration);
        } catch (Exception e) {
            pollStatus.unreachable(e);
            throw e;
        }
        pollStatus.reachable(jobs.size());
        int emitted = 0;
        try {
            if ("now".equals(configuration.getStartFrom()) && !state.hasBaseline()) {
                recordBaseline(client, configuration, jobs);
                pollStatus.polled(0);
                return 0;
            }
            for (IotJob job : jobs) {
                if (!isRunAllowed()) {
                    // Stopping: what is left is not remembered, so the next start emits it.
                    break;
                }
                JobState tracked = state.track(job);
                String previous = tracked.status();
                if (configuration.isDeviceEvents() && !tracked.drained()) {
                    emitted += deviceEvents(client, configuration, job, tracked);
                }
                emitted += jobEvent(configuration, job, tracked, previous);
            }
            if (isRunAllowed()) {
                state.prune(jobs, retentionHorizon(jobs));
            }
        } catch (Exception e) {
            // A device listing failed halfway: what was emitted is remembered, the rest comes next poll.
            pollStatus.unreachable(e);
            throw e;
        }
        pollStatus.polled(emitted);
        return emitted;
    }

    /** The tracked jobs, oldest first, so that events come in the order the jobs were created. */
    private List<IotJob> currentJobs(JobsClient client, IotJobsConfiguration configuration) throws Exception {
        if (configuration.getJobId() != null) {
            return singleJob(client, configuration.getJobId());
        }
        // Status filters apply to what is emitted, not to what is tracked: a job must be seen in every status.
        List<IotJob> jobs = new ArrayList<>(client.listAllJobs(
                new JobFilter(JobTypes.normalize(configuration.getPlatform(), configuration.getJobType()), null, null,
                        null, configuration.getPageSize())));
        jobs.sort(Comparator.comparing(IotJob::createdTime, Comparator.nullsLast(Comparator.naturalOrder())));
        return jobs;
    }

    private static List<IotJob> singleJob(JobsClient client, String jobId) throws Exception {
        try {
            return List.of(client.getJob(jobId));
        } catch (IotJobsOperationFailedException e) {
            if (e.getStatusCode() == 404) {
                // Not created yet, or expired: nothing to report, and the platform did answer.
                return List.of();
            }
            throw e;
        }
    }

    /**
     * Jobs whose retention started before this are gone from the platform. The platform's clock is read from the
     * newest job it lists, when that is ahead of ours.
     */
    private static Instant retentionHorizon(List<IotJob> jobs) {
        Instant now = Instant.now();
        for (IotJob job : jobs) {
            if (job.createdTime() != null && job.createdTime().isAfter(now)) {
                now = job.createdTime();
            }
        }
        return now.minus(RETENTION);
    }

    /** startFrom=now: what exists at the first poll is recorded without events, device rows already final included. */
    private void recordBaseline(JobsClient client, IotJobsConfiguration configuration, List<IotJob> jobs)
            throws Exception {
        for (IotJob job : jobs) {
            JobState tracked = state.track(job);
            if (configuration.isDeviceEvents()) {
                if (job.isTerminal()) {
                    tracked.markDrained();
                } else {
                    forEachNewFinishedRow(client, configuration, job, tracked, row -> true);
                }
            }
            tracked.emitted(job);
            state.save(tracked);
        }
        state.rememberBaseline();
    }

    private int jobEvent(IotJobsConfiguration configuration, IotJob job, JobState tracked, String previous) {
        String eventType;
        if (previous == null) {
            eventType = JOB_CREATED;
        } else if (!previous.equals(job.status().name())) {
            eventType = STATUS_CHANGED;
        } else if (configuration.isProgressEvents()
                   && !tracked.statistics().equals(JobState.statistics(job.statistics()))) {
            eventType = PROGRESS;
        } else {
            return 0;
        }
        JobStatus wanted = configuration.getJobStatus();
        if (wanted != null && wanted != job.status()) {
            // Filtered out, but tracked: a later change is reported against this status.
            tracked.emitted(job);
            state.save(tracked);
            return 0;
        }
        Exchange exchange = createExchange(false);
        Message message = exchange.getMessage();
        message.setBody(job);
        message.setHeader(IotJobsConstants.EVENT_TYPE, eventType);
        message.setHeader(IotJobsConstants.JOB_ID, job.jobId());
        message.setHeader(IotJobsConstants.JOB_TYPE, job.type());
        message.setHeader(IotJobsConstants.JOB_STATUS, job.status());
        if (previous != null) {
            message.setHeader(IotJobsConstants.PREVIOUS_JOB_STATUS, JobStatus.valueOf(previous));
        }
        if (!emit(exchange)) {
            return 0;
        }
        tracked.emitted(job);
        state.save(tracked);
        return 1;
    }

    /** Emits the job's rows that became final since the last poll; a finished job's rows are read one last time. */
    private int deviceEvents(JobsClient client, IotJobsConfiguration configuration, IotJob job, JobState tracked)
            throws Exception {
        int[] emitted = { 0 };
        boolean allEmitted = forEachNewFinishedRow(client, configuration, job, tracked, row -> {
            if (emitDevice(job, row)) {
                emitted[0]++;
                return true;
            }
            return false;
        });
        if (job.isTerminal() && allEmitted) {
            tracked.markDrained();
            state.save(tracked);
        }
        return emitted[0];
    }

    /**
     * Pages through the job's final rows not yet in the state and offers each to {@code action}; the rows it accepts
     * are remembered, in one state write per page. Returns whether it accepted all of them.
     */
    private boolean forEachNewFinishedRow(JobsClient client, IotJobsConfiguration configuration, IotJob job,
                                          JobState tracked, RowAction action) throws Exception {
        Instant watermark = tracked.devicesWatermark();
        Instant since = watermark == null ? null : watermark.minus(DEVICE_ROW_GRACE);
        Instant newest = watermark;
        boolean all = true;
        String continuation = null;
        do {
            Page<DeviceJob> page = client.listFinishedDevices(job.jobId(), since, configuration.getPageSize(),
                    continuation);
            int taken = 0;
            try {
                for (DeviceJob row : page.items()) {
                    if (tracked.deviceEmitted(row.deviceId())) {
                        continue;
                    }
                    if (!isRunAllowed() || !action.accept(row)) {
                        all = false;
                        continue;
                    }
                    tracked.deviceEmitted(row.deviceId(), row.lastUpdatedTime());
                    taken++;
                    if (row.lastUpdatedTime() != null && (newest == null || row.lastUpdatedTime().isAfter(newest))) {
                        newest = row.lastUpdatedTime();
                    }
                }
            } finally {
                // Also when an exchange threw past emit(): what was emitted is remembered.
                if (taken > 0) {
                    state.save(tracked);
                }
            }
            continuation = page.continuation();
        } while (continuation != null);
        // The watermark moves only when every row was taken, so a failed row stays within reach of the next poll.
        if (all && newest != null && !newest.equals(watermark)) {
            tracked.devicesWatermark(newest);
            // Rows older than the next poll's window are not asked for again: their ids need not be kept.
            tracked.forgetDevicesBefore(newest.minus(DEVICE_ROW_GRACE));
            state.save(tracked);
        }
        return all;
    }

    @FunctionalInterface
    private interface RowAction {
        boolean accept(DeviceJob row);
    }

    private boolean emitDevice(IotJob job, DeviceJob row) {
        Exchange exchange = createExchange(false);
        Message message = exchange.getMessage();
        message.setBody(row);
        message.setHeader(IotJobsConstants.EVENT_TYPE, DEVICE_COMPLETED);
        message.setHeader(IotJobsConstants.JOB_ID, job.jobId());
        message.setHeader(IotJobsConstants.JOB_TYPE, job.type());
        message.setHeader(IotJobsConstants.JOB_STATUS, job.status());
        message.setHeader(IotJobsConstants.DEVICE_ID, row.deviceId());
        message.setHeader(IotJobsConstants.DEVICE_JOB_STATUS, row.status());
        return emit(exchange);
    }

    /** Processes the exchange; true when it completed without an exception (handled exceptions count as done). */
    private boolean emit(Exchange exchange) {
        try {
            getProcessor().process(exchange);
        } catch (Exception e) {
            exchange.setException(e);
        }
        try {
            if (exchange.getException() != null) {
                getExceptionHandler().handleException("Error processing iotjobs event", exchange,
                        exchange.getException());
                return false;
            }
            return true;
        } finally {
            releaseExchange(exchange, false);
        }
    }

    @Override
    public String toString() {
        return "IotJobsConsumer[" + URISupport.sanitizeUri(getEndpoint().getEndpointUri()) + "]";
    }
}
