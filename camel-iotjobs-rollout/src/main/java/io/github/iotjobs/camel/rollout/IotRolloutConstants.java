/*
 * Licensed to the Apache Software Foundation (ASF) under one or more contributor license agreements; and to You
 * under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance with the
 * License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.iotjobs.camel.rollout;

import org.apache.camel.spi.Metadata;

/** Headers of the {@code iotrollout} component. */
public final class IotRolloutConstants {

    private static final String PREFIX = "CamelIotRollout";

    @Metadata(label = "producer", description = "The operation to perform; overrides the endpoint's operation option.",
              javaType = "io.github.iotjobs.camel.rollout.IotRolloutOperations")
    public static final String OPERATION = PREFIX + "Operation";
    @Metadata(description = "The rollout id; on the producer it overrides the endpoint's rollout id.",
              javaType = "String")
    public static final String ROLLOUT_ID = PREFIX + "Id";
    @Metadata(label = "consumer", description = "The event: rolloutStarted, stageStarted, gatePassed, gateFailed,"
                                                + " approvalRequested, approved, paused, resumed, aborted,"
                                                + " rollbackStarted, rolledBack, completed, devicesRetried,"
                                                + " retriesExhausted or deviceResult.",
              javaType = "String")
    public static final String EVENT = PREFIX + "Event";
    @Metadata(description = "The stage the event or answer concerns, from 0.", javaType = "Integer")
    public static final String STAGE = PREFIX + "Stage";
    @Metadata(description = "The rollout's status: running, paused, awaitingApproval, rollingBack, aborted,"
                            + " rolledBack or completed.", javaType = "String")
    public static final String STATUS = PREFIX + "Status";
    @Metadata(label = "consumer", description = "(deviceResult) The device's id.", javaType = "String")
    public static final String DEVICE_ID = PREFIX + "DeviceId";
    @Metadata(label = "consumer", description = "(deviceResult) The hub job the device ran in.", javaType = "String")
    public static final String JOB_ID = PREFIX + "JobId";

    @Metadata(description = "On the reply of an approval endpoint: continue, pause or abort (else the reply body"
                            + " says).", javaType = "String")
    public static final String DECISION = PREFIX + "Decision";

    private IotRolloutConstants() {
    }
}
