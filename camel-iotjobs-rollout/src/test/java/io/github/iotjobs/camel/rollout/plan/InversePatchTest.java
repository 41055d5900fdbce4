/*
 * Licensed to the Apache Software Foundation (ASF) under one or more contributor license agreements; and to You
 * under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance with the
 * License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.iotjobs.camel.rollout.plan;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.iotjobs.camel.rollout.stage.InversePatch;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The patch that undoes a rollout's patch on one device, from its twin as a projection query answers it. */
class InversePatchTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static ObjectNode json(String text) throws Exception {
        return (ObjectNode) JSON.readTree(text);
    }

    @Test
    void eachPatchedPathGetsItsPreviousValueAndOnlyThose() throws Exception {
        ObjectNode patch = json("""
                {"tags": {"ring": "canary"},
                 "properties": {"desired": {"firmware": "2.0", "cfg": {"channel": "beta"}, "legacy": null}}}""");
        JsonNode row = json("""
                {"deviceId": "d1", "tags": {"ring": "stable", "site": "s1"},
                 "desired": {"firmware": "1.0", "cfg": {"channel": "stable", "level": 3}, "legacy": {"on": true},
                             "other": 5}}""");
        assertThat(InversePatch.of(patch, row)).isEqualTo(json("""
                {"tags": {"ring": "stable"},
                 "properties": {"desired": {"firmware": "1.0", "cfg": {"channel": "stable"},
                                            "legacy": {"on": true}}}}"""));
    }

    @Test
    void aPathTheDeviceDidNotHaveIsSetToNullWhichRemovesIt() throws Exception {
        ObjectNode patch = json("""
                {"tags": {"ring": "canary"}, "properties": {"desired": {"firmware": "2.0", "cfg": {"channel": "beta"}}}}""");
        JsonNode row = json("""
                {"deviceId": "d2", "desired": {"cfg": 7}}""");
        assertThat(InversePatch.of(patch, row)).isEqualTo(json("""
                {"tags": {"ring": null}, "properties": {"desired": {"firmware": null, "cfg": 7}}}"""));
    }
}
