/*
 * Licensed to the Apache Software Foundation (ASF) under one or more contributor license agreements; and to You
 * under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance with the
 * License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.iotjobs.examples.rollout;

import java.util.List;

import io.github.iotjobs.camel.model.DeviceJob;
import io.github.iotjobs.camel.model.IotJob;

/**
 * What the rollout did.
 *
 * @param targeted      devices the dry run selected; null when the service refused the dry run
 * @param previewError  why the service refused the dry run; null when it answered
 * @param twinJob       the twin update job, as it ended
 * @param rebootJob     the reboot method job, as it ended
 * @param failedDevices the reboot job's failed device rows, with their errors
 */
public record RolloutSummary(Integer targeted, String previewError, IotJob twinJob, IotJob rebootJob,
        List<DeviceJob> failedDevices) {
}
