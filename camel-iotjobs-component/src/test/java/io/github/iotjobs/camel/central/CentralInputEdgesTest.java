/*
 * Licensed to the Apache Software Foundation (ASF) under one or more contributor license agreements; and to You
 * under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance with the
 * License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.iotjobs.camel.central;

import java.util.List;
import java.util.Map;

import io.github.iotjobs.camel.IotJobsConstants;
import org.apache.camel.Exchange;
import org.junit.jupiter.api.Test;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.github.iotjobs.camel.ValidationAssertions.refused;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * IoT Central's input edges, both ways: the how-to document's own job body is sent (in the swagger's words), job type
 * filters take either spelling, and from/to, which central jobs cannot honour, are refused rather than ignored.
 */
class CentralInputEdgesTest extends CentralWireMockSupport {

    /** The create body of the IoT Central how-to (seeds/iot-central-jobs-rest-api.txt), verbatim. */
    private static final String HOWTO_JOB = """
            {
              "displayName": "Set target temperature",
              "description": "Set target temperature device property",
              "group": "group1",
              "batch": {
                "type": "percentage",
                "value": 25
              },
              "cancellationThreshold": {
                "type": "percentage",
                "value": 10,
                "batch": false
              },
              "data": [
                {
                  "type": "PropertyJobData",
                  "target": "dtmi:modelDefinition:zomtmdxh:eqod32zbyl",
                  "path": "targetTemperature",
                  "value": "55"
                }
              ]
            }""";

    private static final String JOBS = """
            {"value":[{"id":"j1","group":"g","status":"running","data":[{"type":"property","target":"t","path":"p",
             "value":1}]},{"id":"j2","group":"g","status":"running","data":[{"type":"command","target":"t",
             "path":"reboot"}]}]}""";

    @Test
    void theHowToJobBodyIsSentInTheSwaggersWords() {
        central.stubFor(put(urlPathEqualTo("/api/jobs/job-006")).willReturn(okJson(
                "{\"id\":\"job-006\",\"group\":\"group1\",\"status\":\"pending\"}")));

        Exchange exchange = call("createJob", HOWTO_JOB, Map.of(IotJobsConstants.JOB_ID, "job-006"));

        assertThat(exchange.getException()).isNull();
        central.verify(1, putRequestedFor(urlPathEqualTo("/api/jobs/job-006"))
                .withRequestBody(matchingJsonPath("$.data[0].type", equalTo("property"))));
    }

    @Test
    void jobTypeFiltersTakeEitherSpellingAndRefuseWhatCentralLacks() {
        central.stubFor(get(urlPathEqualTo("/api/jobs")).willReturn(okJson(JOBS)));

        List<?> properties = call("listJobs", null, Map.of(IotJobsConstants.JOB_TYPE, "PropertyJobData"))
                .getMessage().getBody(List.class);
        assertThat(properties).hasSize(1);
        List<?> commands = call("listJobs", null, Map.of(IotJobsConstants.JOB_TYPE, "command")).getMessage()
                .getBody(List.class);
        assertThat(commands).hasSize(1);

        refused(call("listJobs", null, Map.of(IotJobsConstants.JOB_TYPE, "scheduleDeviceMethod")), "jobType");
        central.verify(2, getRequestedFor(urlPathEqualTo("/api/jobs")));
    }

    @Test
    void fromAndToAreRefusedNotIgnored() {
        refused(call("listJobs", null, Map.of(IotJobsConstants.FROM, "NOW-P1D")), "from");
        refused(call("listJobs", null, Map.of(IotJobsConstants.TO, "NOW")), "to");
        assertThat(central.getAllServeEvents()).isEmpty();
    }
}
