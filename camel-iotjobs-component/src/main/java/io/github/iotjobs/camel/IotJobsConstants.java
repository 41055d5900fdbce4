/*
 * Licensed to the Apache Software Foundation (ASF) under one or more contributor license agreements; and to You
 * under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance with the
 * License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.iotjobs.camel;

import org.apache.camel.spi.Metadata;

/**
 * Message headers of the iotjobs component. Producer input headers override the endpoint option of the same name for
 * one message.
 */
public final class IotJobsConstants {

    private static final String PREFIX = "CamelIotJobs";

    @Metadata(label = "producer", description = "The operation to perform; overrides the endpoint option.",
              javaType = "io.github.iotjobs.camel.IotJobsOperations")
    public static final String OPERATION = PREFIX + "Operation";

    @Metadata(description = "(producer) The id of the job to create or act on; on create a UUID is generated when"
                            + " absent and written here before the first request, so a redelivery sends the same id."
                            + " (consumer) The id of the job the event is about. Set on every producer result.",
              javaType = "String")
    public static final String JOB_ID = PREFIX + "JobId";

    @Metadata(label = "producer", description = "(scheduleDeviceMethod, scheduleTwinUpdate, queryDevices) The IoT Hub"
                                                + " query condition selecting the target devices, e.g."
                                                + " tags.building = 'b1'; * selects every device.",
              javaType = "String")
    public static final String QUERY_CONDITION = PREFIX + "QueryCondition";

    @Metadata(label = "producer", description = "(scheduleDeviceMethod) The direct method to invoke.",
              javaType = "String")
    public static final String METHOD_NAME = PREFIX + "MethodName";

    @Metadata(label = "producer", description = "(scheduleDeviceMethod) Seconds to wait for each device's method"
                                                + " response (5 to 300).",
              javaType = "Integer")
    public static final String METHOD_RESPONSE_TIMEOUT = PREFIX + "MethodResponseTimeout";

    @Metadata(label = "producer", description = "(scheduleDeviceMethod) Seconds to wait for an offline device to"
                                                + " connect (0 to 300).",
              javaType = "Integer")
    public static final String METHOD_CONNECT_TIMEOUT = PREFIX + "MethodConnectTimeout";

    @Metadata(label = "producer", description = "(schedule operations) When the job starts: an ISO-8601 instant, NOW,"
                                                + " or NOW plus or minus an ISO-8601 duration (NOW+PT10M).",
              javaType = "String")
    public static final String START_TIME = PREFIX + "StartTime";

    @Metadata(label = "producer", description = "(schedule operations) The job's maximum execution time in seconds.",
              javaType = "Long")
    public static final String MAX_EXECUTION_TIME = PREFIX + "MaxExecutionTime";

    @Metadata(description = "(listJobs filter) The job type to list. (producer result, consumer) The type of the job.",
              javaType = "String")
    public static final String JOB_TYPE = PREFIX + "JobType";

    @Metadata(description = "(listJobs filter) The job status to list. (producer result, consumer) The normalized"
                            + " status of the job.",
              javaType = "io.github.iotjobs.camel.model.JobStatus")
    public static final String JOB_STATUS = PREFIX + "JobStatus";

    @Metadata(label = "producer", description = "(listJobDevices) Only devices in this status.",
              javaType = "io.github.iotjobs.camel.model.DeviceJobStatus")
    public static final String DEVICE_JOB_STATUS = PREFIX + "DeviceJobStatus";

    @Metadata(label = "producer", description = "(listJobs) Only jobs created at or after this time: an ISO-8601"
                                                + " instant, NOW or NOW plus or minus a duration (NOW-P30D).",
              javaType = "String")
    public static final String FROM = PREFIX + "From";

    @Metadata(label = "producer", description = "(listJobs) Only jobs created at or before this time, same forms as"
                                                + " from.",
              javaType = "String")
    public static final String TO = PREFIX + "To";

    @Metadata(label = "producer", description = "(list operations) Items requested per page.", javaType = "Integer")
    public static final String PAGE_SIZE = PREFIX + "PageSize";

    @Metadata(label = "producer", description = "(schedule, get and control operations) Poll until the job is"
                                                + " terminal, then return it.",
              javaType = "Boolean")
    public static final String WAIT_FOR_COMPLETION = PREFIX + "WaitForCompletion";

    @Metadata(label = "producer", description = "(waitForCompletion) Time between two polls of the job: milliseconds"
                                                + " or an ISO-8601 duration (PT5S).",
              javaType = "java.time.Duration")
    public static final String POLL_INTERVAL = PREFIX + "PollInterval";

    @Metadata(label = "producer", description = "(waitForCompletion) How long to wait for the job to end: milliseconds"
                                                + " or an ISO-8601 duration (PT30M). On timeout the exchange fails with"
                                                + " an ExchangeTimedOutException and carries the last job read.",
              javaType = "java.time.Duration")
    public static final String WAIT_TIMEOUT = PREFIX + "WaitTimeout";

    @Metadata(label = "producer", description = "(rerunJob, IoT Central) The id of the new job that reruns the failed"
                                                + " devices; a UUID is generated when absent and written here before the request.",
              javaType = "String")
    public static final String RERUN_ID = PREFIX + "RerunId";

    @Metadata(label = "producer", description = "(queryDevices) How many devices the query condition selected.",
              javaType = "Integer")
    public static final String DEVICE_COUNT = PREFIX + "DeviceCount";

    @Metadata(label = "consumer", description = "What the event reports: jobCreated, statusChanged, progress or"
                                                + " deviceCompleted.",
              javaType = "String")
    public static final String EVENT_TYPE = PREFIX + "EventType";

    @Metadata(label = "consumer", description = "The job's status before this change (statusChanged events).",
              javaType = "io.github.iotjobs.camel.model.JobStatus")
    public static final String PREVIOUS_JOB_STATUS = PREFIX + "PreviousJobStatus";

    @Metadata(label = "consumer", description = "The device a device event is about.", javaType = "String")
    public static final String DEVICE_ID = PREFIX + "DeviceId";

    private IotJobsConstants() {
    }
}
