/*
 * Licensed to the Apache Software Foundation (ASF) under one or more contributor license agreements; and to You
 * under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance with the
 * License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.iotjobs.camel.rollout.plan;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.github.iotjobs.camel.rollout.stage.FrozenStage;
import io.github.iotjobs.camel.rollout.stage.StageResolver;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Each kind of error in a plan is refused before anything is sent, naming its field. */
class PlanValidationTest {

    private static final String GOOD = """
            {"target": {"query": "tags.model = 'x1'"},
             "action": {"method": {"name": "reboot", "payload": {"delay": 5}, "responseTimeout": "PT30S"}},
             "stages": [{"devices": 10}, {"percent": 50}, {"percent": 100, "timeout": "PT1H"}],
             "successThreshold": 0.95, "failureThreshold": "5%", "onFailure": "abort", "stageTimeout": "PT30M"}
            """;

    @Test
    void aGoodPlanReadsTheSameFromJsonYamlAMapAndTheBuilder() {
        RolloutPlan json = PlanReader.read(GOOD);
        RolloutPlan yaml = PlanReader.read("""
                target: {query: "tags.model = 'x1'"}
                action:
                  method: {name: reboot, payload: {delay: 5}, responseTimeout: PT30S}
                stages: [{devices: 10}, {percent: 50}, {percent: 100, timeout: PT1H}]
                successThreshold: 0.95
                failureThreshold: 5%
                onFailure: abort
                stageTimeout: PT30M
                """);
        RolloutPlan map = PlanReader.read(PlanReader.JSON.convertValue(PlanReader.toTree(json), Map.class));
        assertThat(PlanReader.toTree(yaml)).isEqualTo(PlanReader.toTree(json));
        assertThat(PlanReader.toTree(map)).isEqualTo(PlanReader.toTree(json));
        assertThat(json.failureThreshold()).isEqualTo(0.05);
        assertThat(json.onFailureOrDefault()).isEqualTo(OnFailure.ABORT);
        assertThat(json.timeoutOf(0)).hasMinutes(30);
        assertThat(json.timeoutOf(2)).hasHours(1);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            target missing               | {"action":{"method":{"name":"m"}},"stages":[{"percent":100}]}                                 | target
            target both                  | {"target":{"query":"*","devices":["a"]},"action":{"method":{"name":"m"}},"stages":[{"percent":100}]} | target
            query malformed              | {"target":{"query":"tags.x = "},"action":{"method":{"name":"m"}},"stages":[{"percent":100}]}  | target.query
            device id invalid            | {"target":{"devices":["ok","bad id"]},"action":{"method":{"name":"m"}},"stages":[{"percent":100}]} | target.devices[1]
            device listed twice          | {"target":{"devices":["a","a"]},"action":{"method":{"name":"m"}},"stages":[{"percent":100}]}  | target.devices[1]
            action missing               | {"target":{"query":"*"},"stages":[{"percent":100}]}                                          | action
            method name missing          | {"target":{"query":"*"},"action":{"method":{}},"stages":[{"percent":100}]}                   | action.method.name
            response timeout too long    | {"target":{"query":"*"},"action":{"method":{"name":"m","responseTimeout":"PT10M"}},"stages":[{"percent":100}]} | action.method.responseTimeout
            timeout not a duration       | {"target":{"query":"*"},"action":{"method":{"name":"m","connectTimeout":"soon"}},"stages":[{"percent":100}]} | action.method.connectTimeout
            twin patch reported          | {"target":{"query":"*"},"action":{"twinPatch":{"properties":{"reported":{"a":1}}}},"stages":[{"percent":100}]} | action.twinPatch.properties.reported
            twin key with dot            | {"target":{"query":"*"},"action":{"twinPatch":{"tags":{"a.b":1}}},"stages":[{"percent":100}]} | action.twinPatch.tags.a.b
            stages missing               | {"target":{"query":"*"},"action":{"method":{"name":"m"}}}                                    | stages
            stage with both              | {"target":{"query":"*"},"action":{"method":{"name":"m"}},"stages":[{"devices":5,"percent":10},{"percent":100}]} | stages[0]
            stage devices zero           | {"target":{"query":"*"},"action":{"method":{"name":"m"}},"stages":[{"devices":0},{"percent":100}]} | stages[0].devices
            percent shrinking            | {"target":{"query":"*"},"action":{"method":{"name":"m"}},"stages":[{"percent":50},{"percent":20},{"percent":100}]} | stages[1].percent
            last stage short             | {"target":{"query":"*"},"action":{"method":{"name":"m"}},"stages":[{"devices":5},{"percent":90}]} | stages[1]
            success threshold above one  | {"target":{"query":"*"},"action":{"method":{"name":"m"}},"stages":[{"percent":100}],"successThreshold":95} | successThreshold
            failure threshold not number | {"target":{"query":"*"},"action":{"method":{"name":"m"}},"stages":[{"percent":100}],"failureThreshold":"many"} | failureThreshold
            onFailure unknown            | {"target":{"query":"*"},"action":{"method":{"name":"m"}},"stages":[{"percent":100}],"onFailure":"retry"} | onFailure
            rollback without inverse     | {"target":{"query":"*"},"action":{"method":{"name":"m"}},"stages":[{"percent":100}],"onFailure":"rollback"} | rollback.method
            inverse without name         | {"target":{"query":"*"},"action":{"method":{"name":"m"}},"stages":[{"percent":100}],"rollback":{"method":{"payload":1}}} | rollback.method.name
            inverse of a twin patch      | {"target":{"query":"*"},"action":{"twinPatch":{"tags":{"a":1}}},"stages":[{"percent":100}],"rollback":{"method":{"name":"m"}}} | rollback.method
            converge without deadline    | {"target":{"query":"*"},"action":{"twinPatch":{"properties":{"desired":{"fw":"2"}}}},"stages":[{"percent":100}],"converge":{}} | converge.within
            converge on a method         | {"target":{"query":"*"},"action":{"method":{"name":"m"}},"stages":[{"percent":100}],"converge":{"within":"PT1M"}} | converge.reported
            converge without value       | {"target":{"query":"*"},"action":{"method":{"name":"m"}},"stages":[{"percent":100}],"converge":{"reported":"fw","within":"PT1M"}} | converge.equals
            converge bad path            | {"target":{"query":"*"},"action":{"method":{"name":"m"}},"stages":[{"percent":100}],"converge":{"reported":"a..b","equals":1,"within":"PT1M"}} | converge.reported
            stage timeout zero           | {"target":{"query":"*"},"action":{"method":{"name":"m"}},"stages":[{"percent":100}],"stageTimeout":"PT0S"} | stageTimeout
            unknown field                | {"target":{"query":"*"},"action":{"method":{"name":"m"}},"stages":[{"percent":100}],"schedule":"night"} | schedule
            retries count missing        | {"target":{"query":"*"},"action":{"method":{"name":"m"}},"stages":[{"percent":100}],"retries":{}} | retries.count
            retries count too many       | {"target":{"query":"*"},"action":{"method":{"name":"m"}},"stages":[{"percent":100}],"retries":{"count":11}} | retries.count
            retries count not whole      | {"target":{"query":"*"},"action":{"method":{"name":"m"}},"stages":[{"percent":100}],"retries":{"count":1.5}} | retries.count
            retries backoff negative     | {"target":{"query":"*"},"action":{"method":{"name":"m"}},"stages":[{"percent":100}],"retries":{"count":2,"backoff":"-PT1S"}} | retries.backoff
            retries backoff not duration | {"target":{"query":"*"},"action":{"method":{"name":"m"}},"stages":[{"percent":100}],"retries":{"count":2,"backoff":"soon"}} | retries.backoff
            retries multiplier below one | {"target":{"query":"*"},"action":{"method":{"name":"m"}},"stages":[{"percent":100}],"retries":{"count":2,"multiplier":0.5}} | retries.multiplier
            retries budget zero          | {"target":{"query":"*"},"action":{"method":{"name":"m"}},"stages":[{"percent":100}],"retries":{"count":2,"budget":0}} | retries.budget
            retries budget over all      | {"target":{"query":"*"},"action":{"method":{"name":"m"}},"stages":[{"percent":100}],"retries":{"count":2,"budget":"150%"}} | retries.budget
            retries budget fraction      | {"target":{"query":"*"},"action":{"method":{"name":"m"}},"stages":[{"percent":100}],"retries":{"count":2,"budget":1.5}} | retries.budget
            retries budget words         | {"target":{"query":"*"},"action":{"method":{"name":"m"}},"stages":[{"percent":100}],"retries":{"count":2,"budget":"many"}} | retries.budget
            retries unknown field        | {"target":{"query":"*"},"action":{"method":{"name":"m"}},"stages":[{"percent":100}],"retries":{"count":2,"jitter":true}} | retries.jitter
            retries with rollback        | {"target":{"query":"*"},"action":{"method":{"name":"m"}},"stages":[{"percent":100}],"retries":{"count":2},"onFailure":"rollback","rollback":{"method":{"name":"undo"}}} | retries
            retries with converge        | {"target":{"query":"*"},"action":{"method":{"name":"m"}},"stages":[{"percent":100}],"retries":{"count":2},"converge":{"reported":"fw","equals":1,"within":"PT1M"}} | retries
            window not an object         | {"target":{"query":"*"},"action":{"method":{"name":"m"}},"stages":[{"percent":100}],"window":"night"} | window
            window start missing         | {"target":{"query":"*"},"action":{"method":{"name":"m"}},"stages":[{"percent":100}],"window":{"end":"04:00"}} | window.start
            window start not a time      | {"target":{"query":"*"},"action":{"method":{"name":"m"}},"stages":[{"percent":100}],"window":{"start":"25:00","end":"04:00"}} | window.start
            window end not a time        | {"target":{"query":"*"},"action":{"method":{"name":"m"}},"stages":[{"percent":100}],"window":{"start":"02:00","end":"noon"}} | window.end
            window empty                 | {"target":{"query":"*"},"action":{"method":{"name":"m"}},"stages":[{"percent":100}],"window":{"start":"02:00","end":"02:00"}} | window.end
            window zone tag not a tag    | {"target":{"query":"*"},"action":{"method":{"name":"m"}},"stages":[{"percent":100}],"window":{"start":"02:00","end":"04:00","zoneTag":"properties.reported.tz"}} | window.zoneTag
            window zone tag bad path     | {"target":{"query":"*"},"action":{"method":{"name":"m"}},"stages":[{"percent":100}],"window":{"start":"02:00","end":"04:00","zoneTag":"tags..tz"}} | window.zoneTag
            window default zone unknown  | {"target":{"query":"*"},"action":{"method":{"name":"m"}},"stages":[{"percent":100}],"window":{"start":"02:00","end":"04:00","defaultZone":"Mars/Base"}} | window.defaultZone
            window unknown field         | {"target":{"query":"*"},"action":{"method":{"name":"m"}},"stages":[{"percent":100}],"window":{"start":"02:00","end":"04:00","days":"mon"}} | window.days
            unreadable text              | {"target": | body
            """)
    void aPlanWithAnErrorIsRefusedNamingTheField(String kind, String plan, String field) {
        assertThatThrownBy(() -> PlanReader.read(plan)).isInstanceOf(RolloutPlanException.class)
                .satisfies(e -> assertThat(((RolloutPlanException) e).getField()).isEqualTo(field))
                .hasMessageStartingWith(field + ": ");
    }

    @Test
    void retriesAndWindowReadTheSameFromJsonYamlAndTheBuilder() {
        RolloutPlan json = PlanReader.read("""
                {"target": {"query": "*"}, "action": {"method": {"name": "install"}}, "stages": [{"percent": 100}],
                 "retries": {"count": 3, "backoff": "PT1M", "multiplier": 1.5, "budget": "10%"},
                 "window": {"start": "22:00", "end": "04:00", "zoneTag": "tags.site.tz", "defaultZone": "UTC"}}
                """);
        RolloutPlan yaml = PlanReader.read("""
                target: {query: "*"}
                action: {method: {name: install}}
                stages: [{percent: 100}]
                retries: {count: 3, backoff: PT1M, multiplier: 1.5, budget: 10%}
                window: {start: "22:00", end: "04:00", zoneTag: tags.site.tz, defaultZone: UTC}
                """);
        RolloutPlan built = RolloutPlan.builder().targetQuery("*").method("install", null).stagePercent(100)
                .retries(new RetrySpec(3, Duration.ofMinutes(1), 1.5, "10%"))
                .window(new WindowSpec("22:00", "04:00", "tags.site.tz", "UTC")).build();
        assertThat(PlanReader.toTree(yaml)).isEqualTo(PlanReader.toTree(json));
        assertThat(PlanReader.toTree(built)).isEqualTo(PlanReader.toTree(json));
        assertThat(PlanReader.toTree(PlanReader.read(PlanReader.toTree(json)))).isEqualTo(PlanReader.toTree(json));
        assertThat(json.retries().backoffBefore(1)).isEqualTo(Duration.ofSeconds(60));
        assertThat(json.retries().backoffBefore(3)).isEqualTo(Duration.ofSeconds(135));
        assertThat(json.retries().budgetOf(25)).isEqualTo(2);
        RetrySpec count = PlanReader.read(GOOD.replace("\"stageTimeout\"", "\"retries\": {\"count\": 1,"
                + " \"budget\": 5}, \"stageTimeout\"")).retries();
        assertThat(count.budgetOf(1000)).isEqualTo(5);
        assertThat(count.backoffBefore(1)).isEqualTo(RetrySpec.DEFAULT_BACKOFF);
    }

    @Test
    void theBuilderValidatesToo() {
        assertThatThrownBy(() -> RolloutPlan.builder().targetQuery("*").method("reboot", null).stagePercent(50)
                .build()).isInstanceOf(RolloutPlanException.class).hasMessageStartingWith("stages[0]: ");
    }

    @Test
    void stagesThatLeaveAStageEmptyAreRefusedWhenTheTargetIsKnown() {
        RolloutPlan plan = RolloutPlan.builder().targetDevices(List.of("a", "b", "c")).method("m", null)
                .stageDevices(3).stagePercent(100).build();
        assertThatThrownBy(() -> StageResolver.resolve(plan, plan.target().devices()))
                .isInstanceOf(RolloutPlanException.class).hasMessageStartingWith("stages[1]: ");
    }

    @Test
    void stagesCoverEveryDeviceOnceInOrder() {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 1003; i++) {
            ids.add("d" + i);
        }
        RolloutPlan plan = RolloutPlan.builder().targetDevices(ids).method("m", null)
                .stageDevices(7).stagePercent(10).stagePercent(55.5).stagePercent(100).build();
        List<FrozenStage> stages = StageResolver.resolve(plan, ids);
        assertThat(stages).extracting(FrozenStage::size).containsExactly(7, 94, 456, 446);
        List<String> all = new ArrayList<>();
        stages.forEach(s -> all.addAll(s.deviceIds()));
        assertThat(all).isEqualTo(ids);
    }
}
