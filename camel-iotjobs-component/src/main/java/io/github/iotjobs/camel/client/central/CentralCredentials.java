/*
 * Licensed to the Apache Software Foundation (ASF) under one or more contributor license agreements; and to You
 * under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance with the
 * License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.iotjobs.camel.client.central;

import io.github.iotjobs.camel.transport.Authorizer;
import io.github.iotjobs.camel.validation.IotJobsValidationException;

/**
 * The Authorization header for IoT Central: the API token as issued ({@code SharedAccessSignature sr=...}), or
 * an Azure AD access token sent as {@code Bearer}. Messages never repeat a token.
 */
public final class CentralCredentials {

    private static final String SAS_PREFIX = "SharedAccessSignature ";
    private static final String BEARER_PREFIX = "Bearer ";

    private CentralCredentials() {
    }

    /** Fails naming the option when neither or both credentials are set, or the API token is malformed. */
    public static Authorizer authorizer(String apiToken, String accessToken) {
        boolean hasApiToken = apiToken != null && !apiToken.isBlank();
        boolean hasAccessToken = accessToken != null && !accessToken.isBlank();
        if (!hasApiToken && !hasAccessToken) {
            throw new IotJobsValidationException("apiToken", "apiToken or accessToken is required for platform"
                                                             + " central");
        }
        if (hasApiToken && hasAccessToken) {
            throw new IotJobsValidationException("apiToken", "set apiToken or accessToken for platform central,"
                                                             + " not both");
        }
        if (hasApiToken) {
            String token = apiToken.trim();
            if (!token.startsWith(SAS_PREFIX) || !token.contains("sig=") || !token.contains("skn=")
                || !token.contains("se=")) {
                throw new IotJobsValidationException("apiToken", "apiToken must be an IoT Central API token:"
                                                                 + " SharedAccessSignature sr=...&sig=...&skn=...&se=...");
            }
            return () -> token;
        }
        String token = accessToken.trim();
        String header = token.regionMatches(true, 0, BEARER_PREFIX, 0, BEARER_PREFIX.length()) ? token
                : BEARER_PREFIX + token;
        return () -> header;
    }
}
