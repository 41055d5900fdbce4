/*
 * Licensed to the Apache Software Foundation (ASF) under one or more contributor license agreements; and to You
 * under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance with the
 * License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.iotjobs.camel.client;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.iotjobs.camel.IotJobsOperationFailedException;

/**
 * IoT Central device groups, the targets of its jobs.
 */
public interface DeviceGroups extends JobsClient {

    /** One page of device groups, as the platform sent them. */
    Page<JsonNode> listDeviceGroups(int pageSize, String continuation) throws IotJobsOperationFailedException;
}
