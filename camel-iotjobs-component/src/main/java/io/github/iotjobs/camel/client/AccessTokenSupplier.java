/*
 * Licensed to the Apache Software Foundation (ASF) under one or more contributor license agreements; and to You
 * under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance with the
 * License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.iotjobs.camel.client;

import java.time.Instant;

/**
 * Supplies Azure AD access tokens that expire (central, manager): a bean wrapping Azure Identity's
 * {@code TokenCredential}, a vault, a script. It is asked again before the token expires and when the platform
 * answers 401.
 */
@FunctionalInterface
public interface AccessTokenSupplier {

    /** A fresh token. */
    AccessToken get() throws Exception;

    /**
     * An access token and when it expires.
     *
     * @param token     the token, with or without the {@code Bearer } prefix
     * @param expiresAt when it stops being valid; null when unknown (then it is asked again only on 401)
     */
    record AccessToken(String token, Instant expiresAt) {

        @Override
        public String toString() {
            return "AccessToken[expiresAt=" + expiresAt + "]";
        }
    }
}
