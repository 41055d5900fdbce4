/*
 * Licensed to the Apache Software Foundation (ASF) under one or more contributor license agreements; and to You
 * under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance with the
 * License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.iotjobs.camel;

import java.util.Arrays;
import java.util.List;

import io.github.iotjobs.camel.client.JobsClient;
import io.github.iotjobs.camel.producer.JobOperations;
import io.github.iotjobs.camel.validation.IotJobsValidationException;
import org.apache.camel.Exchange;
import org.apache.camel.support.DefaultProducer;
import org.apache.camel.util.URISupport;

/**
 * Performs one operation per exchange: the endpoint's {@code operation}, or the one in header
 * {@link IotJobsConstants#OPERATION}.
 */
public class IotJobsProducer extends DefaultProducer {

    public IotJobsProducer(IotJobsEndpoint endpoint) {
        super(endpoint);
    }

    @Override
    public IotJobsEndpoint getEndpoint() {
        return (IotJobsEndpoint) super.getEndpoint();
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        IotJobsEndpoint endpoint = getEndpoint();
        IotJobsOperations operation = operation(exchange, endpoint.getConfiguration());
        JobsClient client = endpoint.getClient();
        if (!operation.isSupportedBy(client)) {
            throw new IotJobsValidationException("operation", "operation " + operation + " is not supported on platform "
                                                              + client.platform() + "; it supports "
                                                              + supported(client));
        }
        new JobOperations(client, endpoint.getConfiguration(), exchange).perform(operation);
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
    public String toString() {
        return "IotJobsProducer[" + URISupport.sanitizeUri(getEndpoint().getEndpointUri()) + "]";
    }
}
