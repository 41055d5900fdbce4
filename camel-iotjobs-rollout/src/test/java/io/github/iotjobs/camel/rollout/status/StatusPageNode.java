/*
 * Licensed to the Apache Software Foundation (ASF) under one or more contributor license agreements; and to You
 * under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance with the
 * License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.iotjobs.camel.rollout.status;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Map;

import io.github.iotjobs.camel.IotJobsComponent;
import io.github.iotjobs.camel.IotJobsConfiguration;
import io.github.iotjobs.camel.IotJobsTier;
import io.github.iotjobs.camel.rollout.IotRolloutComponent;
import io.github.iotjobs.camel.rollout.IotRolloutConstants;
import io.github.iotjobs.camel.rollout.stage.HubTier;
import io.github.iotjobs.camel.rollout.store.FileRolloutStore;
import io.github.iotjobs.camel.rollout.store.RolloutStore;
import io.github.iotjobs.emulator.IotJobsEmulator;
import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpServer;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpServerConfiguration;
import org.apache.camel.impl.DefaultCamelContext;

/**
 * An application with the status page, as a user runs it: the iotjobs component on the emulator, the iotrollout
 * component on a store, Vert.x as the platform-http engine and the {@link RolloutStatusPage} routes.
 */
public final class StatusPageNode implements AutoCloseable {

    public final CamelContext context;
    private final ProducerTemplate template;
    private final int port;

    private StatusPageNode(CamelContext context, int port) {
        this.context = context;
        this.template = context.createProducerTemplate();
        this.port = port;
    }

    public static StatusPageNode start(IotJobsEmulator hub, Path storeDirectory, long refreshMillis) throws Exception {
        return start(hub, new FileRolloutStore(storeDirectory), refreshMillis);
    }

    public static StatusPageNode start(IotJobsEmulator hub, RolloutStore store, long refreshMillis) throws Exception {
        CamelContext context = new DefaultCamelContext();
        int port = freePort();
        VertxPlatformHttpServerConfiguration http = new VertxPlatformHttpServerConfiguration();
        http.setBindHost("127.0.0.1");
        http.setBindPort(port);
        context.addService(new VertxPlatformHttpServer(http));
        IotJobsConfiguration jobs = context.getComponent("iotjobs", IotJobsComponent.class).getConfiguration();
        jobs.setConnectionString(hub.connectionString());
        jobs.setBaseUrl(hub.baseUrl());
        jobs.setTier(IotJobsTier.S3);
        jobs.setUnits(10);
        IotRolloutComponent rollout = context.getComponent("iotrollout", IotRolloutComponent.class);
        rollout.setTier(HubTier.S3);
        rollout.setPollInterval(25);
        rollout.setStore(store);
        RolloutStatusPage page = new RolloutStatusPage();
        page.setRefreshInterval(refreshMillis);
        context.addRoutes(page);
        context.start();
        return new StatusPageNode(context, port);
    }

    public String pageUrl() {
        return "http://127.0.0.1:" + port + "/iotrollout";
    }

    /** Sends an operation of the iotrollout component. */
    public Object call(String rolloutId, String operation, Object body) {
        return template.requestBodyAndHeaders("iotrollout:" + rolloutId, body,
                Map.of(IotRolloutConstants.OPERATION, operation));
    }

    /** The build directory (target), where the test classes are. */
    public static Path buildDirectory() throws URISyntaxException {
        return Path.of(StatusPageNode.class.getProtectionDomain().getCodeSource().getLocation().toURI()).getParent();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    @Override
    public void close() {
        context.stop();
    }
}
