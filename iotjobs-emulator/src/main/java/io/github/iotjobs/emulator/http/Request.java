/*
 * Licensed to the Apache Software Foundation (ASF) under one or more contributor license agreements; and to You
 * under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance with the
 * License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.iotjobs.emulator.http;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * An HTTP request as the platform APIs see it: decoded path segments, decoded query parameters, headers with
 * lower-cased names, and the body.
 */
public record Request(String method, String path, List<String> segments, Map<String, String> query,
                      Map<String, String> headers, byte[] body, String hostHeader) {

    public String header(String name) {
        return headers.get(name.toLowerCase(Locale.ROOT));
    }

    public String queryParam(String name) {
        return query.get(name);
    }
}
