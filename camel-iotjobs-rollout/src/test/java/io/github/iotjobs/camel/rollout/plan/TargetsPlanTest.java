/*
 * Licensed to the Apache Software Foundation (ASF) under one or more contributor license agreements; and to You
 * under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance with the
 * License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.iotjobs.camel.rollout.plan;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import io.github.iotjobs.camel.rollout.stage.FrozenStage;
import io.github.iotjobs.camel.rollout.stage.HubTier;
import io.github.iotjobs.camel.rollout.stage.RolloutJobIds;
import io.github.iotjobs.camel.rollout.stage.TargetStages;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A plan over several targets: read, refused naming the field, and cut into stages per target. */
class TargetsPlanTest {

    private static final String ACTION = "\"action\":{\"method\":{\"name\":\"m\"}},\"stages\":[{\"percent\":100}]";

    @Test
    void aPlanOverTwoHubsReadsTheSameFromYamlJsonAndTheBuilder() {
        RolloutPlan yaml = PlanReader.read("""
                targets:
                  - {name: eu, jobsEndpoint: "iotjobs:hub", tier: s3, units: 2, query: "tags.region = 'eu'"}
                  - {name: us, jobsEndpoint: "us:hub", devices: [a, b]}
                  - {name: ap, jobsEndpoint: "iotjobs:hub?connectionString=RAW({{ap.hub}})", query: "*"}
                action: {method: {name: m}}
                stages: [{percent: 100}]
                unreachableAfter: PT2M
                """);
        RolloutPlan json = PlanReader.read(PlanReader.toTree(yaml).toString());
        RolloutPlan built = RolloutPlan.builder().method("m", null).stagePercent(100)
                .targets(List.of(new PlanTarget("eu", "iotjobs:hub", HubTier.S3, 2, "tags.region = 'eu'", null),
                        PlanTarget.devices("us", "us:hub", List.of("a", "b")),
                        PlanTarget.query("ap", "iotjobs:hub?connectionString=RAW({{ap.hub}})", "*")))
                .unreachableAfter(Duration.ofMinutes(2)).build();
        assertThat(PlanReader.toTree(json)).isEqualTo(PlanReader.toTree(yaml)).isEqualTo(PlanReader.toTree(built));
        assertThat(yaml.targets().get(0).tier()).isEqualTo(HubTier.S3);
        assertThat(yaml.unreachableAfterOrDefault()).hasMinutes(2);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            target and targets     | {"target":{"query":"*"},"targets":[{"name":"eu","jobsEndpoint":"iotjobs:hub","query":"*"}],ACTION} | target
            targets empty          | {"targets":[],ACTION}                                                                           | targets
            targets not a list     | {"targets":{"name":"eu"},ACTION}                                                                | targets
            endpoint missing       | {"targets":[{"name":"eu","jobsEndpoint":"iotjobs:hub","query":"*"},{"name":"us","query":"*"}],ACTION} | targets[1].jobsEndpoint
            endpoint blank         | {"targets":[{"name":"eu","jobsEndpoint":" ","query":"*"}],ACTION}                              | targets[0].jobsEndpoint
            secret in the URI      | {"targets":[{"name":"eu","jobsEndpoint":"iotjobs:hub?connectionString=HostName=h;SharedAccessKey=k","query":"*"}],ACTION} | targets[0].jobsEndpoint
            name missing           | {"targets":[{"jobsEndpoint":"iotjobs:hub","query":"*"}],ACTION}                                | targets[0].name
            name with a dash       | {"targets":[{"name":"eu-west","jobsEndpoint":"iotjobs:hub","query":"*"}],ACTION}               | targets[0].name
            name too long          | {"targets":[{"name":"abcdefghijklm","jobsEndpoint":"iotjobs:hub","query":"*"}],ACTION}         | targets[0].name
            name twice             | {"targets":[{"name":"eu","jobsEndpoint":"a:hub","query":"*"},{"name":"EU","jobsEndpoint":"b:hub","query":"*"}],ACTION} | targets[1].name
            query and devices      | {"targets":[{"name":"eu","jobsEndpoint":"iotjobs:hub","query":"*","devices":["a"]}],ACTION}    | targets[0]
            query malformed        | {"targets":[{"name":"eu","jobsEndpoint":"iotjobs:hub","query":"tags.x = "}],ACTION}            | targets[0].query
            device listed twice    | {"targets":[{"name":"eu","jobsEndpoint":"iotjobs:hub","devices":["a","a"]}],ACTION}            | targets[0].devices[1]
            tier unknown           | {"targets":[{"name":"eu","jobsEndpoint":"iotjobs:hub","tier":"S9","query":"*"}],ACTION}        | targets[0].tier
            units zero             | {"targets":[{"name":"eu","jobsEndpoint":"iotjobs:hub","units":0,"query":"*"}],ACTION}          | targets[0].units
            units not a number     | {"targets":[{"name":"eu","jobsEndpoint":"iotjobs:hub","units":"two","query":"*"}],ACTION}      | targets[0].units
            unknown target field   | {"targets":[{"name":"eu","jobsEndpoint":"iotjobs:hub","hub":"x","query":"*"}],ACTION}          | targets[0].hub
            converge with targets  | {"targets":[{"name":"eu","jobsEndpoint":"iotjobs:hub","query":"*"}],"action":{"twinPatch":{"properties":{"desired":{"a":1}}}},"stages":[{"percent":100}],"converge":{"within":"PT1M"}} | converge
            rollback with targets  | {"targets":[{"name":"eu","jobsEndpoint":"iotjobs:hub","query":"*"}],ACTION,"onFailure":"rollback","rollback":{"method":{"name":"undo"}}} | rollback
            unreachableAfter zero  | {"targets":[{"name":"eu","jobsEndpoint":"iotjobs:hub","query":"*"}],ACTION,"unreachableAfter":"PT0S"} | unreachableAfter
            unreachableAfter alone | {"target":{"query":"*"},ACTION,"unreachableAfter":"PT1M"}                                       | unreachableAfter
            """)
    void badTargetsAreRefusedNamingTheField(String kind, String plan, String field) {
        assertThatThrownBy(() -> PlanReader.read(plan.replace("ACTION", ACTION)))
                .isInstanceOf(RolloutPlanException.class)
                .satisfies(e -> assertThat(((RolloutPlanException) e).getField()).isEqualTo(field))
                .hasMessageStartingWith(field + ": ");
    }

    private static List<String> ids(String prefix, int count) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            ids.add(prefix + "-device-with-a-long-id-" + i);
        }
        return ids;
    }

    private static RolloutPlan twoTargets(RolloutPlanBuilder builder) {
        return builder.method("m", null).targets(List.of(PlanTarget.query("eu", "iotjobs:hub", "*"),
                PlanTarget.query("us", "us:hub", "*"))).build();
    }

    @Test
    void eachTargetIsCutIntoTheStagesOnItsOwnAndNoChunkSpansTwoTargets() {
        RolloutPlan plan = twoTargets(RolloutPlan.builder().stageDevices(5).stagePercent(50).stagePercent(100));
        List<String> eu = ids("eu", 2000);
        List<String> us = ids("us", 40);
        List<FrozenStage> stages = TargetStages.resolve(plan, List.of(eu, us));

        assertThat(stages).extracting(s -> List.of(s.targetSize(0), s.targetSize(1)))
                .containsExactly(List.of(5, 5), List.of(995, 15), List.of(1000, 20));
        assertThat(stages.get(1).chunkCount()).as("eu's part takes several jobs").isGreaterThan(2);
        Set<String> jobIds = new HashSet<>();
        for (FrozenStage stage : stages) {
            assertThat(stage.chunkCount()).isGreaterThanOrEqualTo(2);
            for (int c = 0; c < stage.chunkCount(); c++) {
                String target = stage.chunkTargetName(c);
                assertThat(stage.chunkDevices(c)).allMatch(id -> id.startsWith(target + "-"));
                assertThat(RolloutJobIds.targetOf(stage.jobId("fw", c))).isEqualTo(target);
            }
            List<String> stageJobs = stage.jobIds("fw");
            assertThat(stageJobs).allMatch(id -> id.length() <= 64).doesNotHaveDuplicates();
            assertThat(stageJobs).filteredOn(id -> id.startsWith("rt-us-")).first()
                    .isEqualTo("rt-us-fw-s" + stage.index() + "-c0");
            jobIds.addAll(stageJobs);
        }
        assertThat(jobIds).hasSize(stages.stream().mapToInt(FrozenStage::chunkCount).sum());
    }

    @Test
    void targetJobIdsStayWithinTheHubsLimitAndApartFromOtherRollouts() {
        String longId = "a".repeat(128);
        String id = RolloutJobIds.targetJobId(longId, "abcdefghijkl", 99, 123456);
        assertThat(id).hasSizeLessThanOrEqualTo(64).startsWith("rt-abcdefghijkl-");
        assertThat(RolloutJobIds.targetOf(id)).isEqualTo("abcdefghijkl");
        assertThat(RolloutJobIds.targetJobId("x", "ab", 0, 0)).isNotEqualTo(RolloutJobIds.targetJobId("b-x", "a", 0, 0))
                .isNotEqualTo(RolloutJobIds.jobId("ab-x", 0, 0));
        assertThat(RolloutJobIds.targetOf(RolloutJobIds.jobId("rt-x", 0, 0))).isNull();
    }

    @Test
    void aTargetThatSelectsNothingOrLeavesAStageEmptyIsNamed() {
        RolloutPlan plan = twoTargets(RolloutPlan.builder().stageDevices(5).stagePercent(100));
        assertThatThrownBy(() -> TargetStages.resolve(plan, List.of(ids("eu", 10), List.of())))
                .isInstanceOf(RolloutPlanException.class)
                .hasMessageStartingWith("targets[1]: on target us, selects no device");
        assertThatThrownBy(() -> TargetStages.resolve(plan, List.of(ids("eu", 10), ids("us", 5))))
                .isInstanceOf(RolloutPlanException.class).hasMessageStartingWith("stages[1]: on target us, has no");
    }
}
