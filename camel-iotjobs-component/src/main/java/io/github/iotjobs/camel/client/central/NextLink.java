/*
 * Licensed to the Apache Software Foundation (ASF) under one or more contributor license agreements; and to You
 * under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance with the
 * License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.iotjobs.camel.client.central;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

import io.github.iotjobs.camel.transport.ApiRequest;

/**
 * Turns an IoT Central {@code nextLink} into a request relative to the configured base URL. Only its path and query
 * are kept: the credentials go to the configured service, never to a host named in a response.
 */
final class NextLink {

    private NextLink() {
    }

    static ApiRequest request(String nextLink, String basePath) {
        URI uri = URI.create(nextLink);
        String path = uri.getRawPath() == null ? "" : uri.getRawPath();
        if (!basePath.isEmpty() && path.startsWith(basePath + "/")) {
            path = path.substring(basePath.length());
        }
        ApiRequest request = ApiRequest.get(path);
        String query = uri.getRawQuery();
        if (query != null) {
            for (String pair : query.split("&")) {
                if (pair.isEmpty()) {
                    continue;
                }
                int eq = pair.indexOf('=');
                String name = decode(eq < 0 ? pair : pair.substring(0, eq));
                request = request.withQuery(name, eq < 0 ? "" : decode(pair.substring(eq + 1)));
            }
        }
        return request;
    }

    private static String decode(String text) {
        return URLDecoder.decode(text, StandardCharsets.UTF_8);
    }
}
