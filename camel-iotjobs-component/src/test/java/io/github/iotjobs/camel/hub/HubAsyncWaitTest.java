/*
 * Licensed to the Apache Software Foundation (ASF) under one or more contributor license agreements; and to You
 * under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance with the
 * License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.iotjobs.camel.hub;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.github.iotjobs.camel.IotJobsConstants;
import io.github.iotjobs.camel.model.IotJob;
import io.github.iotjobs.camel.model.JobStatus;
import org.apache.camel.AsyncProducer;
import org.apache.camel.CamelExchangeException;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangeTimedOutException;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Test;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Waiting holds no thread: waitForCompletion and retry waits run on the endpoint's scheduler, and the exchange is
 * called back when they end.
 */
class HubAsyncWaitTest extends HubWireMockSupport {

    private static final String WAIT = "iotjobs:hub?operation=getJob&waitForCompletion=true";

    @Override
    protected RouteBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:wait").routeId("wait").to(WAIT + "&pollInterval=50&waitTimeout=3600000");
            }
        };
    }

    private static String job(String id, String status) {
        return "{\"jobId\":\"" + id + "\",\"type\":\"scheduleDeviceMethod\",\"status\":\"" + status + "\","
               + "\"deviceJobStatistics\":{\"deviceCount\":1,\"succeededCount\":0,\"failedCount\":0,"
               + "\"runningCount\":1,\"pendingCount\":0}}";
    }

    private static void runningThenCompleted(String id) {
        hub.stubFor(get(urlPathEqualTo("/jobs/v2/" + id)).inScenario(id).whenScenarioStateIs(Scenario.STARTED)
                .willReturn(okJson(job(id, "running"))).willSetStateTo("done"));
        hub.stubFor(get(urlPathEqualTo("/jobs/v2/" + id)).inScenario(id).whenScenarioStateIs("done")
                .willReturn(okJson(job(id, "completed"))));
    }

    @Test
    void thirtyWaitsReturnAtOnceAndEachCallsBackWithItsJobTerminal() throws Exception {
        int waits = 30;
        for (int i = 0; i < waits; i++) {
            runningThenCompleted("job" + i);
        }
        AsyncProducer producer = context.getEndpoint(WAIT + "&pollInterval=1000").createAsyncProducer();
        producer.start();
        CountDownLatch calledBack = new CountDownLatch(waits);
        List<Exchange> exchanges = new ArrayList<>();
        int threadsBefore = Thread.activeCount();
        for (int i = 0; i < waits; i++) {
            Exchange exchange = new DefaultExchange(context);
            exchange.getMessage().setHeader(IotJobsConstants.JOB_ID, "job" + i);
            exchanges.add(exchange);
            boolean doneSync = producer.process(exchange, sync -> calledBack.countDown());
            assertThat(doneSync).isFalse();
        }
        // Every process call has returned, each job still running: nobody was called back yet, no thread per wait.
        assertThat(calledBack.getCount()).isEqualTo(waits);
        assertThat(Thread.activeCount() - threadsBefore).isLessThan(5);

        assertThat(calledBack.await(20, TimeUnit.SECONDS)).isTrue();
        for (Exchange exchange : exchanges) {
            assertThat(exchange.getException()).isNull();
            assertThat(exchange.getMessage().getBody(IotJob.class).status()).isEqualTo(JobStatus.completed);
            assertThat(exchange.getMessage().getHeader(IotJobsConstants.JOB_STATUS)).isEqualTo(JobStatus.completed);
        }
        producer.stop();
    }

    @Test
    void stoppingTheRouteCancelsPendingWaits() throws Exception {
        hub.stubFor(get(urlPathEqualTo("/jobs/v2/forever")).willReturn(okJson(job("forever", "running"))));
        CompletableFuture<Exchange> reply = template.asyncSend("direct:wait",
                exchange -> exchange.getMessage().setHeader(IotJobsConstants.JOB_ID, "forever"));
        await().atMost(10, TimeUnit.SECONDS)
                .until(() -> hub.findAll(getRequestedFor(urlPathEqualTo("/jobs/v2/forever"))).size() >= 2);

        context.getRouteController().stopRoute("wait", 10, TimeUnit.SECONDS);

        Exchange exchange = reply.get(5, TimeUnit.SECONDS);
        assertThat(exchange.getException()).isInstanceOf(CamelExchangeException.class)
                .hasMessageContaining("stopped while the exchange was waiting");
    }

    @Test
    void aWaitThatTimesOutFailsWithTheLastJobAttached() {
        hub.stubFor(get(urlPathEqualTo("/jobs/v2/slow")).willReturn(okJson(job("slow", "running"))));

        Exchange exchange = call(WAIT, null, Map.of(IotJobsConstants.JOB_ID, "slow",
                IotJobsConstants.POLL_INTERVAL, 20, IotJobsConstants.WAIT_TIMEOUT, "PT0.2S"));

        assertThat(exchange.getException()).isInstanceOf(ExchangeTimedOutException.class)
                .hasMessageContaining("still running");
        assertThat(exchange.getMessage().getBody(IotJob.class).status()).isEqualTo(JobStatus.running);
        assertThat(exchange.getMessage().getHeader(IotJobsConstants.JOB_ID)).isEqualTo("slow");
    }

    @Test
    void aRetryAfterLongerThanRetryMaxDelayIsWaitedOutNotFailed() {
        hub.stubFor(get(urlPathEqualTo("/jobs/v2/job01")).inScenario("t").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "1")
                        .withBody("{\"Message\":\"ErrorCode:ThrottlingException;429\"}"))
                .willSetStateTo("ok"));
        hub.stubFor(get(urlPathEqualTo("/jobs/v2/job01")).inScenario("t").whenScenarioStateIs("ok")
                .willReturn(okJson(job("job01", "completed"))));

        Exchange exchange = call("iotjobs:hub?operation=getJob&retryMaxDelay=100", null,
                Map.of(IotJobsConstants.JOB_ID, "job01"));

        assertThat(exchange.getException()).isNull();
        assertThat(exchange.getMessage().getBody(IotJob.class).status()).isEqualTo(JobStatus.completed);
        hub.verify(2, getRequestedFor(urlPathEqualTo("/jobs/v2/job01")));
    }

    @Test
    void pollIntervalAndWaitTimeoutHeadersAreChecked() {
        Exchange exchange = call(WAIT, null, Map.of(IotJobsConstants.JOB_ID, "job01",
                IotJobsConstants.WAIT_TIMEOUT, "soon"));

        assertThat(exchange.getException()).hasMessageContaining("waitTimeout");
        hub.verify(0, getRequestedFor(urlPathEqualTo("/jobs/v2/job01")));
    }
}
