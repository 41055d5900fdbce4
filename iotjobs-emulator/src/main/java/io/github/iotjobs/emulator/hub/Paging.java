/*
 * Licensed to the Apache Software Foundation (ASF) under one or more contributor license agreements; and to You
 * under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance with the
 * License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.iotjobs.emulator.hub;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import io.github.iotjobs.emulator.http.ApiException;
import io.github.iotjobs.emulator.http.Request;

/**
 * Page size and continuation of the query endpoints: headers x-ms-max-item-count / x-ms-continuation, or the
 * documented pageSize / continuationToken query parameters; headers win (§2.4). Tokens are opaque base64.
 */
record Paging(int pageSize, String position) {

    static final int DEFAULT_PAGE = 100;
    static final int MAX_PAGE = 100;

    static Paging of(Request request) {
        String size = firstNonBlank(request.header("x-ms-max-item-count"), request.queryParam("pageSize"));
        String token = firstNonBlank(request.header("x-ms-continuation"), request.queryParam("continuationToken"));
        int pageSize = DEFAULT_PAGE;
        if (size != null) {
            try {
                pageSize = Integer.parseInt(size.trim());
            } catch (NumberFormatException e) {
                throw JobRequestParser.invalid("The page size must be a positive integer.");
            }
            if (pageSize <= 0) {
                throw JobRequestParser.invalid("The page size must be a positive integer.");
            }
            pageSize = Math.min(pageSize, MAX_PAGE); // "The service may use a different value" (§3)
        }
        String position = null;
        if (token != null) {
            try {
                position = new String(Base64.getUrlDecoder().decode(token.trim()), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                throw invalidToken();
            }
            if (position.isEmpty()) {
                throw invalidToken();
            }
        }
        return new Paging(pageSize, position);
    }

    /** For offset-based lists: the offset this page starts at. */
    int offset() {
        if (position == null) {
            return 0;
        }
        if (!position.startsWith("o:")) {
            throw invalidToken();
        }
        try {
            int offset = Integer.parseInt(position.substring(2));
            if (offset < 0) {
                throw invalidToken();
            }
            return offset;
        } catch (NumberFormatException e) {
            throw invalidToken();
        }
    }

    /** For key-based lists: the last key of the previous page, or null. */
    String afterKey() {
        if (position == null) {
            return null;
        }
        if (!position.startsWith("k:")) {
            throw invalidToken();
        }
        return position.substring(2);
    }

    /** Where a devices.jobs page starts: a job and a row index within it. */
    record RowPosition(String jobId, int row) {
    }

    /** For devices.jobs pages: the job and row the page starts at, or null for the first page. */
    RowPosition rowPosition() {
        if (position == null) {
            return null;
        }
        int colon = position.lastIndexOf(':');
        if (!position.startsWith("r:") || colon <= 2) {
            throw invalidToken();
        }
        try {
            int row = Integer.parseInt(position.substring(colon + 1));
            if (row < 0) {
                throw invalidToken();
            }
            return new RowPosition(position.substring(2, colon), row);
        } catch (NumberFormatException e) {
            throw invalidToken();
        }
    }

    static String rowToken(String jobId, int row) {
        return encode("r:" + jobId + ":" + row);
    }

    static String offsetToken(int offset) {
        return encode("o:" + offset);
    }

    static String keyToken(String key) {
        return encode("k:" + key);
    }

    private static String encode(String position) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(position.getBytes(StandardCharsets.UTF_8));
    }

    private static ApiException invalidToken() {
        return JobRequestParser.invalid("The continuation token is invalid.");
    }

    private static String firstNonBlank(String a, String b) {
        return a != null && !a.isBlank() ? a : b != null && !b.isBlank() ? b : null;
    }
}
