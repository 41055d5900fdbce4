/*
 * Licensed to the Apache Software Foundation (ASF) under one or more contributor license agreements; and to You
 * under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance with the
 * License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.iotjobs.camel.central;

import java.util.Map;

import io.github.iotjobs.camel.IotJobsConstants;
import io.github.iotjobs.camel.IotJobsPlatform;
import io.github.iotjobs.camel.validation.IotJobsValidationException;
import org.apache.camel.Exchange;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Central input the service would reject fails before any request, naming the field. */
class CentralInputValidationTest extends CentralWireMockSupport {

    private static final String DATA = "\"data\":[{\"type\":\"command\",\"target\":\"t\",\"path\":\"reboot\"}]";
    private static final String SCHEDULE = "\"schedule\":{\"start\":\"2026-12-01T22:00:00Z\"}";

    private String rejectedField(String operation, Object body, Map<String, Object> headers) {
        Exchange exchange = call(operation, body, headers);
        assertThat(exchange.getException()).isInstanceOf(IotJobsValidationException.class);
        assertThat(central.getAllServeEvents()).isEmpty();
        return ((IotJobsValidationException) exchange.getException()).getField();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "{" + DATA + "}|job.group",
        "{\"group\":\"g\"}|job.data",
        "{\"group\":\"g\",\"data\":[]}|job.data",
        "{\"group\":\"g\",\"data\":[{\"type\":\"reboot\"}]}|job.data[0].type",
        "{\"group\":\"g\",\"data\":[{\"type\":\"property\",\"target\":\"t\",\"path\":\"p\"}]}|job.data[0].value",
        "{\"group\":\"g\",\"data\":[{\"type\":\"command\",\"path\":\"p\"}]}|job.data[0].target",
        "{\"group\":\"g\",\"data\":[{\"type\":\"deviceTemplateMigration\"}]}|job.data[0].template",
        "{\"group\":\"g\",\"data\":[{\"type\":\"command\",\"target\":\"t\",\"path\":\"p\"},"
            + "{\"type\":\"property\",\"target\":\"t\",\"path\":\"p\",\"value\":1}]}|job.data[1].type",
        "{\"group\":\"g\"," + DATA + ",\"batch\":{\"type\":\"devices\",\"value\":1}}|job.batch.type",
        "{\"group\":\"g\"," + DATA + ",\"batch\":{\"type\":\"number\",\"value\":\"5\"}}|job.batch.value",
        "{\"group\":\"g\"," + DATA + ",\"batch\":{\"type\":\"number\",\"value\":2.5}}|job.batch.value",
        "{\"group\":\"g\"," + DATA + ",\"batch\":{\"type\":\"percentage\",\"value\":101}}|job.batch.value",
        "{\"group\":\"g\"," + DATA + ",\"cancellationThreshold\":{\"type\":\"number\",\"value\":0}}"
            + "|job.cancellationThreshold.value",
        "{\"group\":\"g\"," + DATA + ",\"cancellationThreshold\":{\"type\":\"number\",\"value\":1,\"batch\":\"yes\"}}"
            + "|job.cancellationThreshold.batch",
        "[1]|job"
    })
    void createJobRejects(String body, String field) {
        assertThat(rejectedField("createJob", body, Map.of(IotJobsConstants.JOB_ID, "j1"))).isEqualTo(field);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "{\"group\":\"g\"," + DATA + "}|scheduledJob.schedule",
        "{\"group\":\"g\"," + DATA + ",\"schedule\":{\"start\":\"tomorrow\"}}|scheduledJob.schedule.start",
        "{\"group\":\"g\"," + DATA + ",\"schedule\":{\"start\":\"2026-12-01T22:00:00Z\",\"recurrence\":\"yearly\"}}"
            + "|scheduledJob.schedule.recurrence",
        "{\"group\":\"g\"," + DATA + ",\"schedule\":{\"start\":\"2026-12-01T22:00:00Z\",\"end\":{\"type\":\"never\"}}}"
            + "|scheduledJob.schedule.end.type",
        "{\"group\":\"g\"," + DATA + ",\"schedule\":{\"start\":\"2026-12-01T22:00:00Z\",\"end\":{\"type\":\"date\","
            + "\"date\":\"30/12/2026\"}}}|scheduledJob.schedule.end.date",
        "{\"group\":\"g\"," + DATA + ",\"schedule\":{\"start\":\"2026-12-01T22:00:00Z\",\"end\":{\"type\":"
            + "\"occurrences\",\"occurrences\":1000}}}|scheduledJob.schedule.end.occurrences",
        "{\"group\":\"g\"," + DATA + ",\"schedule\":{\"start\":\"2026-12-01T22:00:00Z\",\"end\":{\"type\":"
            + "\"occurrences\",\"occurrences\":0}}}|scheduledJob.schedule.end.occurrences",
        "{\"group\":\"g\"," + DATA + "," + SCHEDULE + ",\"enabled\":\"yes\"}|scheduledJob.enabled"
    })
    void createScheduledJobRejects(String body, String field) {
        assertThat(rejectedField("createScheduledJob", body, Map.of(IotJobsConstants.JOB_ID, "s1"))).isEqualTo(field);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "{}|scheduledJob",
        "{\"group\":null}|scheduledJob.group",
        "{\"schedule\":{\"recurrence\":\"hourly\"}}|scheduledJob.schedule.recurrence",
        "{\"batch\":{\"type\":\"percentage\",\"value\":-1}}|scheduledJob.batch.value"
    })
    void updateScheduledJobRejects(String patch, String field) {
        assertThat(rejectedField("updateScheduledJob", patch, Map.of(IotJobsConstants.JOB_ID, "s1")))
                .isEqualTo(field);
    }

    @Test
    void idsFollowTheCentralPattern() {
        assertThat(rejectedField("getJob", null, Map.of(IotJobsConstants.JOB_ID, "has space"))).isEqualTo("jobId");
        assertThat(rejectedField("getJob", null, Map.of(IotJobsConstants.JOB_ID, "x".repeat(256))))
                .isEqualTo("jobId");
        assertThat(rejectedField("getScheduledJob", null, Map.of())).isEqualTo("jobId");
        assertThat(rejectedField("rerunJob", null, Map.of(IotJobsConstants.JOB_ID, "j1", IotJobsConstants.RERUN_ID,
                "bad/id"))).isEqualTo("rerunId");
        assertThat(rejectedField("scheduleDeviceMethod", null, Map.of())).isEqualTo("operation");
    }

    @Test
    void credentialsAreRequiredAndNamed() {
        assertThatThrownBy(() -> context.getEndpoint("iotjobs:central?operation=getJob&apiToken=&baseUrl=http://x")
                .createProducer().start()).hasRootCauseInstanceOf(IotJobsValidationException.class)
                .rootCause().hasMessageContaining("apiToken or accessToken");
        assertThatThrownBy(() -> context.getEndpoint("iotjobs:central?operation=getJob&apiToken=not-a-token")
                .createProducer().start()).rootCause().hasMessageContaining("apiToken must be")
                .hasMessageNotContaining("not-a-token");
        assertThat(IotJobsPlatform.central.defaultApiVersion()).isEqualTo(API);
    }

    @Test
    void tokensAreMaskedInTheEndpointUri() {
        String uri = context.getEndpoint("iotjobs:central?operation=getJob&apiToken=RAW(" + TOKEN
                                         + ")&baseUrl=http://x").toString();
        assertThat(uri).doesNotContain("c2VjcmV0LXNpZw");
        String bearer = context.getEndpoint("iotjobs:central?operation=getJob&apiToken=&accessToken=RAW(aad.jwt.value)"
                                            + "&baseUrl=http://x").toString();
        assertThat(bearer).doesNotContain("aad.jwt.value");
    }
}
