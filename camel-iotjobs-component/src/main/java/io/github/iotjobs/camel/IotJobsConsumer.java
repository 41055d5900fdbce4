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
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.github.iotjobs.camel.consumer.ConsumerState;
import io.github.iotjobs.camel.consumer.ConsumerStatus;
import io.github.iotjobs.camel.consumer.DeviceListing;
import io.github.iotjobs.camel.consumer.JobKey;
import io.github.iotjobs.camel.consumer.ListingPacer;
import io.github.iotjobs.camel.consumer.QueryAllowance;
import io.github.iotjobs.camel.consumer.IotJobsConsumerHealthCheck;
import io.github.iotjobs.camel.consumer.JobState;
import io.github.iotjobs.camel.consumer.OutageExceptionHandler;
import io.github.iotjobs.camel.consumer.PollStatus;
import io.github.iotjobs.camel.consumer.StateScope;
import io.github.iotjobs.camel.model.DeviceJob;
import io.github.iotjobs.camel.model.IotJob;
import io.github.iotjobs.camel.model.JobStatistics;
import io.github.iotjobs.camel.model.JobStatus;
import io.github.iotjobs.camel.client.JobFilter;
import io.github.iotjobs.camel.client.JobTypes;
import io.github.iotjobs.camel.client.JobsClient;
import io.github.iotjobs.camel.client.Pages;
import io.github.iotjobs.camel.transport.RequestBudget;
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
 * restarted consumer, or a new cluster leader sharing the state repository, continues without duplicates or gaps.
 * <p>
 * A poll costs one request per page of the job listing, plus device queries only for jobs whose statistics count
 * final rows not emitted yet, asking the hub for those rows alone (final, updated since the listing's since), at most
 * {@code maxDeviceQueriesPerPoll} per poll and within the consumer's share of the hub's query quota. A large job is
 * read over several polls from a stored continuation. A job counts as drained when its emitted rows add up to its
 * final statistics, or {@code indexLag} after it ended, not when it ends: the index may show its last rows late.
 */
public class IotJobsConsumer extends ScheduledPollConsumer {

    public static final String JOB_CREATED = "jobCreated";
    public static final String STATUS_CHANGED = "statusChanged";
    public static final String PROGRESS = "progress";
    public static final String DEVICE_COMPLETED = "deviceCompleted";

    /** IoT Hub keeps a job 30 days after it ends (protocol.md §9); its state is dropped after that. */
    private static final Duration RETENTION = Duration.ofDays(30);

    private ConsumerState state;
    private PollStatus pollStatus;
    private ConsumerStatus consumerStatus;
    private RequestBudget queryShare;
    private DeviceListing deviceListing;
    private ListingPacer pacer;
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

    /** The consumer's lag (device rows pending, the oldest unreported change) and its use of the hub's quotas. */
    public ConsumerStatus getConsumerStatus() {
        return consumerStatus;
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
        startQuotaShare(configuration);
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

    private void startQuotaShare(IotJobsConfiguration configuration) {
        if (configuration.getMaxDeviceQueriesPerPoll() < 1) {
            throw new IllegalArgumentException("maxDeviceQueriesPerPoll must be at least 1, was "
                                               + configuration.getMaxDeviceQueriesPerPoll());
        }
        if (configuration.getDeviceQueriesPerMinute() < 0) {
            throw new IllegalArgumentException("deviceQueriesPerMinute must not be negative, was "
                                               + configuration.getDeviceQueriesPerMinute());
        }
        if (configuration.getIndexLag() < 0) {
            throw new IllegalArgumentException("indexLag must not be negative, was " + configuration.getIndexLag());
        }
        IotJobsTier tier = configuration.getTier();
        int units = configuration.getUnits();
        consumerStatus = new ConsumerStatus(tier.queriesPerMinute(units), tier.jobsPerMinute(units));
        int share = configuration.getDeviceQueriesPerMinute() > 0 ? configuration.getDeviceQueriesPerMinute()
                : Math.max(1, tier.queriesPerMinute(units) / 2);
        queryShare = new RequestBudget("consumer device queries", share, System::nanoTime);
        pacer = new ListingPacer(Duration.ofMillis(configuration.getIndexLag()));
    }

    private void registerHealthCheck() {
        // Health checks are optional at runtime: without a registry there is nothing to report to.
        healthCheckRegistry = HealthCheckRegistry.get(getEndpoint().getCamelContext());
        if (healthCheckRegistry != null) {
            healthCheck = new IotJobsConsumerHealthCheck(getRouteId(),
                    String.valueOf(getEndpoint().getConfiguration().getPlatform()), pollStatus, consumerStatus);
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
        int[] listingRequests = { 0 };
        List<IotJob> jobs;
        try {
            jobs = currentJobs(client, configuration, listingRequests);
        } catch (Exception e) {
            pollStatus.unreachable(e);
            throw e;
        }
        pollStatus.reachable(jobs.size());
        QueryAllowance allowance = new QueryAllowance(configuration.getMaxDeviceQueriesPerPoll(), queryShare,
                consumerStatus);
        deviceListing = new DeviceListing(client, configuration.getPageSize(),
                Duration.ofMillis(configuration.getIndexLag()), state, this::isRunAllowed);
        Map<JobKey, Long> pending = new HashMap<>();
        int emitted = 0;
        try {
            if ("now".equals(configuration.getStartFrom()) && !state.hasBaseline()) {
                recordBaseline(configuration, jobs);
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
                boolean devicesDone = true;
                if (configuration.isDeviceEvents() && !tracked.drained()) {
                    DeviceProgress progress = deviceEvents(configuration, job, tracked, allowance);
                    emitted += progress.emitted();
                    // An ended job's last status follows all its device rows: it waits until the job is drained.
                    devicesDone = progress.caughtUp() && (!job.isTerminal() || tracked.drained());
                    long missing = missingRows(job, tracked);
                    if (missing > 0) {
                        pending.put(tracked.key(), missing);
                    }
                }
                // A job's event waits while its device listing is half way, so that it follows the rows listed.
                if (devicesDone) {
                    emitted += jobEvent(configuration, job, tracked, previous);
                }
            }
            if (isRunAllowed()) {
                state.prune(jobs, retentionHorizon(jobs));
            }
        } catch (Exception e) {
            // A device listing failed halfway: what was emitted is remembered, the rest comes next poll.
            pollStatus.unreachable(e);
            throw e;
        } finally {
            consumerStatus.polled(pending, allowance.used(), listingRequests[0], Instant.now());
            pacer.retain(pending.keySet());
        }
        pollStatus.polled(emitted);
        return emitted;
    }

    /** The tracked jobs, oldest first, so that events come in the order the jobs were created. */
    private List<IotJob> currentJobs(JobsClient client, IotJobsConfiguration configuration, int[] requests)
            throws Exception {
        requests[0] = 1;
        if (configuration.getJobId() != null) {
            return singleJob(client, configuration.getJobId());
        }
        // Status filters apply to what is emitted, not to what is tracked: a job must be seen in every status.
        JobFilter filter = new JobFilter(JobTypes.normalize(configuration.getPlatform(), configuration.getJobType()),
                null, null, null, configuration.getPageSize());
        requests[0] = 0;
        List<IotJob> jobs = new ArrayList<>();
        Pages.forEach(continuation -> {
            requests[0]++;
            return client.listJobs(filter, continuation);
        }, job -> {
            if (filter.accepts(job)) {
                jobs.add(job);
            }
        });
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

    /**
     * startFrom=now: what exists at the first poll is recorded without events. The device rows already final in a
     * running job are recorded by its first device listing, which emits nothing and may take several polls; this
     * poll sends no device query, so the baseline completes however busy the hub is.
     */
    private void recordBaseline(IotJobsConfiguration configuration, List<IotJob> jobs) {
        for (IotJob job : jobs) {
            JobState tracked = state.track(job);
            if (configuration.isDeviceEvents()) {
                if (job.isTerminal()) {
                    tracked.markDrained();
                } else {
                    tracked.silent(true);
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

    /** What a poll did for one job's device rows: events emitted, and whether its listing is caught up. */
    private record DeviceProgress(int emitted, boolean caughtUp) {
    }

    /**
     * Emits the job's rows that became final since they were last listed. A job whose statistics count no more final
     * rows than were taken costs no query; an ended job is drained once they add up, or indexLag after it ended.
     */
    private DeviceProgress deviceEvents(IotJobsConfiguration configuration, IotJob job, JobState tracked,
                                        QueryAllowance allowance) throws Exception {
        long missing = missingRows(job, tracked);
        Instant now = Instant.now();
        boolean listing = tracked.listingToken() != null || tracked.silent()
                          || missing != 0 && pacer.mayList(tracked.key(), doneCount(job), now);
        if (job.isTerminal() && missing == 0 && !listing) {
            tracked.markDrained();
            state.save(tracked);
            return new DeviceProgress(0, true);
        }
        if (job.isTerminal() && missing > 0 && tracked.listingToken() == null
            && lagBoundPassed(configuration, tracked)) {
            // The rows still missing were not indexed within the lag bound: they are not waited for any more.
            tracked.markDrained();
            state.save(tracked);
            return new DeviceProgress(0, true);
        }
        if (!listing) {
            return new DeviceProgress(0, true);
        }
        if (!allowance.hasRoom()) {
            return new DeviceProgress(0, tracked.listingToken() == null);
        }
        int[] emitted = { 0 };
        long takenBefore = tracked.rowsTaken();
        boolean complete = deviceListing.read(job, tracked, allowance, row -> {
            if (emitDevice(job, row)) {
                emitted[0]++;
                return true;
            }
            return false;
        });
        if (complete) {
            pacer.listed(tracked.key(), doneCount(job), tracked.rowsTaken() > takenBefore, now);
        }
        // Without statistics (-1), one complete listing after the end drains the job.
        if (complete && job.isTerminal() && missingRows(job, tracked) <= 0) {
            tracked.markDrained();
            state.save(tracked);
        }
        return new DeviceProgress(emitted[0], complete);
    }

    /**
     * Final rows the job's statistics count that were not taken yet; -1 when the platform gives no statistics, so
     * that its device rows are listed while the job runs and once more when it ended.
     */
    private static long missingRows(IotJob job, JobState tracked) {
        JobStatistics statistics = job.statistics();
        if (statistics == null) {
            return -1;
        }
        // Cancelled rows count as failed (the hub's statistics have no count of their own for them).
        return Math.max(0, statistics.doneCount() - tracked.rowsTaken());
    }

    private static long doneCount(IotJob job) {
        return job.statistics() == null ? -1 : job.statistics().doneCount();
    }

    /** For an ended job whose rows do not add up: whether the index's lag bound passed since it was first seen so. */
    private boolean lagBoundPassed(IotJobsConfiguration configuration, JobState tracked) {
        Instant now = Instant.now();
        if (tracked.endedUnsettledSince() == null) {
            tracked.endedUnsettledSince(now);
            state.save(tracked);
            return false;
        }
        return !tracked.endedUnsettledSince().plusMillis(configuration.getIndexLag()).isAfter(now);
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
