/*
 * Licensed to the Apache Software Foundation (ASF) under one or more contributor license agreements; and to You
 * under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance with the
 * License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.iotjobs.camel.hub;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.github.tomakehurst.wiremock.http.Fault;
import io.github.iotjobs.camel.IotJobsConstants;
import org.apache.camel.Endpoint;
import org.apache.camel.Exchange;
import org.apache.camel.Route;
import org.apache.camel.builder.RouteBuilder;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.Configurator;
import org.apache.logging.log4j.core.config.Property;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Neither the shared access key nor any SAS signature appears in a log line, an exception message or an endpoint URI
 * string, whatever happens: success, retries, errors, ambiguous creates, bad credentials.
 * <p>
 * Everything the client side logs is captured at TRACE/DEBUG, except HttpClient's own header and wire loggers, which
 * print every header (Authorization included) by design, as every HTTP client's do: they must stay off in production.
 */
class SecretsNeverLeakTest extends HubWireMockSupport {

    private final List<String> logLines = new ArrayList<>();
    private final List<String> exceptionTexts = new ArrayList<>();
    private CapturingAppender appender;

    @Override
    protected RouteBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:inline").routeId("inline-credentials")
                        .to("iotjobs:hub?operation=getJob&connectionString=RAW(" + CONNECTION_STRING + ")");
            }
        };
    }

    @BeforeEach
    void captureEverything() {
        Configurator.setLevel("io.github.iotjobs", Level.TRACE);
        Configurator.setLevel("org.apache.camel", Level.DEBUG);
        Configurator.setLevel("org.apache.hc.client5", Level.DEBUG);
        Configurator.setLevel("org.apache.hc.client5.http.headers", Level.INFO);
        Configurator.setLevel("org.apache.hc.client5.http.wire", Level.INFO);
        appender = new CapturingAppender(logLines);
        appender.start();
        LoggerContext logging = (LoggerContext) LogManager.getContext(false);
        logging.getConfiguration().getRootLogger().addAppender(appender, Level.TRACE, null);
        logging.updateLoggers();
    }

    @AfterEach
    void stopCapturing() {
        LoggerContext logging = (LoggerContext) LogManager.getContext(false);
        logging.getConfiguration().getRootLogger().removeAppender(appender.getName());
        Configurator.setLevel("org.apache.camel", Level.INFO);
        Configurator.setLevel("org.apache.hc.client5", Level.INFO);
        logging.updateLoggers();
    }

    @Test
    void noSecretInLogsExceptionsOrEndpointUris() {
        hub.stubFor(get(urlPathEqualTo("/jobs/v2/ok")).willReturn(okJson(
                "{\"jobId\":\"ok\",\"type\":\"scheduleUpdateTwin\",\"status\":\"running\"}")));
        hub.stubFor(get(urlPathEqualTo("/jobs/v2/denied")).willReturn(aResponse().withStatus(401)
                .withHeader("iothub-errorcode", "IotHubUnauthorizedAccess")
                .withBody("{\"Message\":\"ErrorCode:IotHubUnauthorizedAccess;Unauthorized\","
                          + "\"ExceptionMessage\":\"Tracking ID:abc-G:1-TimeStamp:01/01/2026 00:00:00\"}")));
        hub.stubFor(get(urlPathEqualTo("/jobs/v2/busy")).willReturn(aResponse().withStatus(503)));
        hub.stubFor(put(urlPathEqualTo("/jobs/v2/lost")).willReturn(aResponse().withFault(Fault.EMPTY_RESPONSE)));
        hub.stubFor(get(urlPathEqualTo("/jobs/v2/lost")).willReturn(aResponse().withFault(Fault.EMPTY_RESPONSE)));

        remember(call("getJob", null, Map.of(IotJobsConstants.JOB_ID, "ok")));
        remember(call("getJob", null, Map.of(IotJobsConstants.JOB_ID, "denied")));
        remember(call("iotjobs:hub?operation=getJob&maxRetries=1", null, Map.of(IotJobsConstants.JOB_ID, "busy")));
        remember(call("iotjobs:hub?maxRetries=1", Map.of("tags", Map.of("a", 1)), Map.of(
                IotJobsConstants.OPERATION, "scheduleTwinUpdate", IotJobsConstants.JOB_ID, "lost",
                IotJobsConstants.QUERY_CONDITION, "*")));
        remember(template.request("direct:inline", e -> e.getMessage().setHeader(IotJobsConstants.JOB_ID, "ok")));
        rememberFailure(() -> context.getEndpoint("iotjobs:hub?connectionString=RAW(HostName=" + HOST
                                                  + ";SharedAccessKeyName=p;SharedAccessKey=" + KEY + "!!)").start());
        rememberFailure(() -> context.getEndpoint("iotjobs:hub?connectionString=RAW(SharedAccessKey=" + KEY + ")")
                .start());

        List<String> secrets = new ArrayList<>(List.of(KEY));
        hub.findAll(anyRequestedFor(anyUrl())).forEach(request -> {
            String signature = signature(request.getHeader("Authorization"));
            secrets.add(signature);
            secrets.add(URLDecoder.decode(signature, StandardCharsets.UTF_8));
        });
        assertThat(secrets).hasSizeGreaterThan(5);
        assertThat(logLines).isNotEmpty();
        assertThat(exceptionTexts).hasSizeGreaterThanOrEqualTo(5);

        List<String> endpointUris = new ArrayList<>();
        for (Endpoint endpoint : context.getEndpoints()) {
            endpointUris.add(endpoint.toString());
        }
        for (Route route : context.getRoutes()) {
            endpointUris.add(route.getEndpoint().toString());
            endpointUris.add(route.toString());
        }
        for (String secret : secrets) {
            assertThat(logLines).noneMatch(line -> line.contains(secret));
            assertThat(exceptionTexts).noneMatch(text -> text.contains(secret));
            assertThat(endpointUris).noneMatch(uri -> uri.contains(secret));
        }
    }

    private void remember(Exchange exchange) {
        if (exchange.getException() != null) {
            exceptionTexts.add(stackTrace(exchange.getException()));
        }
    }

    private void rememberFailure(Runnable action) {
        try {
            action.run();
        } catch (RuntimeException e) {
            exceptionTexts.add(stackTrace(e));
            return;
        }
        throw new AssertionError("expected the bad connection string to be refused");
    }

    private static String stackTrace(Throwable error) {
        StringWriter text = new StringWriter();
        error.printStackTrace(new PrintWriter(text));
        return text.toString();
    }

    private static String signature(String authorization) {
        for (String pair : authorization.substring(authorization.indexOf(' ') + 1).split("&")) {
            if (pair.startsWith("sig=")) {
                return pair.substring(4);
            }
        }
        throw new AssertionError("no sig in the Authorization header");
    }

    private static final class CapturingAppender extends AbstractAppender {

        private final List<String> lines;

        CapturingAppender(List<String> lines) {
            super("capture", null, null, true, Property.EMPTY_ARRAY);
            this.lines = lines;
        }

        @Override
        public synchronized void append(LogEvent event) {
            StringBuilder line = new StringBuilder(event.getLoggerName()).append(' ')
                    .append(event.getMessage().getFormattedMessage());
            if (event.getThrown() != null) {
                line.append(' ').append(stackTrace(event.getThrown()));
            }
            lines.add(line.toString());
        }
    }
}
