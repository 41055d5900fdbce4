/*
 * Licensed to the Apache Software Foundation (ASF) under one or more contributor license agreements; and to You
 * under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance with the
 * License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.iotjobs.camel;

import java.util.ArrayList;
import java.util.List;

import io.github.iotjobs.camel.consumer.EmittedState;
import io.github.iotjobs.camel.consumer.EmittedState.JobMark;
import io.github.iotjobs.camel.model.DeviceJob;
import io.github.iotjobs.camel.model.IotJob;
import io.github.iotjobs.camel.model.JobStatus;
import io.github.iotjobs.camel.platform.JobFilter;
import io.github.iotjobs.camel.platform.JobPlatform;
import io.github.iotjobs.camel.platform.Page;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;
import org.apache.camel.support.ScheduledPollConsumer;
import org.apache.camel.support.processor.state.MemoryStateRepository;
import org.apache.camel.util.URISupport;

/**
 * Polls a platform's job listing and emits one exchange per change: a job first seen (jobCreated), a status change
 * (statusChanged, with the previous status), statistics that moved (progress, opt-in) and devices that reached a final
 * state (deviceCompleted, opt-in). A change counts as emitted only once its exchange completed without an exception;
 * a failed one is offered again on the next poll.
 */
public class IotJobsConsumer extends ScheduledPollConsumer {

    public static final String JOB_CREATED = "jobCreated";
    public static final String STATUS_CHANGED = "statusChanged";
    public static final String PROGRESS = "progress";
    public static final String DEVICE_COMPLETED = "deviceCompleted";

    private EmittedState state;

    public IotJobsConsumer(IotJobsEndpoint endpoint, Processor processor) {
        super(endpoint, processor);
    }

    @Override
    public IotJobsEndpoint getEndpoint() {
        return (IotJobsEndpoint) super.getEndpoint();
    }

    @Override
    protected void doStart() throws Exception {
        IotJobsConfiguration configuration = getEndpoint().getConfiguration();
        state = new EmittedState(configuration.getStateRepository() != null
                ? configuration.getStateRepository() : new MemoryStateRepository());
        super.doStart();
    }

    @Override
    protected int poll() throws Exception {
        IotJobsConfiguration configuration = getEndpoint().getConfiguration();
        JobPlatform platform = getEndpoint().getPlatform();
        boolean baseline = "now".equals(configuration.getStartFrom()) && !state.hasBaseline();
        int emitted = 0;
        for (IotJob job : currentJobs(platform, configuration)) {
            if (baseline) {
                state.remember(job);
                continue;
            }
            JobMark previous = state.job(job.jobId());
            if (configuration.isDeviceEvents() && !state.devicesDrained(job.jobId())) {
                emitted += deviceEvents(platform, configuration, job);
            }
            emitted += jobEvent(configuration, job, previous);
        }
        if (baseline) {
            state.rememberBaseline();
        }
        return emitted;
    }

    private List<IotJob> currentJobs(JobPlatform platform, IotJobsConfiguration configuration) throws Exception {
        if (configuration.getJobId() != null) {
            return List.of(platform.getJob(configuration.getJobId()));
        }
        // Status filters apply to what is emitted, not to what is tracked: a job must be seen in every status.
        JobFilter filter = new JobFilter(configuration.getJobType(), null, null, null, configuration.getPageSize());
        List<IotJob> jobs = new ArrayList<>();
        String continuation = null;
        do {
            Page<IotJob> page = platform.listJobs(filter, continuation);
            for (IotJob job : page.items()) {
                if (filter.accepts(job)) {
                    jobs.add(job);
                }
            }
            continuation = page.continuation();
        } while (continuation != null);
        return jobs;
    }

    private int jobEvent(IotJobsConfiguration configuration, IotJob job, JobMark previous) {
        JobMark current = JobMark.of(job);
        String eventType;
        if (previous == null) {
            eventType = JOB_CREATED;
        } else if (!previous.status().equals(current.status())) {
            eventType = STATUS_CHANGED;
        } else if (configuration.isProgressEvents() && !previous.statistics().equals(current.statistics())) {
            eventType = PROGRESS;
        } else {
            return 0;
        }
        JobStatus wanted = configuration.getJobStatus();
        if (wanted != null && wanted != job.status()) {
            state.remember(job);
            return 0;
        }
        Exchange exchange = createExchange(true);
        Message message = exchange.getMessage();
        message.setBody(job);
        message.setHeader(IotJobsConstants.EVENT_TYPE, eventType);
        message.setHeader(IotJobsConstants.JOB_ID, job.jobId());
        message.setHeader(IotJobsConstants.JOB_TYPE, job.type());
        message.setHeader(IotJobsConstants.JOB_STATUS, job.status());
        if (previous != null) {
            message.setHeader(IotJobsConstants.PREVIOUS_JOB_STATUS, JobStatus.valueOf(previous.status()));
        }
        if (!emit(exchange)) {
            return 0;
        }
        state.remember(job);
        return 1;
    }

    /** One page at a time; rows already emitted are skipped, and a finished job's rows are read one last time. */
    private int deviceEvents(JobPlatform platform, IotJobsConfiguration configuration, IotJob job) throws Exception {
        int emitted = 0;
        boolean allEmitted = true;
        String continuation = null;
        do {
            Page<DeviceJob> page = platform.listFinishedDevices(job.jobId(), null, configuration.getPageSize(),
                    continuation);
            for (DeviceJob row : page.items()) {
                if (state.deviceSeen(job.jobId(), row.deviceId())) {
                    continue;
                }
                if (emitDevice(job, row)) {
                    state.rememberDevice(job.jobId(), row.deviceId(), row.status().name());
                    emitted++;
                } else {
                    allEmitted = false;
                }
            }
            continuation = page.continuation();
        } while (continuation != null);
        if (job.isTerminal() && allEmitted) {
            state.rememberDevicesDrained(job.jobId());
        }
        return emitted;
    }

    private boolean emitDevice(IotJob job, DeviceJob row) {
        Exchange exchange = createExchange(true);
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

    /** Processes the exchange; true when it completed without an exception. */
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
