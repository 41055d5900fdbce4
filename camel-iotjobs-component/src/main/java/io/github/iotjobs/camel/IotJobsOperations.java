/*
 * Licensed to the Apache Software Foundation (ASF) under one or more contributor license agreements; and to You
 * under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance with the
 * License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.iotjobs.camel;

/**
 * The producer operations. Which platform supports which is listed in the component documentation; an operation a
 * platform lacks is refused before any request is sent.
 */
public enum IotJobsOperations {
    scheduleDeviceMethod,
    scheduleTwinUpdate,
    createJob,
    getJob,
    cancelJob,
    stopJob,
    resumeJob,
    rerunJob,
    listJobs,
    listJobDevices,
    queryDevices,
    createScheduledJob,
    getScheduledJob,
    listScheduledJobs,
    updateScheduledJob,
    deleteScheduledJob,
    listScheduledJobRuns,
    listDeviceGroups,
    getDeviceProperties
}
