/*
 * Licensed to the Apache Software Foundation (ASF) under one or more contributor license agreements; and to You
 * under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance with the
 * License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.iotjobs.emulator.central;

import io.github.iotjobs.emulator.http.ApiException;

/** Shorthands for the IoT Central errors the emulator answers with. */
final class CentralException {

    private CentralException() {
    }

    static ApiException badRequest(String message) {
        return new ApiException(400, "BadRequest", message);
    }

    static ApiException invalid(String message) {
        return new ApiException(422, "InvalidBody", message);
    }

    static ApiException notFound(String what, String id) {
        return new ApiException(404, "NotFound", what + " '" + id + "' was not found.");
    }

    static ApiException conflict(String code, String message) {
        return new ApiException(409, code, message);
    }
}
