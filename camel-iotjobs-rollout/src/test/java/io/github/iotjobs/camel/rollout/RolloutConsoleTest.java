/*
 * Licensed to the Apache Software Foundation (ASF) under one or more contributor license agreements; and to You
 * under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance with the
 * License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.iotjobs.camel.rollout;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import io.github.iotjobs.camel.IotJobsComponent;
import io.github.iotjobs.camel.IotJobsConfiguration;
import io.github.iotjobs.camel.IotJobsTier;
import io.github.iotjobs.camel.rollout.stage.HubTier;
import io.github.iotjobs.emulator.IotJobsEmulator;
import io.github.iotjobs.emulator.quota.ThrottleClass;
import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.console.DevConsole;
import org.apache.camel.console.DevConsoleRegistry;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.util.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The iotrollout dev console shows the rollouts in flight, and starts nothing before the component is used. */
class RolloutConsoleTest {

    @TempDir
    Path storeDir;

    @Test
    void theConsoleShowsARolloutAwaitingApprovalWithItsStageAndCounts() throws Exception {
        try (IotJobsEmulator hub = IotJobsEmulator.builder().devices(20).noThrottling().start()) {
            CamelContext context = new DefaultCamelContext();
            context.setDevConsole(true);
            IotJobsConfiguration jobs = context.getComponent("iotjobs", IotJobsComponent.class).getConfiguration();
            jobs.setConnectionString(hub.connectionString());
            jobs.setBaseUrl(hub.baseUrl());
            jobs.setTier(IotJobsTier.S3);
            IotRolloutComponent rollout = context.getComponent("iotrollout", IotRolloutComponent.class);
            rollout.setTier(HubTier.S3);
            rollout.setPollInterval(25);
            rollout.setStoreDirectory(storeDir.toString());
            context.start();
            try {
                DevConsole console = DevConsoleRegistry.get(context).getConsole("iotrollout").orElseThrow();
                JsonObject idle = component((JsonObject) console.call(DevConsole.MediaType.JSON));
                assertThat(idle).containsEntry("orchestrator", "not started");
                assertThat((java.util.Collection<?>) idle.getCollection("rollouts")).isEmpty();
                assertThat(hub.requests(ThrottleClass.JOBS)).isZero();

                ProducerTemplate template = context.createProducerTemplate();
                template.requestBodyAndHeaders("iotrollout:fw-1", """
                        {"target": {"query": "*"},
                         "action": {"twinPatch": {"properties": {"desired": {"firmware": "2.0"}}}},
                         "stages": [{"devices": 5}, {"percent": 100}],
                         "approval": "manual"}
                        """, Map.of(IotRolloutConstants.OPERATION, "start"));

                await().atMost(Duration.ofSeconds(20)).until(() -> "awaitingApproval".equals(
                        rolloutIn((JsonObject) console.call(DevConsole.MediaType.JSON)).get("status")));
                JsonObject shown = rolloutIn((JsonObject) console.call(DevConsole.MediaType.JSON));
                assertThat(shown).containsEntry("rolloutId", "fw-1").containsEntry("stage", 0).containsEntry("stageCount", 2).containsEntry("succeeded", 5)
                        .containsEntry("leadsHere", true).containsEntry("runningJobs", 0L);
                assertThat(console.call(DevConsole.MediaType.TEXT).toString())
                        .contains("Rollout fw-1: awaitingApproval, stage 1 of 2, 5 of 5 devices succeeded, 0 failed");
            } finally {
                context.stop();
            }
        }
    }

    private static JsonObject component(JsonObject json) {
        return (JsonObject) json.getCollection("components").iterator().next();
    }

    private static JsonObject rolloutIn(JsonObject json) {
        return (JsonObject) component(json).getCollection("rollouts").iterator().next();
    }
}
