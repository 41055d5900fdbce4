/*
 * Licensed to the Apache Software Foundation (ASF) under one or more contributor license agreements; and to You
 * under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance with the
 * License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.iotjobs.camel.rollout.status;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/**
 * The page: one HTML document with its style and script inline (so it works under any path prefix and fetches
 * nothing but its JSON), and a Content-Security-Policy that allows exactly that style and script, by hash.
 */
final class StatusPageDocument {

    private static final String RESOURCES = "/io/github/iotjobs/camel/rollout/status/";

    private final String html;
    private final String contentSecurityPolicy;

    private StatusPageDocument(String html, String contentSecurityPolicy) {
        this.html = html;
        this.contentSecurityPolicy = contentSecurityPolicy;
    }

    static StatusPageDocument load() {
        String style = resource("status-page.css");
        String script = resource("status-page.js");
        String html = resource("status-page.html").replace("/*STYLE*/", style).replace("/*SCRIPT*/", script);
        String policy = "default-src 'none'; connect-src 'self'; style-src " + sha256(style) + "; script-src "
                        + sha256(script) + "; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";
        return new StatusPageDocument(html, policy);
    }

    String html() {
        return html;
    }

    String contentSecurityPolicy() {
        return contentSecurityPolicy;
    }

    private static String resource(String name) {
        try (InputStream in = StatusPageDocument.class.getResourceAsStream(RESOURCES + name)) {
            if (in == null) {
                throw new IllegalStateException("Missing resource " + RESOURCES + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String sha256(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return "'sha256-" + Base64.getEncoder().encodeToString(digest) + "'";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
