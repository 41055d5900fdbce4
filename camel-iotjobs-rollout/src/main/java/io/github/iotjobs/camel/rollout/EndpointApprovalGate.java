/*
 * Licensed to the Apache Software Foundation (ASF) under one or more contributor license agreements; and to You
 * under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance with the
 * License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.iotjobs.camel.rollout;

import io.github.iotjobs.camel.rollout.engine.ApprovalGate;
import io.github.iotjobs.camel.rollout.engine.RolloutEvent;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;

/**
 * Asks an approval endpoint in the orchestrator's turn (never a route's thread): the body is the passed stage's
 * {@link RolloutEvent}; the answer is header {@code CamelIotRolloutDecision}, else the reply body.
 */
final class EndpointApprovalGate implements ApprovalGate, AutoCloseable {

    private final ProducerTemplate template;

    EndpointApprovalGate(CamelContext context) {
        this.template = context.createProducerTemplate();
    }

    @Override
    public String ask(String endpointUri, RolloutEvent summary) throws Exception {
        Exchange reply = template.request(endpointUri, exchange -> {
            exchange.getMessage().setBody(summary);
            exchange.getMessage().setHeader(IotRolloutConstants.ROLLOUT_ID, summary.rolloutId());
            exchange.getMessage().setHeader(IotRolloutConstants.STAGE, summary.stage());
        });
        if (reply.getException() != null) {
            throw reply.getException();
        }
        String decision = reply.getMessage().getHeader(IotRolloutConstants.DECISION, String.class);
        return decision != null ? decision : reply.getMessage().getBody(String.class);
    }

    @Override
    public void close() {
        try {
            template.close();
        } catch (Exception e) {
            throw new IllegalStateException("Cannot stop the approval producer", e);
        }
    }
}
