/*
 * Licensed to the Apache Software Foundation (ASF) under one or more contributor license agreements; and to You
 * under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance with the
 * License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.iotjobs.camel.producer;

import java.time.Duration;
import java.time.Instant;
import java.util.function.Consumer;

import io.github.iotjobs.camel.client.JobsClient;
import io.github.iotjobs.camel.metrics.IotJobsMetrics;
import io.github.iotjobs.camel.model.IotJob;
import io.github.iotjobs.camel.transport.RetryDeferral;
import io.github.iotjobs.camel.transport.RetryLaterException;
import org.apache.camel.ExchangeTimedOutException;

/**
 * Polls a job until it is terminal (waitForCompletion) without holding a thread: each poll is a task on the
 * scheduler, and the exchange is called back when the job ends or waitTimeout passes. On timeout the exchange fails
 * with an {@link ExchangeTimedOutException} and carries the last job read as its body and headers.
 *
 * @param job          the job as the operation returned it
 * @param pollInterval time between two polls
 * @param waitTimeout  how long to wait in all
 */
public record JobWaiter(IotJob job, Duration pollInterval, Duration waitTimeout) {

    /** Starts polling; {@code respond} puts a job on the message, {@code metrics} hears when it ended. */
    public void start(JobsClient client, PendingWork.Task task, Consumer<IotJob> respond, IotJobsMetrics metrics) {
        Consumer<IotJob> respondAndCount = current -> {
            respond.accept(current);
            if (current.isTerminal()) {
                recordDuration(client, current, metrics);
            }
        };
        long deadline = System.nanoTime() + waitTimeout.toNanos();
        if (job.isTerminal()) {
            // A create answered after its job already ended carries only id, type and status (hub): read it whole.
            if (job.statistics() == null) {
                task.schedule(() -> poll(client, task, respondAndCount, deadline, job, 0), Duration.ZERO);
            } else {
                recordDuration(client, job, metrics);
                task.finish(null);
            }
            return;
        }
        task.schedule(() -> poll(client, task, respondAndCount, deadline, job, 0), next(deadline));
    }

    /** The job's own duration as the platform reports it, from start (or creation) to end. */
    private static void recordDuration(JobsClient client, IotJob ended, IotJobsMetrics metrics) {
        Instant from = ended.startTime() != null ? ended.startTime() : ended.createdTime();
        if (from != null && ended.endTime() != null && !ended.endTime().isBefore(from)) {
            metrics.jobEnded(client.platform().name(), String.valueOf(ended.type()), ended.status().name(),
                    Duration.between(from, ended.endTime()));
        }
    }

    private void poll(JobsClient client, PendingWork.Task task, Consumer<IotJob> respond, long deadline,
                      IotJob last, int retry) {
        IotJob current;
        try {
            current = RetryDeferral.run(retry, () -> client.getJob(last.jobId()));
        } catch (RetryLaterException later) {
            task.schedule(() -> poll(client, task, respond, deadline, last, later.getNextRetry()), later.getDelay());
            return;
        } catch (Exception e) {
            task.fail(e);
            return;
        }
        respond.accept(current);
        if (current.isTerminal()) {
            task.finish(null);
        } else if (System.nanoTime() - deadline >= 0) {
            task.fail(new ExchangeTimedOutException(task.exchange(), waitTimeout.toMillis(), "Job " + current.jobId()
                                                                                          + " is still "
                                                                                          + current.status()
                                                                                          + " after waiting "
                                                                                          + waitTimeout));
        } else {
            task.schedule(() -> poll(client, task, respond, deadline, current, 0), next(deadline));
        }
    }

    /** The next poll: one interval on, but never past the deadline, where a last poll decides. */
    private Duration next(long deadline) {
        long left = deadline - System.nanoTime();
        return Duration.ofNanos(Math.max(0, Math.min(pollInterval.toNanos(), left)));
    }
}
