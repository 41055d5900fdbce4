/*
 * Licensed to the Apache Software Foundation (ASF) under one or more contributor license agreements; and to You
 * under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance with the
 * License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.iotjobs.camel.rollout.plan;

import io.github.iotjobs.camel.validation.IotJobsValidationException;

/** A rollout plan that cannot run; the message starts with the field that is wrong ({@code stages[1].percent}). */
public class RolloutPlanException extends IotJobsValidationException {

    private static final long serialVersionUID = 1L;

    public RolloutPlanException(String field, String problem) {
        super(field, field + ": " + problem);
    }
}
