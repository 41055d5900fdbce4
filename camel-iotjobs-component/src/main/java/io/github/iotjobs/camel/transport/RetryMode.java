/*
 * Licensed to the Apache Software Foundation (ASF) under one or more contributor license agreements; and to You
 * under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance with the
 * License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.iotjobs.camel.transport;

/**
 * What may be done when a request fails in a way that leaves its outcome unknown.
 */
public enum RetryMode {
    /** Reads and other idempotent requests: re-sent after throttling, 5xx answers and connection faults. */
    SAFE,
    /**
     * Requests that change state (create, cancel): re-sent only when the platform proved it did not act on them
     * (429 throttling, or a connection that was never made); otherwise {@link AmbiguousOutcomeException} lets the
     * caller find out with a read.
     */
    UNSAFE
}
