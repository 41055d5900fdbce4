/*
 * Licensed to the Apache Software Foundation (ASF) under one or more contributor license agreements; and to You
 * under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance with the
 * License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.iotjobs.camel.client.hub;

import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import io.github.iotjobs.camel.validation.IotJobsValidationException;

/**
 * An IoT Hub service connection string: {@code HostName=...;SharedAccessKeyName=...;SharedAccessKey=...}, or with
 * {@code SharedAccessSignature=...} instead of the key. Error messages name the part that is wrong, never its value.
 *
 * @param hostName              the hub's host name, with a port when it has one (an emulator)
 * @param sharedAccessKeyName   the policy name
 * @param sharedAccessKey       the decoded policy key, or null when a signature was given
 * @param sharedAccessSignature a ready-made SAS token, or null
 */
public record HubConnectionString(String hostName, String sharedAccessKeyName, byte[] sharedAccessKey,
        String sharedAccessSignature) {

    private static final String FIELD = "connectionString";

    public static HubConnectionString parse(String text) {
        if (text == null || text.isBlank()) {
            throw invalid("is required: HostName=...;SharedAccessKeyName=...;SharedAccessKey=...");
        }
        Map<String, String> parts = new LinkedHashMap<>();
        for (String part : text.trim().split(";")) {
            if (part.isBlank()) {
                continue;
            }
            // Split on the first '=' only: base64 keys end with '='.
            int eq = part.indexOf('=');
            if (eq <= 0) {
                throw invalid("has a part that is not Name=value");
            }
            parts.put(part.substring(0, eq).trim().toLowerCase(Locale.ROOT), part.substring(eq + 1).trim());
        }
        if (parts.containsKey("deviceid") || parts.containsKey("moduleid")) {
            throw invalid("is a device or module connection string; jobs need a service policy such as iothubowner");
        }
        String host = required(parts, "hostname", "HostName");
        String signature = parts.get("sharedaccesssignature");
        if (signature != null) {
            if (!signature.startsWith("SharedAccessSignature ")) {
                throw invalid("has a SharedAccessSignature that does not start with 'SharedAccessSignature '");
            }
            return new HubConnectionString(host, parts.get("sharedaccesskeyname"), null, signature);
        }
        String keyName = required(parts, "sharedaccesskeyname", "SharedAccessKeyName");
        String key = required(parts, "sharedaccesskey", "SharedAccessKey");
        try {
            return new HubConnectionString(host, keyName, Base64.getDecoder().decode(key), null);
        } catch (IllegalArgumentException e) {
            throw invalid("has a SharedAccessKey that is not valid base64");
        }
    }

    private static String required(Map<String, String> parts, String key, String name) {
        String value = parts.get(key);
        if (value == null || value.isEmpty()) {
            throw invalid("has no " + name);
        }
        return value;
    }

    private static IotJobsValidationException invalid(String why) {
        return new IotJobsValidationException(FIELD, FIELD + " " + why);
    }

    /** Never prints the key or signature. */
    @Override
    public String toString() {
        return "HubConnectionString[hostName=" + hostName + ", sharedAccessKeyName=" + sharedAccessKeyName + "]";
    }
}
