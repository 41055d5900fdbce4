/*
 * Licensed to the Apache Software Foundation (ASF) under one or more contributor license agreements; and to You
 * under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance with the
 * License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.iotjobs.camel.transport;

import java.io.Closeable;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

import io.github.iotjobs.camel.IotJobsOperationFailedException;
import io.github.iotjobs.camel.metrics.PlatformMeters;
import org.apache.hc.client5.http.ConnectTimeoutException;
import org.apache.hc.client5.http.HttpHostConnectException;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.core5.http.ClassicHttpRequest;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.HttpHeaders;
import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.http.message.BasicClassicHttpRequest;
import org.apache.hc.core5.io.CloseMode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends {@link ApiRequest}s to one platform: adds the address, credentials and JSON headers, retries what may be
 * retried, and turns every failure into an {@link IotJobsOperationFailedException}.
 * <p>
 * Throttling (429) proves the platform did nothing, so every request is retried after it. Server errors and connection
 * faults are retried only for {@link RetryMode#SAFE} requests; for the others they raise
 * {@link AmbiguousOutcomeException}, unless the connection was never made. A 401 drops the cached credentials and is
 * sent once more with fresh ones. Before each send, the request takes its share of the request budget of its class
 * (hub quotas), waiting when it is used up. Waits happen in the calling thread, or, inside {@link RetryDeferral#run},
 * are handed to the caller as {@link RetryLaterException}.
 */
public final class PlatformHttpClient implements Closeable {

    private static final Logger LOG = LoggerFactory.getLogger(PlatformHttpClient.class);

    /** Spelled as the service SDKs send it. */
    private static final ContentType JSON_UTF8 = ContentType.parse("application/json; charset=utf-8");
    private static final String CONNECTION_FAILED = "ConnectionFailed";

    private final CloseableHttpClient client;
    /** The service's scheme, host and port, and the path under which its API lives: parsed once, not per request. */
    private final HttpHost target;
    private final String basePath;
    private final Authorizer authorizer;
    private final ErrorDecoder errors;
    private final RetryPolicy retryPolicy;
    private final Function<ApiRequest, RequestBudget> budgets;
    private final Runnable release;
    private final PlatformMeters meters;

    /**
     * @param client  the pooled HTTP client, possibly shared with other endpoints of the same service
     * @param budgets the request budget of each request (null for none)
     * @param release called on {@link #close()} instead of closing the HTTP client, which may be shared
     * @param meters  where every request and retry is counted
     */
    public PlatformHttpClient(CloseableHttpClient client, String baseUrl, Authorizer authorizer, ErrorDecoder errors,
                              RetryPolicy retryPolicy, Function<ApiRequest, RequestBudget> budgets, Runnable release,
                              PlatformMeters meters) {
        this.client = client;
        URI base = URI.create(baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl);
        this.target = new HttpHost(base.getScheme(), base.getHost(), base.getPort());
        this.basePath = base.getRawPath() == null ? "" : base.getRawPath();
        this.authorizer = authorizer;
        this.errors = errors;
        this.retryPolicy = retryPolicy;
        this.budgets = budgets;
        this.release = release;
        this.meters = meters;
    }

    /** A client that owns its HTTP client, with no request budget. */
    public PlatformHttpClient(CloseableHttpClient client, String baseUrl, Authorizer authorizer, ErrorDecoder errors,
                              RetryPolicy retryPolicy) {
        this(client, baseUrl, authorizer, errors, retryPolicy, request -> null, () -> client.close(CloseMode.GRACEFUL),
                PlatformMeters.NONE);
    }

    /** Sends the request until it succeeds or may not be retried any more; returns only 2xx answers. */
    public ApiResponse execute(ApiRequest request) throws IotJobsOperationFailedException {
        int deferredFrom = RetryDeferral.deferredRetry();
        boolean deferred = deferredFrom >= 0;
        boolean reauthorized = false;
        for (int retry = Math.max(0, deferredFrom);; retry++) {
            IotJobsOperationFailedException failure;
            Duration delay;
            awaitBudget(request, deferred, retry);
            String reason;
            long started = System.nanoTime();
            try {
                ApiResponse response = send(request);
                int status = response.status();
                reason = PlatformMeters.outcome(status);
                meters.request(request.method(), request.path(), reason, started);
                if (response.isSuccess()) {
                    return response;
                }
                failure = failure(request, response);
                if (status == 401 && !reauthorized) {
                    // An expired or revoked token: the platform did nothing. Once more if a fresh one may differ.
                    reauthorized = true;
                    if (authorizer.invalidate()) {
                        meters.retry(request.method(), request.path(), PlatformMeters.UNAUTHORIZED);
                        retry--;
                        continue;
                    }
                }
                if (status != 429 && request.retryMode() == RetryMode.UNSAFE && status >= 500) {
                    throw new AmbiguousOutcomeException(failure);
                }
                if (status != 429 && !isTransient(status)) {
                    throw failure;
                }
                delay = failure.getRetryAfter() != null ? failure.getRetryAfter() : retryPolicy.backoff(retry);
            } catch (IOException e) {
                reason = PlatformMeters.IO_ERROR;
                meters.request(request.method(), request.path(), reason, started);
                failure = new IotJobsOperationFailedException(0, CONNECTION_FAILED, describe(e), null,
                        request.method(), request.path(), null, e);
                if (request.retryMode() == RetryMode.UNSAFE && !neverConnected(e)) {
                    throw new AmbiguousOutcomeException(failure);
                }
                delay = retryPolicy.backoff(retry);
            }
            boolean beyondMaxDelay = delay.compareTo(retryPolicy.maxDelay()) > 0;
            if (retry >= retryPolicy.maxRetries() || beyondMaxDelay && !deferred) {
                throw failure;
            }
            meters.retry(request.method(), request.path(), reason);
            if (deferred) {
                // The caller's scheduler waits, also a Retry-After longer than retryMaxDelay: no thread is held.
                throw new RetryLaterException(failure, delay, retry + 1);
            }
            LOG.debug("{} failed ({}); retry {} of {} in {} ms", request.describe(), failure.getErrorCode(), retry + 1,
                    retryPolicy.maxRetries(), delay.toMillis());
            pause(delay, failure);
        }
    }


    /** Waits until the request's class has budget left; deferred callers are told how long instead. */
    private void awaitBudget(ApiRequest request, boolean deferred, int retry) throws IotJobsOperationFailedException {
        RequestBudget budget = budgets.apply(request);
        if (budget == null) {
            return;
        }
        for (Duration wait = budget.tryTake(); !wait.isZero(); wait = budget.tryTake()) {
            IotJobsOperationFailedException queued = new IotJobsOperationFailedException(0, "RequestBudgetExhausted",
                    "the " + budget.name() + " quota of the service is used up; queued", null, request.method(),
                    request.path(), wait, null);
            if (deferred) {
                throw new RetryLaterException(queued, wait, retry);
            }
            LOG.debug("{} waits {} ms for the {} request budget", request.describe(), wait.toMillis(), budget.name());
            pause(wait, queued);
        }
    }

    /** Server faults that pass: 500 is included because IoT Hub answers transient faults with it (500001). */
    private static boolean isTransient(int status) {
        return status == 500 || status == 502 || status == 503 || status == 504 || status == 408;
    }

    private ApiResponse send(ApiRequest request) throws IOException {
        ClassicHttpRequest http = new BasicClassicHttpRequest(request.method(), target, pathAndQuery(request));
        http.addHeader(HttpHeaders.ACCEPT, "application/json");
        String authorization = authorizer.authorization();
        if (authorization != null) {
            http.addHeader(HttpHeaders.AUTHORIZATION, authorization);
        }
        request.headers().forEach(http::addHeader);
        if (request.body() != null) {
            http.setEntity(new ByteArrayEntity(request.body(), JSON_UTF8));
        }
        return client.execute(target, http, response -> {
            Map<String, String> headers = new LinkedHashMap<>();
            for (Header header : response.getHeaders()) {
                headers.putIfAbsent(header.getName(), header.getValue());
            }
            HttpEntity entity = response.getEntity();
            byte[] body = entity == null ? null : EntityUtils.toByteArray(entity);
            return new ApiResponse(response.getCode(), headers, body);
        });
    }

    private String pathAndQuery(ApiRequest request) {
        StringBuilder uri = new StringBuilder(basePath).append(request.path());
        char separator = '?';
        for (Map.Entry<String, String> parameter : request.query().entrySet()) {
            uri.append(separator).append(encode(parameter.getKey())).append('=').append(encode(parameter.getValue()));
            separator = '&';
        }
        return uri.toString();
    }

    /** Names and values such as {@code api-version=2021-04-12} are sent as they are, without URLEncoder's copies. */
    private static String encode(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean kept = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-'
                           || c == '.' || c == '_';
            if (!kept) {
                return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
            }
        }
        return text;
    }

    private IotJobsOperationFailedException failure(ApiRequest request, ApiResponse response) {
        PlatformError error = errors.decode(response);
        return new IotJobsOperationFailedException(response.status(), error.code(), error.message(),
                error.requestId(), request.method(), request.path(), RetryPolicy.retryAfter(response.header("Retry-After")),
                null);
    }

    /** A connection that was never made carried no request, so even a create may be sent again. */
    private static boolean neverConnected(IOException e) {
        return e instanceof ConnectException || e instanceof HttpHostConnectException
               || e instanceof ConnectTimeoutException || e instanceof UnknownHostException;
    }

    private static String describe(IOException e) {
        String kind = e instanceof InterruptedIOException ? "timed out" : "connection failed";
        return kind + " (" + e.getClass().getSimpleName() + (e.getMessage() != null ? ": " + e.getMessage() : "")
               + ")";
    }

    private static void pause(Duration delay, IotJobsOperationFailedException failure)
            throws IotJobsOperationFailedException {
        try {
            Thread.sleep(delay.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw failure;
        }
    }

    @Override
    public void close() {
        release.run();
    }
}
