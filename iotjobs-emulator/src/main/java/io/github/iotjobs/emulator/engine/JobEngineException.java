/*
 * Licensed to the Apache Software Foundation (ASF) under one or more contributor license agreements; and to You
 * under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance with the
 * License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.iotjobs.emulator.engine;

/** A rule of the job engine was broken; each platform API maps the reason to its own error shape. */
public final class JobEngineException extends RuntimeException {

    public enum Reason { NOT_FOUND, ALREADY_EXISTS, TOO_MANY_ACTIVE_JOBS, INVALID_STATE }

    private final Reason reason;

    public JobEngineException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
