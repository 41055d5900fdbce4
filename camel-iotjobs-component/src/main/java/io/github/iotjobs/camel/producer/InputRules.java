/*
 * Licensed to the Apache Software Foundation (ASF) under one or more contributor license agreements; and to You
 * under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance with the
 * License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.iotjobs.camel.producer;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Iterator;
import java.util.Map;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.iotjobs.camel.IotJobsPlatform;
import io.github.iotjobs.camel.client.central.CentralInputRules;
import io.github.iotjobs.camel.transport.JsonBodies;
import io.github.iotjobs.camel.validation.IotJobsValidationException;
import io.github.iotjobs.camel.validation.QueryConditionSyntax;

/**
 * The platform's input rules, checked before any request so that a mistake is reported naming its field instead of
 * coming back as a 400, or worse, as a job that fails later.
 */
final class InputRules {

    private static final Pattern HUB_JOB_ID = Pattern.compile("[A-Za-z0-9-]{1,64}");
    private static final int MAX_METHOD_PAYLOAD_BYTES = 128 * 1024;
    private static final int MIN_RESPONSE_TIMEOUT = 5;
    private static final int MAX_METHOD_TIMEOUT = 300;
    /** Objects nested below tags or properties.desired, as the hub counts: tags.one...ten.leaf is the deepest. */
    private static final int MAX_TWIN_DEPTH = 10;
    private static final int MAX_TAGS_BYTES = 8 * 1024;
    private static final int MAX_DESIRED_BYTES = 32 * 1024;
    private static final int MAX_KEY_BYTES = 1024;
    private static final int MAX_STRING_VALUE_BYTES = 4 * 1024;
    private static final int MAX_PAGE_SIZE = 1000;

    private InputRules() {
    }

    static void jobId(IotJobsPlatform platform, String jobId) {
        if (platform == IotJobsPlatform.hub && !HUB_JOB_ID.matcher(jobId).matches()) {
            throw new IotJobsValidationException("jobId", "jobId '" + jobId + "' must be 1 to 64 US-ASCII letters,"
                                                          + " digits and dashes");
        }
        if (platform == IotJobsPlatform.central) {
            CentralInputRules.id("jobId", jobId);
        }
        if (jobId.contains("/")) {
            throw new IotJobsValidationException("jobId", "jobId '" + jobId + "' must not contain '/'");
        }
    }

    static void methodName(String methodName) {
        if (methodName == null || methodName.isBlank()) {
            throw new IotJobsValidationException("methodName", "methodName is required: the direct method to call");
        }
    }

    static void methodPayload(JsonNode payload) {
        if (payload == null) {
            return;
        }
        int size = JsonBodies.write(payload).length;
        if (size > MAX_METHOD_PAYLOAD_BYTES) {
            throw new IotJobsValidationException("payload", "payload (message body) is " + size
                                                            + " bytes; a direct method payload is at most 128 KB");
        }
    }

    static void methodTimeouts(int responseTimeout, int connectTimeout) {
        if (responseTimeout < MIN_RESPONSE_TIMEOUT || responseTimeout > MAX_METHOD_TIMEOUT) {
            throw new IotJobsValidationException("methodResponseTimeout", "methodResponseTimeout " + responseTimeout
                                                                          + " must be 5 to 300 seconds");
        }
        if (connectTimeout < 0 || connectTimeout > MAX_METHOD_TIMEOUT) {
            throw new IotJobsValidationException("methodConnectTimeout", "methodConnectTimeout " + connectTimeout
                                                                         + " must be 0 to 300 seconds");
        }
    }

    /** Only tags and desired properties may be written; keys and depth as the hub's twin rules. */
    static void twinPatch(ObjectNode patch) {
        boolean writes = false;
        for (Iterator<Map.Entry<String, JsonNode>> it = patch.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> section = it.next();
            switch (section.getKey()) {
                case "tags" -> {
                    checkSection("twinPatch.tags", section.getValue(), MAX_TAGS_BYTES);
                    writes = true;
                }
                case "properties" -> {
                    checkProperties(section.getValue());
                    writes = true;
                }
                case "etag" -> {
                    if (!"*".equals(section.getValue().asText())) {
                        throw new IotJobsValidationException("twinPatch.etag", "twinPatch.etag must be '*' or absent:"
                                                                               + " a twin job is a forced update");
                    }
                }
                default -> throw new IotJobsValidationException("twinPatch", "twinPatch may only hold tags and"
                                                                             + " properties.desired, not '"
                                                                             + section.getKey() + "'");
            }
        }
        if (!writes) {
            throw new IotJobsValidationException("twinPatch", "twinPatch writes nothing: give tags and/or"
                                                              + " properties.desired");
        }
    }

    private static void checkProperties(JsonNode properties) {
        if (!properties.isObject()) {
            throw new IotJobsValidationException("twinPatch.properties", "twinPatch.properties must be an object");
        }
        for (Iterator<String> names = properties.fieldNames(); names.hasNext();) {
            String name = names.next();
            if (!"desired".equals(name)) {
                throw new IotJobsValidationException("twinPatch.properties", "twinPatch.properties may only hold"
                                                                             + " desired, not '" + name + "'");
            }
        }
        checkSection("twinPatch.properties.desired", properties.get("desired"), MAX_DESIRED_BYTES);
    }

    private static void checkSection(String path, JsonNode section, int maxBytes) {
        checkTree(path, section, 0);
        int size = JsonBodies.write(section).length;
        if (size > maxBytes) {
            throw new IotJobsValidationException(path, path + " is " + size + " bytes as JSON; the twin allows "
                                                       + maxBytes / 1024 + " KB");
        }
    }

    private static void checkTree(String path, JsonNode node, int depth) {
        if (!node.isObject()) {
            throw new IotJobsValidationException(path, path + " must be a JSON object");
        }
        if (depth > MAX_TWIN_DEPTH) {
            throw new IotJobsValidationException(path, path + " is nested deeper than " + MAX_TWIN_DEPTH
                                                       + " levels, the twin limit");
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> child = it.next();
            String key = child.getKey();
            if (!isValidKey(key)) {
                throw new IotJobsValidationException(path, path + " has the key '" + printable(key) + "'; twin keys"
                                                           + " must be non-empty and contain no '.', '$', space or"
                                                           + " control characters");
            }
            if (utf8Length(key) > MAX_KEY_BYTES) {
                throw new IotJobsValidationException(path, path + " has a key of " + utf8Length(key) + " bytes;"
                                                           + " twin keys are at most 1 KB");
            }
            JsonNode value = child.getValue();
            if (value.isTextual() && utf8Length(value.asText()) > MAX_STRING_VALUE_BYTES) {
                throw new IotJobsValidationException(path + "." + key, path + "." + key + " is a string of "
                                                                       + utf8Length(value.asText()) + " bytes;"
                                                                       + " twin values are at most 4 KB");
            }
            if (value.isObject()) {
                checkTree(path + "." + key, value, depth + 1);
            }
        }
    }

    private static int utf8Length(String text) {
        return text.getBytes(StandardCharsets.UTF_8).length;
    }

    private static boolean isValidKey(String key) {
        if (key.isEmpty()) {
            return false;
        }
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            if (c == '.' || c == '$' || c == ' ' || Character.isISOControl(c)) {
                return false;
            }
        }
        return true;
    }

    private static String printable(String key) {
        StringBuilder text = new StringBuilder();
        for (char c : key.toCharArray()) {
            text.append(Character.isISOControl(c) ? String.format("\\u%04x", (int) c) : String.valueOf(c));
        }
        return text.toString();
    }

    static void queryCondition(String condition) {
        QueryConditionSyntax.check("queryCondition", condition);
    }

    static void maxExecutionTime(long seconds) {
        if (seconds <= 0) {
            throw new IotJobsValidationException("maxExecutionTime", "maxExecutionTime " + seconds
                                                                     + " must be a positive number of seconds");
        }
    }

    static void waitTimes(Duration pollInterval, Duration waitTimeout) {
        if (pollInterval.isNegative() || pollInterval.isZero()) {
            throw new IotJobsValidationException("pollInterval", "pollInterval must be positive");
        }
        if (waitTimeout.isNegative() || waitTimeout.isZero()) {
            throw new IotJobsValidationException("waitTimeout", "waitTimeout must be positive");
        }
    }

    static void pageSize(int pageSize) {
        if (pageSize < 1 || pageSize > MAX_PAGE_SIZE) {
            throw new IotJobsValidationException("pageSize", "pageSize " + pageSize + " must be 1 to " + MAX_PAGE_SIZE);
        }
    }
}
