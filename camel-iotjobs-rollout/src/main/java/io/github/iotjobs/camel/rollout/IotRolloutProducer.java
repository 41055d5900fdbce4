/*
 * Licensed to the Apache Software Foundation (ASF) under one or more contributor license agreements; and to You
 * under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance with the
 * License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.iotjobs.camel.rollout;

import java.util.concurrent.CompletableFuture;

import org.apache.camel.AsyncCallback;
import org.apache.camel.Exchange;
import org.apache.camel.support.DefaultAsyncProducer;

/**
 * Runs each operation on the component's scheduler and calls back when it is done: resolving a target or waiting
 * for the orchestrator's next step never holds the route's thread.
 */
public class IotRolloutProducer extends DefaultAsyncProducer {

    public IotRolloutProducer(IotRolloutEndpoint endpoint) {
        super(endpoint);
    }

    @Override
    public IotRolloutEndpoint getEndpoint() {
        return (IotRolloutEndpoint) super.getEndpoint();
    }

    @Override
    public boolean process(Exchange exchange, AsyncCallback callback) {
        IotRolloutOperations operation = exchange.getMessage().getHeader(IotRolloutConstants.OPERATION,
                getEndpoint().getOperation(), IotRolloutOperations.class);
        String rolloutId = exchange.getMessage().getHeader(IotRolloutConstants.ROLLOUT_ID,
                getEndpoint().getRolloutId(), String.class);
        IotRolloutComponent component = getEndpoint().getComponent();
        RolloutOperations operations = new RolloutOperations(component.orchestrator(), component.hubTier(),
                component.hubUnits());
        CompletableFuture<Object> result;
        try {
            Object body = exchange.getMessage().getBody();
            if (body instanceof byte[] || body instanceof java.io.InputStream) {
                body = exchange.getMessage().getBody(String.class);
            }
            result = operations.run(operation, rolloutId, body, component.executor());
        } catch (RuntimeException e) {
            exchange.setException(e);
            callback.done(true);
            return true;
        }
        result.whenComplete((answer, failure) -> {
            if (failure != null) {
                exchange.setException(failure instanceof java.util.concurrent.CompletionException
                        && failure.getCause() != null ? failure.getCause() : failure);
            } else {
                exchange.getMessage().setBody(answer);
                exchange.getMessage().setHeader(IotRolloutConstants.ROLLOUT_ID, rolloutId);
                if (answer instanceof RolloutView view) {
                    exchange.getMessage().setHeader(IotRolloutConstants.STATUS, view.status().wire());
                    exchange.getMessage().setHeader(IotRolloutConstants.STAGE, view.stage());
                }
            }
            callback.done(false);
        });
        return false;
    }
}
