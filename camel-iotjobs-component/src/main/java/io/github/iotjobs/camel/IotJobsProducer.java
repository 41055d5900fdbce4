/*
 * Licensed to the Apache Software Foundation (ASF) under one or more contributor license agreements; and to You
 * under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance with the
 * License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.iotjobs.camel;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.github.iotjobs.camel.client.JobsClient;
import io.github.iotjobs.camel.producer.JobOperations;
import io.github.iotjobs.camel.producer.IotJobsProducerHealthCheck;
import io.github.iotjobs.camel.producer.JobWaiter;
import io.github.iotjobs.camel.producer.PendingWork;
import io.github.iotjobs.camel.transport.RetryDeferral;
import io.github.iotjobs.camel.transport.RetryLaterException;
import io.github.iotjobs.camel.validation.IotJobsValidationException;
import org.apache.camel.AsyncCallback;
import org.apache.camel.Exchange;
import org.apache.camel.Route;
import org.apache.camel.Service;
import org.apache.camel.health.HealthCheckHelper;
import org.apache.camel.health.WritableHealthCheckRepository;
import org.apache.camel.spi.ShutdownPrepared;
import org.apache.camel.support.DefaultAsyncProducer;
import org.apache.camel.util.URISupport;

/**
 * Performs one operation per exchange: the endpoint's {@code operation}, or the one in header
 * {@link IotJobsConstants#OPERATION}.
 * <p>
 * Asynchronous: the requests of the operation run in the calling thread, but every wait (waitForCompletion polls,
 * retry backoff, Retry-After, request budget) is a task on the endpoint's scheduler, and the exchange is called back
 * when it is done. A thousand exchanges waiting for their jobs hold no thread. Stopping the producer (or its route,
 * or the endpoint) fails the exchanges still waiting.
 */
public class IotJobsProducer extends DefaultAsyncProducer {

    public IotJobsProducer(IotJobsEndpoint endpoint) {
        super(endpoint);
    }

    @Override
    public IotJobsEndpoint getEndpoint() {
        return (IotJobsEndpoint) super.getEndpoint();
    }

    private WritableHealthCheckRepository healthCheckRepository;
    private IotJobsProducerHealthCheck healthCheck;

    /** Per route this producer waits in: the hook that cancels its waits when the route begins to shut down. */
    private final Map<Route, RouteShutdownHook> hooks = new ConcurrentHashMap<>();

    @Override
    public boolean process(Exchange exchange, AsyncCallback callback) {
        return attempt(exchange, doneSync -> {
            JobOperations.stepDone(exchange);
            callback.done(doneSync);
        }, 0, null);
    }

    /** Registers the exchange's wait, and makes sure its route's shutdown cancels it instead of waiting an hour. */
    private PendingWork.Task startWaiting(Exchange exchange, AsyncCallback callback) {
        Route route = exchange.getUnitOfWork() != null ? exchange.getUnitOfWork().getRoute() : null;
        if (route != null) {
            RouteShutdownHook hook = hooks.computeIfAbsent(route, r -> new RouteShutdownHook(r.getRouteId()));
            if (!route.getServices().contains(hook)) {
                // Route services are told before Camel waits for the route's inflight exchanges.
                route.addService(hook);
            }
        }
        return getEndpoint().getPendingWork().start(this, exchange, callback);
    }

    private final class RouteShutdownHook implements Service, ShutdownPrepared {
        private final String routeId;

        RouteShutdownHook(String routeId) {
            this.routeId = routeId;
        }

        @Override
        public void prepareShutdown(boolean suspendOnly, boolean forced) {
            PendingWork pending = getEndpoint().getPendingWork();
            if (!suspendOnly && pending != null) {
                pending.cancelRoute(routeId, "route " + routeId + " stopped while the exchange was waiting");
            }
        }

        @Override
        public void start() {
            // Nothing to start: the hook only listens for the route's shutdown.
        }

        @Override
        public void stop() {
            // Nothing to release.
        }
    }

    /**
     * One attempt at the operation. Returns true when the exchange was completed in this call (synchronously);
     * otherwise the callback is called later, from the scheduler.
     */
    private boolean attempt(Exchange exchange, AsyncCallback callback, int retry, PendingWork.Task resumed) {
        IotJobsEndpoint endpoint = getEndpoint();
        JobsClient client = endpoint.getClient();
        JobOperations operations;
        JobWaiter waiter;
        try {
            IotJobsOperations operation = operation(exchange, endpoint.getConfiguration());
            if (!operation.isSupportedBy(client)) {
                throw new IotJobsValidationException("operation", "operation " + operation + " is not supported on"
                                                                  + " platform " + client.platform() + "; it supports "
                                                                  + supported(client));
            }
            operations = new JobOperations(client, endpoint.getConfiguration(), exchange);
            waiter = RetryDeferral.run(retry, () -> operations.perform(operation));
        } catch (RetryLaterException later) {
            PendingWork.Task task = resumed != null ? resumed : startWaiting(exchange, callback);
            // The change may have gone out before the wait: the next attempt settles a 409 by reading.
            exchange.setProperty(JobOperations.ATTEMPTED, true);
            task.schedule(() -> attempt(exchange, callback, later.getNextRetry(), task), later.getDelay());
            return false;
        } catch (Exception e) {
            return complete(exchange, callback, e, resumed);
        }
        if (waiter == null) {
            return complete(exchange, callback, null, resumed);
        }
        PendingWork.Task task = resumed != null ? resumed : startWaiting(exchange, callback);
        waiter.start(client, task, operations::respond, endpoint.metrics());
        return false;
    }

    private static boolean complete(Exchange exchange, AsyncCallback callback, Exception failure,
                                    PendingWork.Task resumed) {
        if (resumed != null) {
            resumed.finish(failure);
            return false;
        }
        if (failure != null) {
            exchange.setException(failure);
        }
        callback.done(true);
        return true;
    }

    private static List<IotJobsOperations> supported(JobsClient client) {
        return Arrays.stream(IotJobsOperations.values()).filter(operation -> operation.isSupportedBy(client)).toList();
    }

    private static IotJobsOperations operation(Exchange exchange, IotJobsConfiguration configuration) {
        Object header = exchange.getMessage().getHeader(IotJobsConstants.OPERATION);
        if (header == null) {
            return configuration.getOperation();
        }
        if (header instanceof IotJobsOperations operation) {
            return operation;
        }
        for (IotJobsOperations operation : IotJobsOperations.values()) {
            if (operation.name().equalsIgnoreCase(header.toString().trim())) {
                return operation;
            }
        }
        throw new IotJobsValidationException("operation", "operation '" + header + "' (header "
                                                          + IotJobsConstants.OPERATION + ") is not one of "
                                                          + Arrays.toString(IotJobsOperations.values()));
    }

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        // Health checks are optional at runtime: without the producers repository there is nothing to report to.
        healthCheckRepository = HealthCheckHelper.getHealthCheckRepository(getEndpoint().getCamelContext(),
                "producers", WritableHealthCheckRepository.class);
        if (healthCheckRepository != null) {
            IotJobsEndpoint endpoint = getEndpoint();
            healthCheck = new IotJobsProducerHealthCheck(endpoint.getId(),
                    endpoint.getConfiguration().getPlatform().name(), endpoint::getClient,
                    IotJobsProducerHealthCheck.DEFAULT_INTERVAL);
            healthCheck.setEnabled(endpoint.getComponent() instanceof IotJobsComponent component
                                   && component.isHealthCheckProducerEnabled());
            healthCheckRepository.addHealthCheck(healthCheck);
        }
    }

    @Override
    protected void doStop() throws Exception {
        cancelPending();
        if (healthCheckRepository != null && healthCheck != null) {
            healthCheckRepository.removeHealthCheck(healthCheck);
        }
        healthCheck = null;
        healthCheckRepository = null;
        super.doStop();
    }

    private void cancelPending() {
        PendingWork pending = getEndpoint().getPendingWork();
        if (pending != null) {
            pending.cancel(this, "iotjobs producer stopped while the exchange was waiting");
        }
    }

    @Override
    public String toString() {
        return "IotJobsProducer[" + URISupport.sanitizeUri(getEndpoint().getEndpointUri()) + "]";
    }
}
