/*
 * Licensed to the Apache Software Foundation (ASF) under one or more contributor license agreements; and to You
 * under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance with the
 * License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.iotjobs.camel;

import java.util.concurrent.ScheduledExecutorService;

import io.github.iotjobs.camel.client.JobsClient;
import io.github.iotjobs.camel.client.JobsClientFactory;
import io.github.iotjobs.camel.consumer.PollStatus;
import io.github.iotjobs.camel.metrics.IotJobsMetrics;
import io.github.iotjobs.camel.producer.PendingWork;
import org.apache.camel.Category;
import org.apache.camel.Consumer;
import org.apache.camel.Processor;
import org.apache.camel.Producer;
import org.apache.camel.spi.EndpointServiceLocation;
import org.apache.camel.spi.StateRepository;
import org.apache.camel.spi.UriEndpoint;
import org.apache.camel.spi.UriParam;
import org.apache.camel.support.ScheduledPollEndpoint;
import org.apache.camel.support.processor.state.MemoryStateRepository;
import org.apache.camel.util.IOHelper;

/**
 * Schedule, track and control device jobs (bulk direct-method calls, bulk twin and property updates) on Azure IoT Hub,
 * Azure IoT Central and the Remote Monitoring IoTHub Manager API.
 */
@UriEndpoint(firstVersion = "0.1.0", scheme = "iotjobs", title = "IoT Jobs", syntax = "iotjobs:platform",
             category = { Category.CLOUD, Category.IOT }, headersClass = IotJobsConstants.class)
public class IotJobsEndpoint extends ScheduledPollEndpoint implements EndpointServiceLocation {

    /** Job APIs are rate limited (IoT Hub: 20 queries per minute per unit), so poll every 10 seconds by default. */
    static final long DEFAULT_POLL_DELAY = 10_000;
    /** Threads that run the short poll and retry tasks of waiting exchanges; no thread waits. */
    private static final int WAIT_THREADS = 2;

    // Redeclared (as camel-mail does) so the catalog states the default this endpoint really uses.
    @UriParam(label = "consumer,scheduler", defaultValue = "" + DEFAULT_POLL_DELAY,
              description = "Milliseconds before the next poll.")
    private long delay = DEFAULT_POLL_DELAY;

    @UriParam
    private final IotJobsConfiguration configuration;

    private JobsClient client;
    private ScheduledExecutorService scheduler;
    private PendingWork pendingWork;
    /** Removes the meters of this endpoint's consumer; set while it runs. */
    private Runnable consumerMeters;
    /** The consumer's state when no stateRepository is set; kept here, so a route restart repeats nothing. */
    private final StateRepository<String, String> memoryState = new MemoryStateRepository();

    public IotJobsEndpoint(String uri, IotJobsComponent component, IotJobsConfiguration configuration) {
        super(uri, component);
        this.configuration = configuration;
        setDelay(DEFAULT_POLL_DELAY);
    }

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        // Credentials and addresses are checked when the route starts, before any request can be sent.
        JobsClientFactory.validate(configuration);
        client = JobsClientFactory.create(configuration, getCamelContext(),
                ((IotJobsComponent) getComponent()).getSharedResources());
        // Producers wait here (job polls, retry backoff): tasks, not threads, per waiting exchange.
        scheduler = getCamelContext().getExecutorServiceManager().newScheduledThreadPool(this, "IotJobsWait",
                WAIT_THREADS);
        pendingWork = new PendingWork(scheduler);
    }

    @Override
    protected void doStop() throws Exception {
        if (pendingWork != null) {
            pendingWork.cancel(null, "iotjobs endpoint stopped while the exchange was waiting");
        }
        if (scheduler != null) {
            getCamelContext().getExecutorServiceManager().shutdown(scheduler);
        }
        IOHelper.close(client);
        client = null;
        super.doStop();
    }

    @Override
    public Producer createProducer() {
        return new IotJobsProducer(this);
    }

    @Override
    public Consumer createConsumer(Processor processor) throws Exception {
        IotJobsConsumer consumer = new IotJobsConsumer(this, processor);
        configureConsumer(consumer);
        return consumer;
    }

    /**
     * Milliseconds before the next poll.
     */
    @Override
    public void setDelay(long delay) {
        super.setDelay(delay);
        this.delay = delay;
    }

    public IotJobsConfiguration getConfiguration() {
        return configuration;
    }

    /** Where the consumer keeps its state when the stateRepository option is not set. */
    public StateRepository<String, String> getMemoryState() {
        return memoryState;
    }

    /** The exchanges the endpoint's producers left waiting; available while the endpoint is started. */
    public PendingWork getPendingWork() {
        return pendingWork;
    }

    /** The client of the platform's job API, available while the endpoint is started. */
    public JobsClient getClient() {
        return client;
    }

    /** Publishes the consumer's figures (lag, tracked jobs) as meters while it runs. */
    void consumerStarted(IotJobsConsumer consumer) {
        PollStatus status = consumer.getPollStatus();
        consumerMeters = metrics().consumer(configuration.getPlatform().name(), consumer.getRouteId(),
                status::lastSuccessTime, status::trackedJobs);
    }

    /** Removes the consumer's meters. */
    void consumerStopped() {
        if (consumerMeters != null) {
            consumerMeters.run();
            consumerMeters = null;
        }
    }

    /** Where this endpoint's requests, waits and consumer are measured. */
    public IotJobsMetrics metrics() {
        return ((IotJobsComponent) getComponent()).getSharedResources().metrics();
    }

    @Override
    public String getServiceUrl() {
        return JobsClientFactory.serviceUrl(configuration);
    }

    @Override
    public String getServiceProtocol() {
        return "rest";
    }
}
