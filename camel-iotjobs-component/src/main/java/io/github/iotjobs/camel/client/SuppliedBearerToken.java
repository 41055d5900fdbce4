/*
 * Licensed to the Apache Software Foundation (ASF) under one or more contributor license agreements; and to You
 * under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance with the
 * License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.iotjobs.camel.client;

import java.time.Clock;
import java.time.Duration;

import io.github.iotjobs.camel.transport.Authorizer;

/**
 * A bearer token from an {@link AccessTokenSupplier}: kept until five minutes before it expires, dropped when the
 * platform answers 401, then asked for again.
 */
public final class SuppliedBearerToken implements Authorizer {

    private static final Duration RENEW_BEFORE = Duration.ofMinutes(5);
    private static final String BEARER = "Bearer ";

    private final AccessTokenSupplier supplier;
    private final Clock clock;
    private AccessTokenSupplier.AccessToken current;

    public SuppliedBearerToken(AccessTokenSupplier supplier, Clock clock) {
        this.supplier = supplier;
        this.clock = clock;
    }

    @Override
    public synchronized String authorization() {
        if (current == null || current.expiresAt() != null
                               && !clock.instant().isBefore(current.expiresAt().minus(RENEW_BEFORE))) {
            try {
                current = supplier.get();
            } catch (Exception e) {
                // The supplier's message may describe the token source, never the token: it is kept as the cause.
                throw new IllegalStateException("the accessTokenSupplier failed to supply a token", e);
            }
            if (current == null || current.token() == null || current.token().isBlank()) {
                throw new IllegalStateException("the accessTokenSupplier supplied no token");
            }
        }
        String token = current.token().trim();
        return token.regionMatches(true, 0, BEARER, 0, BEARER.length()) ? token : BEARER + token;
    }

    @Override
    public synchronized boolean invalidate() {
        current = null;
        return true;
    }
}
