/*
 * Licensed to the Apache Software Foundation (ASF) under one or more contributor license agreements; and to You
 * under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance with the
 * License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.iotjobs.camel.rollout.plan;

import java.util.ArrayList;
import java.util.List;

import io.github.iotjobs.camel.rollout.stage.DeviceIdQuery;
import io.github.iotjobs.camel.rollout.stage.FrozenStage;
import io.github.iotjobs.camel.rollout.stage.RolloutJobIds;
import io.github.iotjobs.camel.validation.QueryConditionSyntax;
import io.github.iotjobs.emulator.fleet.DeviceTwin;
import io.github.iotjobs.emulator.query.Condition;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Listed devices become deviceId IN [...] conditions under the hub's limit, quoting every allowed character. */
class DeviceIdQueryTest {

    @Test
    void chunksStayUnderTheQueryLimitAndKeepEveryDevice() {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 5000; i++) {
            ids.add("dev-'odd'-" + "x".repeat(i % 100) + "-" + i);
        }
        FrozenStage stage = FrozenStage.of(0, ids);
        List<String> back = new ArrayList<>();
        for (int c = 0; c < stage.chunkCount(); c++) {
            String condition = stage.chunkCondition(c);
            assertThat(condition.length()).isLessThanOrEqualTo(QueryConditionSyntax.MAX_LENGTH);
            QueryConditionSyntax.check("queryCondition", condition);
            back.addAll(stage.chunkDevices(c));
        }
        assertThat(back).isEqualTo(ids);
        assertThat(stage.chunkCount()).isGreaterThan(1);
    }

    @Test
    void everyAllowedCharacterIsQuotedSoTheConditionSelectsExactlyTheDevice() {
        String odd = "a-:.+%_#*?!(),=@;$'z";
        assertThat(DeviceIds.problem(odd)).isNull();
        String condition = DeviceIdQuery.condition(List.of(odd, "plain"));
        assertThat(condition).isEqualTo("deviceId IN ['a-:.+%_#*?!(),=@;$\\'z','plain']");
        QueryConditionSyntax.check("queryCondition", condition);
        Condition parsed = Condition.parse(condition);
        assertThat(parsed.test(twin(odd))).isTrue();
        assertThat(parsed.test(twin("a-:.+%_#*?!(),=@;$z"))).isFalse();
    }

    private static DeviceTwin twin(String id) {
        return new DeviceTwin(id, JsonNodeFactory.instance.objectNode(), JsonNodeFactory.instance.objectNode(),
                JsonNodeFactory.instance.objectNode(), true);
    }

    @Test
    void jobIdsAreValidHubJobIdsForAnyRolloutId() {
        String longId = "firmware.2024_11.rollout-for-every-building-in-the-northern-region";
        String jobId = RolloutJobIds.jobId(longId, 12, 3456);
        assertThat(jobId).matches("[A-Za-z0-9-]{1,64}");
        assertThat(RolloutJobIds.jobId("fw-2", 0, 1)).isEqualTo("ro-fw-2-s0-c1");
        assertThat(RolloutJobIds.key("a_b")).isNotEqualTo(RolloutJobIds.key("a-b")).isNotEqualTo(
                RolloutJobIds.key("a.b"));
    }
}
