/*
 * Licensed to the Apache Software Foundation (ASF) under one or more contributor license agreements; and to You
 * under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance with the
 * License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.iotjobs.camel.transport;

import java.io.IOException;

import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.IdleConnectionEvictor;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.CloseableHttpResponse;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManager;
import org.apache.hc.client5.http.protocol.HttpClientContext;
import org.apache.hc.core5.http.ClassicHttpRequest;
import org.apache.hc.core5.http.HttpHeaders;
import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.core5.http.protocol.HttpContext;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.util.TimeValue;

/**
 * HttpClient 5's minimal client on the component's pool, for services reached without a proxy: the request goes from
 * the pool straight to the connection, without the execution chain's redirect, compression, authentication, cookie
 * and route-tracking steps, which the platforms' APIs never need (the credentials are a header, nothing redirects).
 * Those steps cost more CPU in the calling thread than sending and receiving the request, TLS included. What the full
 * client would have added is added here: the request timeouts, the User-Agent, and the eviction of idle connections.
 * Not the keep-alive strategy: a pooled connection is kept until the pool evicts it, and one idle over a second is
 * checked before reuse, so a server that closed it is noticed before the request leaves.
 */
final class LeanHttpClient extends CloseableHttpClient {

    private final CloseableHttpClient minimal;
    private final IdleConnectionEvictor evictor;
    private final RequestConfig requestConfig;
    private final String userAgent;

    LeanHttpClient(PoolingHttpClientConnectionManager pool, RequestConfig requestConfig, String userAgent,
                   TimeValue evictAfterIdle) {
        this.minimal = HttpClients.createMinimal(pool);
        this.requestConfig = requestConfig;
        this.userAgent = userAgent;
        this.evictor = new IdleConnectionEvictor(pool, evictAfterIdle, evictAfterIdle);
        evictor.start();
    }

    @Override
    protected CloseableHttpResponse doExecute(HttpHost target, ClassicHttpRequest request, HttpContext context)
            throws IOException {
        if (!request.containsHeader(HttpHeaders.USER_AGENT)) {
            request.addHeader(HttpHeaders.USER_AGENT, userAgent);
        }
        HttpClientContext clientContext = HttpClientContext.castOrCreate(context);
        if (clientContext.getRequestConfig() == null) {
            clientContext.setRequestConfig(requestConfig);
        }
        return minimal.execute(target, request, clientContext);
    }

    @Override
    public void close(CloseMode closeMode) {
        evictor.shutdown();
        minimal.close(closeMode);
    }

    @Override
    public void close() throws IOException {
        close(CloseMode.GRACEFUL);
    }
}
