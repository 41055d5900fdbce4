/*
 * Licensed to the Apache Software Foundation (ASF) under one or more contributor license agreements; and to You
 * under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance with the
 * License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.iotjobs.camel.rollout;

import org.apache.camel.Category;
import org.apache.camel.Consumer;
import org.apache.camel.Processor;
import org.apache.camel.Producer;
import org.apache.camel.spi.UriEndpoint;
import org.apache.camel.spi.UriParam;
import org.apache.camel.spi.UriPath;
import org.apache.camel.support.DefaultEndpoint;

/**
 * Staged device rollouts (canary, stages, success and failure gates, pause, resume, abort) on Azure IoT Hub jobs,
 * durable across restarts.
 */
@UriEndpoint(firstVersion = "0.1.0", scheme = "iotrollout", title = "IoT Rollout", syntax = "iotrollout:rolloutId",
             category = { Category.CLOUD, Category.IOT }, headersClass = IotRolloutConstants.class)
public class IotRolloutEndpoint extends DefaultEndpoint {

    @UriPath(description = "The rollout's id (letters, digits, '.', '_', '-'); the consumer listens to every rollout"
                           + " when it is absent or an asterisk.")
    private String rolloutId;
    @UriParam(label = "producer", defaultValue = "get")
    private IotRolloutOperations operation = IotRolloutOperations.get;
    @UriParam(label = "consumer", defaultValue = "true")
    private boolean deviceResults = true;

    public IotRolloutEndpoint(String uri, IotRolloutComponent component) {
        super(uri, component);
    }

    @Override
    public IotRolloutComponent getComponent() {
        return (IotRolloutComponent) super.getComponent();
    }

    @Override
    public Producer createProducer() {
        return new IotRolloutProducer(this);
    }

    @Override
    public Consumer createConsumer(Processor processor) throws Exception {
        IotRolloutConsumer consumer = new IotRolloutConsumer(this, processor);
        configureConsumer(consumer);
        return consumer;
    }

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        // Starting the first endpoint starts the orchestrator, which resumes the store's unfinished rollouts.
        getComponent().orchestrator();
    }

    public String getRolloutId() {
        return rolloutId;
    }

    /** The rollout's id; the consumer listens to every rollout when it is * or absent. */
    public void setRolloutId(String rolloutId) {
        this.rolloutId = rolloutId;
    }

    public IotRolloutOperations getOperation() {
        return operation;
    }

    /** The producer operation; header CamelIotRolloutOperation overrides it. */
    public void setOperation(IotRolloutOperations operation) {
        this.operation = operation;
    }

    public boolean isDeviceResults() {
        return deviceResults;
    }

    /**
     * Whether the consumer also emits one deviceResult event per device that reached a final state (read from the
     * hub once per finished job).
     */
    public void setDeviceResults(boolean deviceResults) {
        this.deviceResults = deviceResults;
    }
}
