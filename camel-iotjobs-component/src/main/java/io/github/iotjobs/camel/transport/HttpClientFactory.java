/*
 * Licensed to the Apache Software Foundation (ASF) under one or more contributor license agreements; and to You
 * under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance with the
 * License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.iotjobs.camel.transport;

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
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.client5.http.ssl.DefaultClientTlsStrategy;
import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.core5.util.Timeout;

/**
 * Builds the pooled HttpClient 5 of an endpoint from its options: timeouts, pool size, TLS through Camel
 * {@code SSLContextParameters}, proxy. HttpClient's own retries are off: {@link PlatformHttpClient} decides.
 */
public final class HttpClientFactory {

    private HttpClientFactory() {
    }

    public static CloseableHttpClient create(IotJobsConfiguration configuration, CamelContext context)
            throws Exception {
        PoolingHttpClientConnectionManagerBuilder pool = PoolingHttpClientConnectionManagerBuilder.create()
                .setMaxConnTotal(configuration.getMaxConnections())
                .setMaxConnPerRoute(configuration.getMaxConnections())
                .setDefaultConnectionConfig(ConnectionConfig.custom()
                        .setConnectTimeout(Timeout.ofMilliseconds(configuration.getConnectTimeout()))
                        .setSocketTimeout(Timeout.ofMilliseconds(configuration.getResponseTimeout()))
                        .build());
        if (configuration.getSslContextParameters() != null) {
            SSLContext ssl = configuration.getSslContextParameters().createSSLContext(context);
            pool.setTlsSocketStrategy(new DefaultClientTlsStrategy(ssl));
        }
        HttpClientBuilder builder = HttpClients.custom()
                .setConnectionManager(pool.build())
                .disableAutomaticRetries()
                .disableCookieManagement()
                .setUserAgent("camel-iotjobs")
                .setDefaultRequestConfig(RequestConfig.custom()
                        .setConnectionRequestTimeout(Timeout.ofMilliseconds(configuration.getConnectionRequestTimeout()))
                        .setResponseTimeout(Timeout.ofMilliseconds(configuration.getResponseTimeout()))
                        .build());
        if (configuration.getProxyHost() != null) {
            int port = configuration.getProxyPort() != null ? configuration.getProxyPort() : 8080;
            builder.setProxy(new HttpHost(configuration.getProxyHost(), port));
            if (configuration.getProxyUsername() != null) {
                BasicCredentialsProvider credentials = new BasicCredentialsProvider();
                String password = configuration.getProxyPassword() == null ? "" : configuration.getProxyPassword();
                credentials.setCredentials(new AuthScope(configuration.getProxyHost(), port),
                        new UsernamePasswordCredentials(configuration.getProxyUsername(), password.toCharArray()));
                builder.setDefaultCredentialsProvider(credentials);
            }
        }
        return builder.build();
    }
}
