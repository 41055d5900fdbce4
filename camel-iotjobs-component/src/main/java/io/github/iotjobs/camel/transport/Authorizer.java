/*
 * Licensed to the Apache Software Foundation (ASF) under one or more contributor license agreements; and to You
 * under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance with the
 * License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.iotjobs.camel.transport;

/**
 * Supplies the Authorization header of each request: a SAS token, an API token or a bearer token.
 */
@FunctionalInterface
public interface Authorizer {

    /** An authorizer for APIs that take no credentials. */
    Authorizer NONE = () -> null;

    /** The header value, or null to send none. Called for every request, so tokens can be renewed. */
    String authorization();

    /**
     * The platform refused the last header (401): forget any cached token, so the next call gets a fresh one.
     *
     * @return whether the fresh credential comes from a source that may have renewed it (a token supplier), so the
     *         refused request is worth one more try; a token derived from the same key is not
     */
    default boolean invalidate() {
        return false;
    }
}
