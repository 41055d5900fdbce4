/*
 * Licensed to the Apache Software Foundation (ASF) under one or more contributor license agreements; and to You
 * under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance with the
 * License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.iotjobs.camel.client.hub;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Locale;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import io.github.iotjobs.camel.transport.Authorizer;

/**
 * IoT Hub SAS tokens for a service policy: {@code SharedAccessSignature sr=&sig=&se=&skn=}, signed with HMAC-SHA256
 * over the URL-encoded lower-case host and the expiry. A token is reused until a fifth of its lifetime is left, then
 * renewed, so that no request leaves with a token about to expire.
 */
public final class SasTokenProvider implements Authorizer {

    private final String encodedResource;
    private final String keyName;
    private final SecretKeySpec key;
    private final Duration timeToLive;
    private final Clock clock;

    private String token;
    private long renewAtEpochSecond;

    public SasTokenProvider(HubConnectionString connection, Duration timeToLive, Clock clock) {
        this.encodedResource = URLEncoder.encode(connection.hostName().toLowerCase(Locale.ROOT), StandardCharsets.UTF_8);
        this.keyName = connection.sharedAccessKeyName();
        this.key = new SecretKeySpec(connection.sharedAccessKey(), "HmacSHA256");
        this.timeToLive = timeToLive;
        this.clock = clock;
    }

    @Override
    public synchronized String authorization() {
        long now = clock.instant().getEpochSecond();
        if (token == null || now >= renewAtEpochSecond) {
            long expiry = now + timeToLive.toSeconds();
            token = "SharedAccessSignature sr=" + encodedResource + "&sig="
                    + URLEncoder.encode(sign(encodedResource + "\n" + expiry), StandardCharsets.UTF_8)
                    + "&se=" + expiry + "&skn=" + URLEncoder.encode(keyName, StandardCharsets.UTF_8);
            renewAtEpochSecond = expiry - timeToLive.toSeconds() / 5;
        }
        return token;
    }

    /** The hub refused the token (a clock that jumped, a rotated key): the next request signs a new one. */
    @Override
    public synchronized boolean invalidate() {
        token = null;
        return false;
    }

    private String sign(String text) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return Base64.getEncoder().encodeToString(mac.doFinal(text.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available in this JVM", e);
        }
    }
}
