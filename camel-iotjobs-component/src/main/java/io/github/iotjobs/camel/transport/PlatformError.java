/*
 * Licensed to the Apache Software Foundation (ASF) under one or more contributor license agreements; and to You
 * under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance with the
 * License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.iotjobs.camel.transport;

/**
 * What a platform's error answer says, whatever its shape.
 *
 * @param code      the platform's error code name, such as {@code JobNotFound}, or null
 * @param message   the human-readable message, or null
 * @param requestId the request or tracking id, or null
 */
public record PlatformError(String code, String message, String requestId) {
}
