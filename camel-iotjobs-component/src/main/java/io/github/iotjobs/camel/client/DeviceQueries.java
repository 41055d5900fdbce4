/*
 * Licensed to the Apache Software Foundation (ASF) under one or more contributor license agreements; and to You
 * under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance with the
 * License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.iotjobs.camel.client;

import io.github.iotjobs.camel.IotJobsOperationFailedException;

/**
 * The devices a query condition selects, without running anything (hub): a dry run of a job's target.
 */
public interface DeviceQueries extends JobsClient {

    /** One page of the ids of the devices a query condition selects; the continuation resumes the query. */
    Page<String> queryDevices(String queryCondition, int pageSize, String continuation)
            throws IotJobsOperationFailedException;
}
