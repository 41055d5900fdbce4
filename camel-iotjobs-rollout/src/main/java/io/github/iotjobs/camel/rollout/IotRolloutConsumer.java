/*
 * Licensed to the Apache Software Foundation (ASF) under one or more contributor license agreements; and to You
 * under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance with the
 * License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.iotjobs.camel.rollout;

import io.github.iotjobs.camel.rollout.engine.RolloutEvent;
import io.github.iotjobs.camel.rollout.engine.RolloutEvents;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;
import org.apache.camel.support.DefaultConsumer;

/**
 * Emits one exchange per rollout event, in the order the orchestrator decided them. The body is the
 * {@link RolloutEvent}, or the device's {@code DeviceJob} for {@code deviceResult}.
 */
public class IotRolloutConsumer extends DefaultConsumer implements RolloutEvents.Listener {

    public IotRolloutConsumer(IotRolloutEndpoint endpoint, Processor processor) {
        super(endpoint, processor);
    }

    @Override
    public IotRolloutEndpoint getEndpoint() {
        return (IotRolloutEndpoint) super.getEndpoint();
    }

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        getEndpoint().getComponent().events().add(this);
    }

    @Override
    protected void doStop() throws Exception {
        getEndpoint().getComponent().events().remove(this);
        super.doStop();
    }

    @Override
    public String rolloutId() {
        return getEndpoint().getRolloutId();
    }

    @Override
    public boolean wantsDeviceResults() {
        return getEndpoint().isDeviceResults();
    }

    @Override
    public void onEvent(RolloutEvent event) {
        Exchange exchange = createExchange(true);
        Message message = exchange.getMessage();
        message.setHeader(IotRolloutConstants.ROLLOUT_ID, event.rolloutId());
        message.setHeader(IotRolloutConstants.EVENT, event.type().name());
        message.setHeader(IotRolloutConstants.STAGE, event.stage());
        if (event.deviceJob() != null) {
            message.setHeader(IotRolloutConstants.DEVICE_ID, event.deviceJob().deviceId());
            message.setHeader(IotRolloutConstants.JOB_ID, event.deviceJob().jobId());
            message.setBody(event.deviceJob());
        } else {
            message.setBody(event);
        }
        try {
            getProcessor().process(exchange);
        } catch (Exception e) {
            exchange.setException(e);
        }
        if (exchange.getException() != null) {
            getExceptionHandler().handleException("Error processing rollout event " + event.type(), exchange,
                    exchange.getException());
        }
        releaseExchange(exchange, false);
    }
}
