/*
 * Licensed to the Apache Software Foundation (ASF) under one or more contributor license agreements; and to You
 * under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance with the
 * License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.iotjobs.camel.transport;

/**
 * Reads a platform's error answer: each platform has its own error body shapes.
 */
@FunctionalInterface
public interface ErrorDecoder {

    /** Never fails: an answer it cannot read becomes an error with the text it has. */
    PlatformError decode(ApiResponse response);
}
