/*
 * Licensed to the Apache Software Foundation (ASF) under one or more contributor license agreements; and to You
 * under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance with the
 * License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.iotjobs.camel.validation;

/**
 * Input the platform would reject, caught before any request is sent. The message starts with the field name.
 */
public class IotJobsValidationException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final String field;

    public IotJobsValidationException(String field, String message) {
        super(message);
        this.field = field;
    }

    /** The option, header or body field that is wrong. */
    public String getField() {
        return field;
    }
}
