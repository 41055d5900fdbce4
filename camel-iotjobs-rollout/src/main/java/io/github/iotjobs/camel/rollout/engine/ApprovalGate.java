/*
 * Licensed to the Apache Software Foundation (ASF) under one or more contributor license agreements; and to You
 * under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance with the
 * License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.iotjobs.camel.rollout.engine;

/** Asks a Camel endpoint (plan field {@code approval}) whether a rollout goes on to its next stage. */
public interface ApprovalGate {

    /** The decision words an approval endpoint answers. */
    enum Decision {
        CONTINUE,
        PAUSE,
        ABORT
    }

    /**
     * Sends the passed stage's summary to the endpoint and reads its answer: header {@code CamelIotRolloutDecision}
     * or the reply body, {@code continue}, {@code pause} or {@code abort}.
     *
     * @return the answer as given (case and spaces as sent), for the decision log
     */
    String ask(String endpointUri, RolloutEvent summary) throws Exception;
}
