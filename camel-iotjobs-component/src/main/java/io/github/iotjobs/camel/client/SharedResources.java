/*
 * Licensed to the Apache Software Foundation (ASF) under one or more contributor license agreements; and to You
 * under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance with the
 * License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.iotjobs.camel.client;

import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

import io.github.iotjobs.camel.metrics.IotJobsMetrics;
import io.github.iotjobs.camel.transport.RequestBudget;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.core5.io.CloseMode;

/**
 * What the clients of one service share, whichever endpoint they belong to: one HTTP connection pool per service and
 * connection settings (released when its last client closes), and one set of request budgets per hub, so that all
 * producers and consumers of a hub keep within its quotas together.
 */
public final class SharedResources {

    private final Map<String, Pool> pools = new HashMap<>();
    private final Map<String, Map<String, RequestBudget>> budgets = new HashMap<>();
    private volatile IotJobsMetrics metrics = IotJobsMetrics.NONE;

    /** A pooled HTTP client with the number of clients using it. */
    private static final class Pool {
        private final CloseableHttpClient client;
        private int users;

        Pool(CloseableHttpClient client) {
            this.client = client;
        }
    }

    /** A pooled HTTP client and how to give it back. */
    public record Lease(CloseableHttpClient client, Runnable release) {
    }

    /** A checked factory of HTTP clients. */
    @FunctionalInterface
    public interface HttpClientSupplier {
        CloseableHttpClient create() throws Exception;
    }

    /**
     * The pool of {@code key} (service address plus every connection setting), created on first use; the lease's
     * release closes it when the last user is gone.
     */
    public synchronized Lease httpClient(String key, HttpClientSupplier factory) throws Exception {
        Pool pool = pools.get(key);
        if (pool == null) {
            pool = new Pool(factory.create());
            pools.put(key, pool);
        }
        pool.users++;
        Pool leased = pool;
        boolean[] released = { false };
        return new Lease(pool.client, () -> release(key, leased, released));
    }

    private synchronized void release(String key, Pool pool, boolean[] released) {
        if (released[0]) {
            return;
        }
        released[0] = true;
        if (--pool.users == 0) {
            pools.remove(key);
            pool.client.close(CloseMode.GRACEFUL);
        }
    }

    /** The budget of one request class of one hub ({@code key}: the hub and its size), created on first use. */
    public synchronized RequestBudget budget(String key, String requestClass,
                                             Function<String, RequestBudget> factory) {
        return budgets.computeIfAbsent(key, k -> new HashMap<>()).computeIfAbsent(requestClass, factory);
    }

    /** A copy of the hub budgets: request class by class, per hub key (host, tier and units). */
    public synchronized Map<String, Map<String, RequestBudget>> budgets() {
        Map<String, Map<String, RequestBudget>> copy = new TreeMap<>();
        budgets.forEach((hub, classes) -> copy.put(hub, new TreeMap<>(classes)));
        return copy;
    }

    /** Where the clients count their requests; {@link IotJobsMetrics#NONE} unless the application has meters. */
    public IotJobsMetrics metrics() {
        return metrics;
    }

    public void useMetrics(IotJobsMetrics metrics) {
        this.metrics = metrics;
    }

    /** How many connection pools are open: one per service and connection settings. */
    public synchronized int openPools() {
        return pools.size();
    }
}
