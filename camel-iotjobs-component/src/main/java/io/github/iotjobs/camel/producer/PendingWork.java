/*
 * Licensed to the Apache Software Foundation (ASF) under one or more contributor license agreements; and to You
 * under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance with the
 * License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.iotjobs.camel.producer;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.camel.AsyncCallback;
import org.apache.camel.CamelExchangeException;
import org.apache.camel.Exchange;

/**
 * The exchanges an endpoint's producers left waiting (for a job to end, for a retry, for request budget), each a task
 * on Camel's scheduler rather than a held thread. Stopping the producer, the route or the endpoint cancels what is
 * pending: each exchange fails with a {@link CamelExchangeException} and is called back.
 */
public final class PendingWork {

    private final ScheduledExecutorService scheduler;
    private final Set<Task> tasks = ConcurrentHashMap.newKeySet();

    public PendingWork(ScheduledExecutorService scheduler) {
        this.scheduler = scheduler;
    }

    /** How many exchanges are waiting. */
    public int size() {
        return tasks.size();
    }

    /** One exchange's wait: runs steps on the scheduler until one of them finishes the exchange. */
    public final class Task {
        private final Object owner;
        private final String routeId;
        private final Exchange exchange;
        private final AsyncCallback callback;
        private final AtomicBoolean finished = new AtomicBoolean();
        private volatile ScheduledFuture<?> next;

        Task(Object owner, Exchange exchange, AsyncCallback callback) {
            this.owner = owner;
            this.routeId = exchange.getUnitOfWork() != null && exchange.getUnitOfWork().getRoute() != null
                    ? exchange.getUnitOfWork().getRoute().getRouteId() : null;
            this.exchange = exchange;
            this.callback = callback;
        }

        /** Runs the step after the delay; a scheduler that is shutting down fails the exchange. */
        public void schedule(Runnable step, Duration delay) {
            if (finished.get()) {
                return;
            }
            try {
                next = scheduler.schedule(() -> {
                    if (!finished.get()) {
                        step.run();
                    }
                }, Math.max(0, delay.toNanos()), TimeUnit.NANOSECONDS);
            } catch (RejectedExecutionException stopping) {
                fail(new CamelExchangeException("iotjobs endpoint stopped while the exchange was waiting", exchange,
                        stopping));
            }
        }

        /** Ends the wait: the exchange continues in the route, failed when {@code failure} is set. */
        public void finish(Exception failure) {
            if (finished.compareAndSet(false, true)) {
                tasks.remove(this);
                if (failure != null) {
                    exchange.setException(failure);
                }
                callback.done(false);
            }
        }

        public void fail(Exception failure) {
            finish(failure);
        }

        public Exchange exchange() {
            return exchange;
        }

        private void cancel(String why) {
            ScheduledFuture<?> future = next;
            if (future != null) {
                future.cancel(false);
            }
            fail(new CamelExchangeException(why, exchange));
        }
    }

    /** Registers an exchange that is about to wait; {@code owner} is the producer, to cancel its tasks alone. */
    public Task start(Object owner, Exchange exchange, AsyncCallback callback) {
        Task task = new Task(owner, exchange, callback);
        tasks.add(task);
        return task;
    }

    /** Fails and calls back every exchange waiting in the route. */
    public void cancelRoute(String routeId, String why) {
        for (Task task : tasks.toArray(new Task[0])) {
            if (routeId.equals(task.routeId)) {
                task.cancel(why);
            }
        }
    }

    /** Fails and calls back every waiting exchange of the owner (every one when owner is null). */
    public void cancel(Object owner, String why) {
        for (Task task : tasks.toArray(new Task[0])) {
            if (owner == null || task.owner == owner) {
                task.cancel(why);
            }
        }
    }
}
