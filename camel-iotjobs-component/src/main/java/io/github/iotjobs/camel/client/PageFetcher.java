/*
 * Licensed to the Apache Software Foundation (ASF) under one or more contributor license agreements; and to You
 * under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance with the
 * License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.iotjobs.camel.client;

import io.github.iotjobs.camel.IotJobsOperationFailedException;

/**
 * Fetches one page of a listing, given where it starts (null for the first page).
 */
@FunctionalInterface
public interface PageFetcher<T> {

    Page<T> fetch(String continuation) throws IotJobsOperationFailedException;
}
