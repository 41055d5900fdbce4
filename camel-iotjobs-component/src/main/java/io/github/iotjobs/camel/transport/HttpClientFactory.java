/*
 * Licensed to the Apache Software Foundation (ASF) under one or more contributor license agreements; and to You
 * under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance with the
 * License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.iotjobs.camel.transport;

import java.net.URI;

import javax.net.ssl.SSLContext;

import io.github.iotjobs.camel.IotJobsConfiguration;
import org.apache.camel.CamelContext;
import org.apache.hc.client5.http.auth.AuthScope;
import org.apache.hc.client5.http.auth.UsernamePasswordCredentials;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.auth.BasicCredentialsProvider;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClientBuilder;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManager;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.client5.http.ssl.DefaultClientTlsStrategy;
import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.core5.util.TimeValue;
import org.apache.hc.core5.util.Timeout;

/**
 * Builds the pooled HttpClient 5 of a service from the options: timeouts, pool size, TLS through Camel
 * {@code SSLContextParameters}, proxy. HttpClient's own retries are off: {@link PlatformHttpClient} decides. Without a
 * proxy the client is HttpClient's minimal one ({@link LeanHttpClient}); through a proxy, the full one.
 * <p>
 * Idle connections are checked before reuse and evicted: a load balancer that silently drops a connection idle for a
 * few minutes must not turn the next create into an unknown outcome. A connection idle longer than
 * {@link #VALIDATE_AFTER_IDLE} is checked (a closed one is replaced before the request leaves); one idle longer than
 * {@link #EVICT_AFTER_IDLE} is closed by the pool.
 */
public final class HttpClientFactory {

    static final TimeValue VALIDATE_AFTER_IDLE = TimeValue.ofSeconds(1);
    static final TimeValue EVICT_AFTER_IDLE = TimeValue.ofSeconds(60);
    private static final String USER_AGENT = "camel-iotjobs";

    private HttpClientFactory() {
    }

    /** What makes two endpoints' pools the same: the service address and every connection setting. */
    public static String poolKey(IotJobsConfiguration configuration, String baseUrl) {
        URI uri = URI.create(baseUrl);
        return uri.getScheme() + "://" + uri.getHost() + ":" + uri.getPort() + "|" + configuration.getConnectTimeout()
               + "|" + configuration.getResponseTimeout() + "|" + configuration.getConnectionRequestTimeout() + "|"
               + configuration.getMaxConnections() + "|" + configuration.getProxyHost() + ":"
               + configuration.getProxyPort() + ":" + configuration.getProxyUsername() + "|"
               + System.identityHashCode(configuration.getSslContextParameters());
    }

    public static CloseableHttpClient create(IotJobsConfiguration configuration, CamelContext context)
            throws Exception {
        PoolingHttpClientConnectionManagerBuilder poolBuilder = PoolingHttpClientConnectionManagerBuilder.create()
                .setMaxConnTotal(configuration.getMaxConnections())
                .setMaxConnPerRoute(configuration.getMaxConnections())
                .setDefaultConnectionConfig(ConnectionConfig.custom()
                        .setConnectTimeout(Timeout.ofMilliseconds(configuration.getConnectTimeout()))
                        .setSocketTimeout(Timeout.ofMilliseconds(configuration.getResponseTimeout()))
                        .setValidateAfterInactivity(VALIDATE_AFTER_IDLE)
                        .build());
        if (configuration.getSslContextParameters() != null) {
            SSLContext ssl = configuration.getSslContextParameters().createSSLContext(context);
            poolBuilder.setTlsSocketStrategy(new DefaultClientTlsStrategy(ssl));
        }
        PoolingHttpClientConnectionManager pool = poolBuilder.build();
        RequestConfig requestConfig = RequestConfig.custom()
                .setConnectionRequestTimeout(Timeout.ofMilliseconds(configuration.getConnectionRequestTimeout()))
                .setResponseTimeout(Timeout.ofMilliseconds(configuration.getResponseTimeout()))
                .build();
        if (configuration.getProxyHost() == null) {
            return new LeanHttpClient(pool, requestConfig, USER_AGENT, EVICT_AFTER_IDLE);
        }
        // Through a proxy: the full client, which routes via the proxy and answers its authentication challenges.
        // The same requests as the lean client otherwise: no redirects followed, no compression asked for.
        int port = configuration.getProxyPort() != null ? configuration.getProxyPort() : 8080;
        HttpClientBuilder builder = HttpClients.custom()
                .setConnectionManager(pool)
                .disableAutomaticRetries()
                .disableRedirectHandling()
                .disableContentCompression()
                .evictIdleConnections(EVICT_AFTER_IDLE)
                .evictExpiredConnections()
                .disableCookieManagement()
                .setUserAgent(USER_AGENT)
                .setDefaultRequestConfig(requestConfig)
                .setProxy(new HttpHost(configuration.getProxyHost(), port));
        if (configuration.getProxyUsername() != null) {
            BasicCredentialsProvider credentials = new BasicCredentialsProvider();
            String password = configuration.getProxyPassword() == null ? "" : configuration.getProxyPassword();
            credentials.setCredentials(new AuthScope(configuration.getProxyHost(), port),
                    new UsernamePasswordCredentials(configuration.getProxyUsername(), password.toCharArray()));
            builder.setDefaultCredentialsProvider(credentials);
        }
        return builder.build();
    }
}
