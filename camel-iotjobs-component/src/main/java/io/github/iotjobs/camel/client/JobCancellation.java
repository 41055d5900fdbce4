/*
 * Licensed to the Apache Software Foundation (ASF) under one or more contributor license agreements; and to You
 * under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance with the
 * License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.iotjobs.camel.client;

import io.github.iotjobs.camel.IotJobsOperationFailedException;
import io.github.iotjobs.camel.model.IotJob;

/**
 * Cancelling a job before it runs (hub). A cancel whose answer is lost is settled by reading the job.
 */
public interface JobCancellation extends JobsClient {

    IotJob cancelJob(String jobId) throws IotJobsOperationFailedException;
}
