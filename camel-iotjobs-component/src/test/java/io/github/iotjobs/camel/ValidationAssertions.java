/*
 * Licensed to the Apache Software Foundation (ASF) under one or more contributor license agreements; and to You
 * under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance with the
 * License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.iotjobs.camel;

import io.github.iotjobs.camel.validation.IotJobsValidationException;
import org.apache.camel.Exchange;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Asserts that an exchange was refused before sending, naming the field.
 */
public final class ValidationAssertions {

    private ValidationAssertions() {
    }

    public static void refused(Exchange exchange, String field) {
        IotJobsValidationException failure = exchange.getException(IotJobsValidationException.class);
        assertThat(failure).isNotNull();
        assertThat(failure.getField()).startsWith(field);
        assertThat(failure.getMessage()).contains(field);
    }
}
