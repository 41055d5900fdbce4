/*
 * Licensed to the Apache Software Foundation (ASF) under one or more contributor license agreements; and to You
 * under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance with the
 * License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.iotjobs.camel.transport;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * What error decoders share: reading a body that may or may not be JSON, and keeping quoted text short (an HTML
 * error page must not fill an exception message).
 */
public final class ErrorTexts {

    private static final int MAX_TEXT = 300;

    private ErrorTexts() {
    }

    /** The text as JSON, or null when it is not JSON. */
    public static JsonNode json(String text) {
        try {
            return JsonBodies.mapper().readTree(text);
        } catch (Exception notJson) {
            return null;
        }
    }

    /** The text cut to a readable length; null when empty. */
    public static String truncate(String text) {
        if (text == null || text.isEmpty()) {
            return null;
        }
        return text.length() <= MAX_TEXT ? text : text.substring(0, MAX_TEXT) + "...";
    }
}
