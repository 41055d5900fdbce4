/*
 * Licensed to the Apache Software Foundation (ASF) under one or more contributor license agreements; and to You
 * under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance with the
 * License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.iotjobs.camel.rollout.status;

import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.github.iotjobs.camel.rollout.IotRolloutComponent;
import io.github.iotjobs.camel.rollout.plan.PlanReader;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.builder.RouteBuilder;

/**
 * A status page of the rollouts, served on platform-http: the page at {@code path} (default {@code /iotrollout})
 * and the JSON it polls every {@code refreshInterval} at {@code path/rollouts.json}. Opt-in: add this route builder
 * to the context, with a platform-http engine on the classpath (camel-platform-http-main, camel-platform-http-vertx
 * or the Spring Boot starter). The page needs nothing from outside the application.
 */
public class RolloutStatusPage extends RouteBuilder {

    /** The route ids, for route policies or to stop the page. */
    public static final String PAGE_ROUTE_ID = "iotrollout-status-page";
    public static final String JSON_ROUTE_ID = "iotrollout-status-json";

    private String path = "/iotrollout";
    private long refreshInterval = 2_000;
    private String componentName = "iotrollout";
    private int finishedShown = 10;

    @Override
    public void configure() {
        if (!path.startsWith("/") || path.endsWith("/") || path.contains("?")) {
            throw new IllegalArgumentException("path must start with / and end without one, without a query: " + path);
        }
        if (refreshInterval < 100) {
            throw new IllegalArgumentException("refreshInterval must be at least 100 ms: " + refreshInterval);
        }
        StatusPageDocument page = StatusPageDocument.load();
        RolloutStatusBoard board = new RolloutStatusBoard(
                () -> getContext().getComponent(componentName, IotRolloutComponent.class).rolloutStore(),
                finishedShown);

        from("platform-http:" + path + "?httpMethodRestrict=GET").routeId(PAGE_ROUTE_ID)
                .process(exchange -> {
                    Message message = answer(exchange, "text/html; charset=utf-8");
                    message.setHeader("Content-Security-Policy", page.contentSecurityPolicy());
                    message.setBody(page.html());
                });
        from("platform-http:" + path + "/rollouts.json?httpMethodRestrict=GET").routeId(JSON_ROUTE_ID)
                .process(exchange -> answer(exchange, "application/json").setBody(json(board)));
    }

    private String json(RolloutStatusBoard board) throws JsonProcessingException {
        Map<String, Object> snapshot = new LinkedHashMap<>();
        snapshot.put("refreshMillis", refreshInterval);
        snapshot.put("rollouts", board.rollouts());
        return PlanReader.JSON.writeValueAsString(snapshot);
    }

    /** A fresh answer: none of the request's headers go back, and nothing is cached or sniffed. */
    private static Message answer(Exchange exchange, String contentType) {
        Message message = exchange.getMessage();
        message.removeHeaders("*");
        message.setHeader(Exchange.CONTENT_TYPE, contentType);
        message.setHeader("Cache-Control", "no-store");
        message.setHeader("X-Content-Type-Options", "nosniff");
        return message;
    }

    public String getPath() {
        return path;
    }

    /** Where the page is served (default {@code /iotrollout}); its JSON is at {@code path/rollouts.json}. */
    public void setPath(String path) {
        this.path = path;
    }

    public long getRefreshInterval() {
        return refreshInterval;
    }

    /** How often the page polls the JSON, in milliseconds (default 2000, at least 100). */
    public void setRefreshInterval(long refreshInterval) {
        this.refreshInterval = refreshInterval;
    }

    public String getComponentName() {
        return componentName;
    }

    /** The iotrollout component whose store is shown (default {@code iotrollout}). */
    public void setComponentName(String componentName) {
        this.componentName = componentName;
    }

    public int getFinishedShown() {
        return finishedShown;
    }

    /** How many finished rollouts are shown below the active ones, latest first (default 10). */
    public void setFinishedShown(int finishedShown) {
        this.finishedShown = finishedShown;
    }
}
