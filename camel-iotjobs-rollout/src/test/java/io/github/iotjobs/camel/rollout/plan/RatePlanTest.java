/*
 * Licensed to the Apache Software Foundation (ASF) under one or more contributor license agreements; and to You
 * under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance with the
 * License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.iotjobs.camel.rollout.plan;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.github.iotjobs.camel.rollout.stage.FrozenStage;
import io.github.iotjobs.camel.rollout.stage.HubTier;
import io.github.iotjobs.camel.rollout.stage.RolloutPreview;
import io.github.iotjobs.camel.rollout.stage.StageResolver;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The plan's {@code rate}: read, refused naming its field, chunks sized to it, and the preview's time. */
class RatePlanTest {

    private static String plan(String rate) {
        return "{\"target\":{\"query\":\"*\"},\"action\":{\"method\":{\"name\":\"m\"}},\"stages\":[{\"percent\":100}],"
               + "\"rate\":" + rate + "}";
    }

    @Test
    void aConstantAndARampingRateReadTheSameFromYamlAndTheBuilder() {
        RolloutPlan yaml = PlanReader.read("""
                target: {query: "*"}
                action: {method: {name: m}}
                stages: [{percent: 100}]
                rate:
                  baseRatePerMinute: 50
                  incrementFactor: 2
                  rateIncreaseCriteria: {numberOfNotifiedDevices: 1000}
                  maximumPerMinute: 400
                """);
        RolloutPlan built = RolloutPlan.builder().targetQuery("*").method("m", null).stagePercent(100)
                .rate(new RolloutRate(null, 50, 2.0, new RolloutRate.RateIncrease(1000, null), 400)).build();
        assertThat(PlanReader.toTree(yaml)).isEqualTo(PlanReader.toTree(built));
        // AWS's worked example: 50, 100, 200, 400 at 1000, 2000, 3000 notified devices; then the cap.
        assertThat(List.of(0L, 999L, 1000L, 2000L, 3000L, 9000L)).extracting(n -> yaml.rate().perMinute(n, 0))
                .containsExactly(50.0, 50.0, 100.0, 200.0, 400.0, 400.0);
        assertThat(PlanReader.read(plan("{\"devicesPerMinute\": 600}")).rate().perMinute(5000, 0)).isEqualTo(600);
    }

    @Test
    void aRampOnSucceededDevicesGrowsWithSuccessesOnly() {
        RolloutRate rate = new RolloutRate(null, 10, 1.5, new RolloutRate.RateIncrease(null, 100), null);
        assertThat(rate.perMinute(1000, 0)).isEqualTo(10);
        assertThat(rate.perMinute(1000, 250)).isEqualTo(22.5);
        assertThat(rate.plannedPerMinute(1000)).as("chunks are cut at the base").isEqualTo(10);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            empty                       | {}                                                                   | rate
            both forms                  | {"devicesPerMinute": 10, "baseRatePerMinute": 5}                     | rate
            not an object               | 600                                                                  | rate
            zero                        | {"devicesPerMinute": 0}                                              | rate.devicesPerMinute
            fraction                    | {"devicesPerMinute": 1.5}                                            | rate.devicesPerMinute
            text                        | {"devicesPerMinute": "fast"}                                         | rate.devicesPerMinute
            unknown field               | {"devicesPerSecond": 10}                                             | rate.devicesPerSecond
            ramp field on constant      | {"devicesPerMinute": 10, "incrementFactor": 2}                       | rate.incrementFactor
            cap on constant             | {"devicesPerMinute": 10, "maximumPerMinute": 20}                     | rate.maximumPerMinute
            ramp without factor         | {"baseRatePerMinute": 50, "rateIncreaseCriteria": {"numberOfNotifiedDevices": 10}} | rate.incrementFactor
            factor of one               | {"baseRatePerMinute": 50, "incrementFactor": 1, "rateIncreaseCriteria": {"numberOfNotifiedDevices": 10}} | rate.incrementFactor
            factor above five           | {"baseRatePerMinute": 50, "incrementFactor": 6, "rateIncreaseCriteria": {"numberOfNotifiedDevices": 10}} | rate.incrementFactor
            ramp without criteria       | {"baseRatePerMinute": 50, "incrementFactor": 2}                      | rate.rateIncreaseCriteria
            both criteria               | {"baseRatePerMinute": 50, "incrementFactor": 2, "rateIncreaseCriteria": {"numberOfNotifiedDevices": 10, "numberOfSucceededDevices": 10}} | rate.rateIncreaseCriteria
            criteria zero               | {"baseRatePerMinute": 50, "incrementFactor": 2, "rateIncreaseCriteria": {"numberOfSucceededDevices": 0}} | rate.rateIncreaseCriteria.numberOfSucceededDevices
            unknown criteria            | {"baseRatePerMinute": 50, "incrementFactor": 2, "rateIncreaseCriteria": {"numberOfThings": 5}} | rate.rateIncreaseCriteria.numberOfThings
            cap below base              | {"baseRatePerMinute": 50, "incrementFactor": 2, "rateIncreaseCriteria": {"numberOfNotifiedDevices": 10}, "maximumPerMinute": 40} | rate.maximumPerMinute
            base zero                   | {"baseRatePerMinute": 0, "incrementFactor": 2, "rateIncreaseCriteria": {"numberOfNotifiedDevices": 10}} | rate.baseRatePerMinute
            """)
    void aBadRateIsRefusedNamingItsField(String why, String rate, String field) {
        assertThatThrownBy(() -> PlanReader.read(plan(rate))).as(why)
                .isInstanceOfSatisfying(RolloutPlanException.class, e -> {
                    assertThat(e.getField()).isEqualTo(field);
                    assertThat(e.getMessage()).contains(field);
                });
    }

    @Test
    void theBuilderRefusesABadRateToo() {
        assertThatThrownBy(() -> RolloutPlan.builder().targetQuery("*").method("m", null).stagePercent(100).rate(0)
                .build()).isInstanceOfSatisfying(RolloutPlanException.class,
                        e -> assertThat(e.getField()).isEqualTo("rate.devicesPerMinute"));
    }

    private static List<String> devices(int count) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            ids.add("dev-" + i);
        }
        return ids;
    }

    private static List<Integer> chunkSizes(FrozenStage stage) {
        List<Integer> sizes = new ArrayList<>();
        for (int c = 0; c < stage.chunkCount(); c++) {
            sizes.add(stage.chunkDevices(c).size());
        }
        return sizes;
    }

    @Test
    void chunksCarryTenSecondsOfTheRateAtTheirPlaceInTheRollout() {
        RolloutPlan constant = RolloutPlan.builder().targetQuery("*").method("m", null).stageDevices(50)
                .stagePercent(100).rate(120).build();
        List<FrozenStage> stages = StageResolver.resolve(constant, devices(130));
        assertThat(chunkSizes(stages.get(0))).containsExactly(20, 20, 10);
        assertThat(chunkSizes(stages.get(1))).containsExactly(20, 20, 20, 20);

        // 60/min for the first 20 devices, 120 for the next 20, then 240 (the cap).
        RolloutPlan ramp = RolloutPlan.builder().targetQuery("*").method("m", null).stageDevices(15)
                .stagePercent(100).rate(new RolloutRate(null, 60, 2.0, new RolloutRate.RateIncrease(20, null), 240))
                .build();
        stages = StageResolver.resolve(ramp, devices(150));
        assertThat(chunkSizes(stages.get(0))).containsExactly(10, 5);
        assertThat(chunkSizes(stages.get(1))).as("cut where the stage before left off")
                .containsExactly(10, 20, 40, 40, 25);

        RolloutPlan none = RolloutPlan.builder().targetQuery("*").method("m", null).stagePercent(100).build();
        assertThat(StageResolver.resolve(none, devices(130)).get(0).chunkCount()).isOne();
    }

    @Test
    void thePreviewTakesAsLongAsTheRateNeedsWhenItIsSlowerThanTheQuotas() {
        RolloutPlan plan = RolloutPlan.builder().targetQuery("*").method("m", null).stageDevices(60)
                .stagePercent(100).rate(60).build();
        List<FrozenStage> stages = StageResolver.resolve(plan, devices(300));
        RolloutPreview preview = RolloutPreview.of("p", HubTier.S3, 1, false, stages, plan.rate());
        assertThat(preview.stages()).extracting(RolloutPreview.StagePreview::estimatedDuration)
                .containsExactly(Duration.ofMinutes(1), Duration.ofMinutes(4));
        RolloutPreview unpaced = RolloutPreview.of("p", HubTier.S3, 1, false, stages, null);
        assertThat(unpaced.estimatedDuration()).isLessThan(Duration.ofSeconds(10));

        // A ramp: 60 devices at 60/min, 60 at 120/min, then 240/min.
        RolloutRate ramp = new RolloutRate(null, 60, 2.0, new RolloutRate.RateIncrease(60, null), 240);
        RolloutPreview ramped = RolloutPreview.of("p", HubTier.S3, 1, false,
                StageResolver.resolve(plan, devices(300)), ramp);
        assertThat(ramped.estimatedDuration()).isEqualTo(Duration.ofSeconds(60 + 30 + 45));
    }
}
