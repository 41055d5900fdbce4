/*
 * Licensed to the Apache Software Foundation (ASF) under one or more contributor license agreements; and to You
 * under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance with the
 * License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.iotjobs.emulator.central;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import io.github.iotjobs.emulator.http.ApiException;

/**
 * IoT Central API tokens (protocol.md §10.1): {@code SharedAccessSignature sr=APP&sig=SIG&skn=TOKEN_ID&se=MILLIS},
 * signed here with HMAC-SHA256 over {@code sr\nse}; any non-empty {@code Bearer} token is accepted as an AAD token.
 */
public final class CentralAuth {

    public static final String TOKEN_ID = "operator-token";
    private static final String PREFIX = "SharedAccessSignature ";

    private final String application;
    private final byte[] key;
    private final Clock clock;

    public CentralAuth(String application, byte[] key, Clock clock) {
        this.application = application;
        this.key = key.clone();
        this.clock = clock;
    }

    /** A token valid for the given time, as {@code PUT /apiTokens} would return it. */
    public String token(Duration validity) {
        String se = String.valueOf(clock.instant().plus(validity).toEpochMilli());
        return PREFIX + "sr=" + application + "&sig=" + sign(application, se) + "&skn=" + TOKEN_ID + "&se=" + se;
    }

    /** @throws ApiException 401 when the Authorization header carries no valid credential */
    public void check(String authorization) {
        if (authorization == null || authorization.isBlank()) {
            throw unauthorized("The Authorization header is missing.");
        }
        if (authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            if (authorization.substring(7).isBlank()) {
                throw unauthorized("The bearer token is empty.");
            }
            return;
        }
        if (!authorization.startsWith(PREFIX)) {
            throw unauthorized("Unsupported authorization scheme.");
        }
        Map<String, String> fields = new HashMap<>();
        for (String pair : authorization.substring(PREFIX.length()).trim().split("&")) {
            int eq = pair.indexOf('=');
            if (eq <= 0 || fields.put(pair.substring(0, eq), pair.substring(eq + 1)) != null) {
                throw unauthorized("The API token is malformed.");
            }
        }
        String sr = fields.get("sr");
        String sig = fields.get("sig");
        String se = fields.get("se");
        if (sr == null || sig == null || se == null || !TOKEN_ID.equals(fields.get("skn")) || !se.matches("\\d{1,15}")) {
            throw unauthorized("The API token is malformed or unknown.");
        }
        long expiry = Long.parseLong(se);
        long expiryMillis = expiry < 100_000_000_000L ? expiry * 1000 : expiry; // seconds tolerated (§10.1)
        if (expiryMillis <= clock.millis()) {
            throw unauthorized("The API token has expired.");
        }
        if (!MessageDigest.isEqual(sign(sr, se).getBytes(StandardCharsets.UTF_8),
                sig.getBytes(StandardCharsets.UTF_8))) {
            throw unauthorized("The API token signature is invalid.");
        }
    }

    private String sign(String sr, String se) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            byte[] sig = mac.doFinal((sr + "\n" + se).getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(sig);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static ApiException unauthorized(String message) {
        return new ApiException(401, "Unauthorized", message);
    }
}
