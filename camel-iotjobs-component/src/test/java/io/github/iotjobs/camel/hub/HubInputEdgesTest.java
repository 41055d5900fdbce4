/*
 * Licensed to the Apache Software Foundation (ASF) under one or more contributor license agreements; and to You
 * under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance with the
 * License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.iotjobs.camel.hub;

import java.util.LinkedHashMap;
import java.util.Map;

import io.github.iotjobs.camel.IotJobsConstants;
import org.apache.camel.Exchange;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static io.github.iotjobs.camel.ValidationAssertions.refused;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The input rules at their edges, both ways: what the hub accepts is sent, what it refuses is refused before any
 * request, naming the field.
 */
class HubInputEdgesTest extends HubWireMockSupport {

    private static final String TWIN = "iotjobs:hub?operation=scheduleTwinUpdate&queryCondition=*";

    @BeforeEach
    void acceptCreates() {
        hub.stubFor(put(urlPathMatching("/jobs/v2/.*")).willReturn(okJson(
                "{\"jobId\":\"j\",\"type\":\"scheduleUpdateTwin\",\"status\":\"queued\"}")));
        hub.stubFor(get(urlPathEqualTo("/jobs/v2/query")).willReturn(okJson("[]")));
    }

    /** {"one":{"two":...{"<last>":{"property":"v"}}}} with {@code levels} nested objects. */
    private static Map<String, Object> nested(int levels) {
        Map<String, Object> tree = Map.of("property", "v");
        for (int level = levels; level >= 1; level--) {
            tree = Map.of("level" + level, tree);
        }
        return tree;
    }

    private Exchange twin(Map<String, Object> patch) {
        return call(TWIN, patch, Map.of(IotJobsConstants.JOB_ID, "edge"));
    }

    @Test
    void theDeepestTwinAzureAcceptsIsSentAndOneLevelMoreIsRefused() {
        assertThat(twin(Map.of("tags", nested(10))).getException()).isNull();
        assertThat(twin(Map.of("properties", Map.of("desired", nested(10)))).getException()).isNull();
        hub.verify(2, putRequestedFor(urlPathEqualTo("/jobs/v2/edge")));

        refused(twin(Map.of("tags", nested(11))), "twinPatch.tags");
        refused(twin(Map.of("properties", Map.of("desired", nested(11)))), "twinPatch.properties.desired");
        hub.verify(2, putRequestedFor(urlPathEqualTo("/jobs/v2/edge")));
    }

    @Test
    void keysUpTo1KbAndStringValuesUpTo4KbAreSent() {
        assertThat(twin(Map.of("tags", Map.of("k".repeat(1024), "x".repeat(4096)))).getException()).isNull();
        hub.verify(1, putRequestedFor(urlPathEqualTo("/jobs/v2/edge")));

        refused(twin(Map.of("tags", Map.of("k".repeat(1025), 1))), "twinPatch.tags");
        refused(twin(Map.of("tags", Map.of("k", "x".repeat(4097)))), "twinPatch.tags.k");
        hub.verify(1, putRequestedFor(urlPathEqualTo("/jobs/v2/edge")));
    }

    @Test
    void tagsUpTo8KbAndDesiredUpTo32KbAreSent() {
        Map<String, Object> tags = new LinkedHashMap<>();
        Map<String, Object> desired = new LinkedHashMap<>();
        for (int i = 0; i < 8; i++) {
            if (i < 2) {
                tags.put("t" + i, "x".repeat(4000));
            }
            desired.put("d" + i, "x".repeat(4000));
        }
        assertThat(twin(Map.of("tags", tags, "properties", Map.of("desired", desired))).getException()).isNull();
        hub.verify(1, putRequestedFor(urlPathEqualTo("/jobs/v2/edge")));

        tags.put("t2", "x".repeat(300));
        refused(twin(Map.of("tags", tags)), "twinPatch.tags");
        desired.put("d8", "x".repeat(1000));
        refused(twin(Map.of("properties", Map.of("desired", desired))), "twinPatch.properties.desired");
        hub.verify(1, putRequestedFor(urlPathEqualTo("/jobs/v2/edge")));
    }

    @Test
    void jobTypesAreTheHubsWordsWithTheOperationNamesAsAliases() {
        assertThat(call("listJobs", null, Map.of(IotJobsConstants.JOB_TYPE, "scheduleTwinUpdate")).getException())
                .isNull();
        hub.verify(1, getRequestedFor(urlPathEqualTo("/jobs/v2/query"))
                .withQueryParam("jobType", equalTo("scheduleUpdateTwin")));
        assertThat(call("listJobs", null, Map.of(IotJobsConstants.JOB_TYPE, "SCHEDULEDEVICEMETHOD")).getException())
                .isNull();
        hub.verify(1, getRequestedFor(urlPathEqualTo("/jobs/v2/query"))
                .withQueryParam("jobType", equalTo("scheduleDeviceMethod")));

        refused(call("listJobs", null, Map.of(IotJobsConstants.JOB_TYPE, "rebootEverything")), "jobType");
        hub.verify(2, getRequestedFor(urlPathEqualTo("/jobs/v2/query")));
    }

    @Test
    void aNowFormThatOverflowsNamesItsField() {
        refused(call(TWIN, Map.of("tags", Map.of("a", 1)), Map.of(IotJobsConstants.START_TIME,
                "NOW+P999999999Y")), "startTime");
        refused(call("listJobs", null, Map.of(IotJobsConstants.TO, "NOW+P999999999Y")), "to");
        assertThat(hub.getAllServeEvents()).isEmpty();

        assertThat(call(TWIN, Map.of("tags", Map.of("a", 1)), Map.of(IotJobsConstants.START_TIME, "NOW+P1Y"))
                .getException()).isNull();
        hub.verify(1, putRequestedFor(urlPathMatching("/jobs/v2/.*"))
                .withRequestBody(matchingJsonPath("$.startTime")));
    }
}
