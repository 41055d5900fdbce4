/*
 * Licensed to the Apache Software Foundation (ASF) under one or more contributor license agreements; and to You
 * under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance with the
 * License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.iotjobs.emulator.http;

/** One platform API (IoT Hub now; IoT Central and manager later) behind the shared HTTP server. */
public interface Handler {

    /** @return the response, or null when this API does not serve the path */
    Response handle(Request request);

    /** Renders an error in this platform's shape. */
    Response error(ApiException error);

    /** Whether this API owns the path, so that injected faults and unrouted errors take its error shape. */
    default boolean serves(String rawPath) {
        return false;
    }
}
