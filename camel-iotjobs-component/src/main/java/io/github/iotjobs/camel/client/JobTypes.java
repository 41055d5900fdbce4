/*
 * Licensed to the Apache Software Foundation (ASF) under one or more contributor license agreements; and to You
 * under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance with the
 * License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.iotjobs.camel.client;

import java.util.List;
import java.util.Locale;

import io.github.iotjobs.camel.IotJobsPlatform;
import io.github.iotjobs.camel.client.central.CentralDataTypes;
import io.github.iotjobs.camel.client.manager.ManagerCodes;
import io.github.iotjobs.camel.validation.IotJobsValidationException;

/**
 * The job types a platform knows, in its own words: what a jobType filter is checked against and rewritten to before
 * anything is sent. Hub and manager: {@code scheduleDeviceMethod} and {@code scheduleUpdateTwin}, any case, with the
 * producer operation names ({@code scheduleTwinUpdate}) and the manager's codes (3, 4) as aliases. Central: its data
 * types in both spellings ({@code property} or {@code PropertyJobData}, ...).
 */
public final class JobTypes {

    private static final List<String> HUB_WORDS = List.of(ManagerCodes.SCHEDULE_DEVICE_METHOD,
            ManagerCodes.SCHEDULE_UPDATE_TWIN);

    private JobTypes() {
    }

    /**
     * @return                           the platform's word, or null when no type is given
     * @throws IotJobsValidationException naming {@code jobType} when the platform has no such type
     */
    public static String normalize(IotJobsPlatform platform, String jobType) {
        if (jobType == null || jobType.isBlank()) {
            return null;
        }
        String text = jobType.trim();
        String word = platform == IotJobsPlatform.central ? centralWord(text) : hubWord(text);
        if (word == null) {
            List<String> words = platform == IotJobsPlatform.central ? CentralDataTypes.WORDS : HUB_WORDS;
            throw new IotJobsValidationException("jobType", "jobType '" + jobType + "' is not a job type of platform "
                                                            + platform + ": one of " + words);
        }
        return word;
    }

    private static String hubWord(String text) {
        return switch (text.toLowerCase(Locale.ROOT)) {
            case "scheduledevicemethod", "3" -> ManagerCodes.SCHEDULE_DEVICE_METHOD;
            case "scheduleupdatetwin", "scheduletwinupdate", "4" -> ManagerCodes.SCHEDULE_UPDATE_TWIN;
            default -> null;
        };
    }

    private static String centralWord(String text) {
        for (String word : CentralDataTypes.WORDS) {
            if (word.equalsIgnoreCase(text) || (word + "JobData").equalsIgnoreCase(text)) {
                return word;
            }
        }
        return null;
    }
}
