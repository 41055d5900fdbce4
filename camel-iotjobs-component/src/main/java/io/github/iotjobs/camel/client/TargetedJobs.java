/*
 * Licensed to the Apache Software Foundation (ASF) under one or more contributor license agreements; and to You
 * under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance with the
 * License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.iotjobs.camel.client;

import io.github.iotjobs.camel.IotJobsOperationFailedException;
import io.github.iotjobs.camel.model.IotJob;

/**
 * Jobs that run on the devices a query condition selects (hub, manager). Each create uses the id its spec carries and
 * settles its outcome: when the answer is lost, a read decides, and the same id is sent again only when the read
 * proves the job does not exist; so one call creates at most one job, and calling again with the same id after a
 * failure never creates a second.
 */
public interface TargetedJobs extends JobsClient {

    IotJob scheduleDeviceMethod(MethodJobSpec spec) throws IotJobsOperationFailedException;

    IotJob scheduleTwinUpdate(TwinJobSpec spec) throws IotJobsOperationFailedException;
}
