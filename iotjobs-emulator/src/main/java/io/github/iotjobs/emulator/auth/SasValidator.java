/*
 * Licensed to the Apache Software Foundation (ASF) under one or more contributor license agreements; and to You
 * under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance with the
 * License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.iotjobs.emulator.auth;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Validates IoT Hub service SAS tokens (protocol.md §6.2): fields in any order, sr compared with the hub host
 * after URL-decoding and lower-casing (port optional), HMAC-SHA256 over sr + "\n" + se with the base64-decoded
 * policy key, expiry with 5 minutes of clock skew.
 */
public final class SasValidator {

    public static final Duration MAX_CLOCK_SKEW = Duration.ofMinutes(5);
    private static final String PREFIX = "SharedAccessSignature";

    private final Map<String, byte[]> policyKeys = new HashMap<>();
    private final Set<String> hosts;
    private final Clock clock;

    /** @param hosts lower-case host names (without port) a token's sr may name */
    public SasValidator(Map<String, String> policies, Set<String> hosts, Clock clock) {
        policies.forEach((name, key) -> policyKeys.put(name, Base64.getDecoder().decode(key)));
        this.hosts = hosts;
        this.clock = clock;
    }

    /** @return null when valid, otherwise the reason (never containing the signature or key) */
    public String check(String authorization, String requestHost) {
        if (authorization == null || authorization.isBlank()) {
            return "Missing Authorization header";
        }
        String value = authorization.trim();
        if (!value.regionMatches(true, 0, PREFIX, 0, PREFIX.length()) || value.length() == PREFIX.length()
                || !Character.isWhitespace(value.charAt(PREFIX.length()))) {
            return "Authorization is not a SharedAccessSignature";
        }
        Map<String, String> fields = new HashMap<>();
        for (String part : value.substring(PREFIX.length()).trim().split("&")) {
            int eq = part.indexOf('=');
            if (eq <= 0) {
                return "Malformed SharedAccessSignature field";
            }
            String name = part.substring(0, eq);
            if (fields.put(name, part.substring(eq + 1)) != null) {
                return "Duplicate SharedAccessSignature field " + name;
            }
        }
        String sr = fields.get("sr");
        String sig = fields.get("sig");
        String se = fields.get("se");
        String skn = fields.get("skn");
        if (sr == null || sig == null || se == null || skn == null) {
            return "SharedAccessSignature needs sr, sig, se and skn";
        }
        String audience;
        String signature;
        String policy;
        long expiry;
        try {
            audience = URLDecoder.decode(sr, StandardCharsets.UTF_8).toLowerCase(Locale.ROOT);
            signature = URLDecoder.decode(sig, StandardCharsets.UTF_8);
            policy = URLDecoder.decode(skn, StandardCharsets.UTF_8);
            expiry = Long.parseLong(URLDecoder.decode(se, StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
            return "Malformed SharedAccessSignature encoding";
        }
        if (!audienceMatches(audience, requestHost)) {
            return "The token audience does not name this hub";
        }
        byte[] key = policyKeys.get(policy);
        if (key == null) {
            return "Unknown shared access policy";
        }
        if (expiry + MAX_CLOCK_SKEW.toSeconds() < clock.instant().getEpochSecond()) {
            return "The specified SAS token is expired";
        }
        byte[] given;
        try {
            given = Base64.getDecoder().decode(signature);
        } catch (IllegalArgumentException e) {
            return "Malformed signature";
        }
        // Java and the CLI sign the URL-encoded sr, Node signs it raw: sign sr as sent, and its canonical encoding.
        String encoded = URLEncoder.encode(audience, StandardCharsets.UTF_8);
        if (MessageDigest.isEqual(given, hmac(key, sr + "\n" + se))
                || MessageDigest.isEqual(given, hmac(key, encoded + "\n" + se))) {
            return null;
        }
        return "Signature mismatch";
    }

    private boolean audienceMatches(String audience, String requestHost) {
        String host = audience;
        int scheme = host.indexOf("://");
        if (scheme >= 0) {
            host = host.substring(scheme + 3);
        }
        int slash = host.indexOf('/');
        if (slash >= 0) {
            host = host.substring(0, slash);
        }
        host = stripPort(host);
        return hosts.contains(host) || requestHost != null && host.equals(stripPort(requestHost
                .toLowerCase(Locale.ROOT)));
    }

    private static String stripPort(String host) {
        int colon = host.lastIndexOf(':');
        return colon > 0 && host.indexOf(']') < colon ? host.substring(0, colon) : host;
    }

    /** Builds a token; used by the emulator's helpers and tests, never logged. */
    public static String token(String host, String policy, String base64Key, long expiryEpochSeconds) {
        String sr = URLEncoder.encode(host.toLowerCase(Locale.ROOT), StandardCharsets.UTF_8);
        byte[] sig = hmac(Base64.getDecoder().decode(base64Key), sr + "\n" + expiryEpochSeconds);
        return PREFIX + " sr=" + sr + "&sig=" + URLEncoder.encode(Base64.getEncoder().encodeToString(sig),
                StandardCharsets.UTF_8) + "&se=" + expiryEpochSeconds + "&skn=" + policy;
    }

    static byte[] hmac(byte[] key, String data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
