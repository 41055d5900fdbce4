/*
 * Licensed to the Apache Software Foundation (ASF) under one or more contributor license agreements; and to You
 * under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance with the
 * License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.iotjobs.camel.client.hub;

import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.iotjobs.camel.transport.ApiResponse;
import io.github.iotjobs.camel.transport.ErrorDecoder;
import io.github.iotjobs.camel.transport.ErrorTexts;
import io.github.iotjobs.camel.transport.PlatformError;

/**
 * Reads the four IoT Hub error shapes: {@code {"Message":"ErrorCode:X;text","ExceptionMessage":"Tracking ID:..."}}
 * (its text may nest another such body), a JSON error object inside {@code Message}, the flat
 * {@code {"errorCode":404001,"trackingId":...,"message":...}}, and plain text or HTML. The
 * {@code iothub-errorcode} header, when present, names the code.
 */
public final class HubErrorDecoder implements ErrorDecoder {

    private static final String ERROR_CODE_PREFIX = "ErrorCode:";

    /** Numeric codes of the JSON shapes, from the service SDKs' tables. */
    private static final Map<Integer, String> CODE_NAMES = Map.ofEntries(
            Map.entry(400001, "InvalidProtocolVersion"), Map.entry(400003, "InvalidOperation"),
            Map.entry(400004, "ArgumentInvalid"), Map.entry(400005, "ArgumentNull"),
            Map.entry(400006, "IotHubFormatError"), Map.entry(401002, "IotHubUnauthorizedAccess"),
            Map.entry(401003, "IotHubUnauthorized"), Map.entry(403002, "IotHubQuotaExceeded"),
            Map.entry(403003, "JobQuotaExceeded"), Map.entry(404001, "DeviceNotFound"),
            Map.entry(404002, "JobNotFound"), Map.entry(404103, "DeviceNotOnline"),
            Map.entry(409001, "DeviceAlreadyExists"), Map.entry(412001, "PreconditionFailed"),
            Map.entry(413001, "MessageTooLarge"), Map.entry(429001, "ThrottlingException"),
            Map.entry(429002, "ThrottleBacklogLimitExceeded"), Map.entry(429003, "ThrottlingBacklogTimeout"),
            Map.entry(429004, "ThrottlingMaxActiveJobCountExceeded"), Map.entry(500001, "ServerError"),
            Map.entry(500002, "JobCancelled"), Map.entry(503001, "ServiceUnavailable"),
            Map.entry(504101, "GatewayTimeout"));

    @Override
    public PlatformError decode(ApiResponse response) {
        PlatformError fromBody = fromText(response.bodyText().trim());
        String header = response.header("iothub-errorcode");
        if (header == null) {
            header = response.header("IotHubErrorCode");
        }
        String code = header != null && !header.isBlank() ? header.trim() : fromBody.code();
        return new PlatformError(code, fromBody.message(), fromBody.requestId());
    }

    private PlatformError fromText(String text) {
        if (text.isEmpty()) {
            return new PlatformError(null, null, null);
        }
        JsonNode json = ErrorTexts.json(text);
        if (json == null || !json.isObject()) {
            return classic(text, null);
        }
        if (json.path("errorCode").isNumber() || json.path("errorCode").isTextual()) {
            return flat(json);
        }
        JsonNode message = json.get("Message");
        if (message != null && message.isTextual()) {
            String inner = message.asText().trim();
            JsonNode nested = inner.startsWith("{") ? ErrorTexts.json(inner) : null;
            if (nested != null && nested.isObject()) {
                return fromText(inner);
            }
            return classic(inner, json.path("ExceptionMessage").asText(null));
        }
        return new PlatformError(null, ErrorTexts.truncate(text), null);
    }

    /** {@code ErrorCode:Name;text}, where the text may wrap a whole nested error body. */
    private PlatformError classic(String message, String exceptionMessage) {
        String code = null;
        String text = message;
        if (message.startsWith(ERROR_CODE_PREFIX)) {
            int semicolon = message.indexOf(';');
            code = message.substring(ERROR_CODE_PREFIX.length(), semicolon < 0 ? message.length() : semicolon).trim();
            text = semicolon < 0 ? null : message.substring(semicolon + 1).trim();
        }
        int brace = text == null ? -1 : text.indexOf('{');
        if (brace >= 0) {
            JsonNode nested = ErrorTexts.json(text.substring(brace));
            if (nested != null && nested.isObject()) {
                PlatformError inner = fromText(text.substring(brace));
                return new PlatformError(code != null ? code : inner.code(), inner.message(),
                        inner.requestId() != null ? inner.requestId() : trackingId(exceptionMessage));
            }
        }
        return new PlatformError(code, ErrorTexts.truncate(text), trackingId(exceptionMessage));
    }

    private PlatformError flat(JsonNode json) {
        JsonNode errorCode = json.get("errorCode");
        String code = errorCode.isNumber() ? CODE_NAMES.getOrDefault(errorCode.asInt(), errorCode.asText())
                : errorCode.asText();
        String tracking = json.path("trackingId").asText(null);
        return new PlatformError(code, json.path("message").asText(null), stripTimestamp(tracking));
    }

    /** {@code Tracking ID:<id>-TimeStamp:...} gives {@code <id>}. */
    private static String trackingId(String exceptionMessage) {
        if (exceptionMessage == null || !exceptionMessage.startsWith("Tracking ID:")) {
            return null;
        }
        return stripTimestamp(exceptionMessage.substring("Tracking ID:".length()).trim());
    }

    private static String stripTimestamp(String tracking) {
        if (tracking == null || tracking.isEmpty()) {
            return null;
        }
        int at = tracking.indexOf("-TimeStamp:");
        return at < 0 ? tracking : tracking.substring(0, at);
    }
}
