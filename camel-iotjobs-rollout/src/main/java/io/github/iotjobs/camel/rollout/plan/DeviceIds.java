/*
 * Licensed to the Apache Software Foundation (ASF) under one or more contributor license agreements; and to You
 * under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance with the
 * License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.iotjobs.camel.rollout.plan;

/** The device ids IoT Hub allows (protocol.md §4.4): up to 128 ASCII letters, digits and {@code -:.+%_#*?!(),=@;$'}. */
public final class DeviceIds {

    public static final int MAX_LENGTH = 128;
    private static final String SPECIAL = "-:.+%_#*?!(),=@;$'";

    private DeviceIds() {
    }

    /** Null when the id is valid, else what is wrong with it. */
    public static String problem(String deviceId) {
        if (deviceId == null || deviceId.isEmpty()) {
            return "a device id cannot be empty";
        }
        if (deviceId.length() > MAX_LENGTH) {
            return "a device id has at most " + MAX_LENGTH + " characters, this one " + deviceId.length();
        }
        for (int i = 0; i < deviceId.length(); i++) {
            char c = deviceId.charAt(i);
            boolean alnum = c < 128 && Character.isLetterOrDigit(c);
            if (!alnum && SPECIAL.indexOf(c) < 0) {
                return "character " + (c < 32 || c > 126 ? String.format("U+%04X", (int) c) : "'" + c + "'")
                       + " at " + i + " is not allowed in a device id (letters, digits and " + SPECIAL + ")";
            }
        }
        return null;
    }
}
