/*
 * Licensed to the Apache Software Foundation (ASF) under one or more contributor license agreements; and to You
 * under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance with the
 * License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.iotjobs.camel.rollout.status;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.iotjobs.camel.rollout.store.FileRolloutStore;
import io.github.iotjobs.camel.rollout.store.RolloutCommand;
import io.github.iotjobs.camel.rollout.store.RolloutDecision;
import io.github.iotjobs.camel.rollout.store.RolloutProgress;
import io.github.iotjobs.camel.rollout.store.RolloutRecord;
import io.github.iotjobs.camel.rollout.store.RolloutStatus;
import io.github.iotjobs.camel.rollout.store.RolloutStore;
import io.github.iotjobs.emulator.IotJobsEmulator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What the page costs the store: the frozen device lists read once per rollout, a finished rollout read once, and
 * only the latest finished ones kept.
 */
class RolloutStatusBoardTest {

    private static final String TWIN_PATCH = """
            {"target": {"query": "*"},
             "action": {"twinPatch": {"properties": {"desired": {"firmware": "2.0"}}}},
             "stages": [{"devices": 2}, {"percent": 100}]%s}
            """;

    @TempDir
    Path storeDir;

    @Test
    void anActiveRolloutIsReadOnEveryRefreshButItsDevicesOnceAndAFinishedOneOnce() throws Exception {
        FileRolloutStore files = new FileRolloutStore(storeDir);
        // Counts the board's reads only, not the orchestrator's.
        CountingStore store = new CountingStore(files);
        try (IotJobsEmulator hub = IotJobsEmulator.builder().devices(10).noThrottling().start();
                StatusPageNode node = StatusPageNode.start(hub, files, 1000)) {
            for (String id : List.of("first", "second", "third")) {
                node.call(id, "start", TWIN_PATCH.formatted(""));
                await().atMost(Duration.ofSeconds(30)).until(() -> store.status(id) == RolloutStatus.COMPLETED);
            }
            node.call("held", "start", TWIN_PATCH.formatted(", \"approval\": \"manual\""));
            await().atMost(Duration.ofSeconds(30)).until(() -> store.status("held") == RolloutStatus.AWAITING_APPROVAL);

            RolloutStatusBoard board = new RolloutStatusBoard(() -> store, 2);
            for (int refresh = 0; refresh < 5; refresh++) {
                assertThat(board.rollouts()).extracting(RolloutSummary::rolloutId)
                        .containsExactly("held", "third", "second");
            }
            assertThat(store.reads("record")).as("frozen stages, once per rollout").isEqualTo(4);
            assertThat(store.reads("progress held")).as("the active rollout, on every refresh").isEqualTo(5);
            for (String finished : List.of("first", "second", "third")) {
                assertThat(store.reads("progress " + finished)).as(finished).isEqualTo(1);
                assertThat(store.reads("decisions " + finished)).as(finished).isEqualTo(1);
            }

            RolloutSummary held = board.rollouts().get(0);
            assertThat(held.stages()).extracting(RolloutSummary.Bar::state).containsExactly("passed",
                    "awaitingApproval");
            assertThat(held.stages()).extracting(RolloutSummary.Bar::devices).containsExactly(2, 8);
            assertThat(held.decisions()).extracting(RolloutDecision::event).endsWith("gatePassed", "approvalRequested");
        }
    }

    /** A store that counts what is read from it. */
    private static final class CountingStore implements RolloutStore {

        private final RolloutStore store;
        final Map<String, AtomicInteger> reads = new ConcurrentHashMap<>();

        CountingStore(RolloutStore store) {
            this.store = store;
        }

        int reads(String what) {
            return reads.getOrDefault(what, new AtomicInteger()).get();
        }

        RolloutStatus status(String rolloutId) {
            return store.progress(rolloutId).map(RolloutProgress::status).orElse(null);
        }

        private void count(String what) {
            reads.computeIfAbsent(what, k -> new AtomicInteger()).incrementAndGet();
        }

        @Override
        public boolean create(RolloutRecord record, RolloutProgress progress) {
            return store.create(record, progress);
        }

        @Override
        public Optional<RolloutRecord> record(String rolloutId) {
            count("record");
            return store.record(rolloutId);
        }

        @Override
        public Optional<RolloutProgress> progress(String rolloutId) {
            count("progress " + rolloutId);
            return store.progress(rolloutId);
        }

        @Override
        public void saveProgress(String rolloutId, RolloutProgress progress) {
            store.saveProgress(rolloutId, progress);
        }

        @Override
        public void appendDecision(String rolloutId, RolloutDecision decision) {
            store.appendDecision(rolloutId, decision);
        }

        @Override
        public List<RolloutDecision> decisions(String rolloutId) {
            count("decisions " + rolloutId);
            return store.decisions(rolloutId);
        }

        @Override
        public List<String> rolloutIds() {
            return store.rolloutIds();
        }

        @Override
        public void saveDocument(String rolloutId, String name, String json) {
            store.saveDocument(rolloutId, name, json);
        }

        @Override
        public Optional<String> document(String rolloutId, String name) {
            return store.document(rolloutId, name);
        }

        @Override
        public void requestCommand(String rolloutId, RolloutCommand command) {
            store.requestCommand(rolloutId, command);
        }

        @Override
        public Optional<RolloutCommand> takeCommand(String rolloutId) {
            return store.takeCommand(rolloutId);
        }
    }
}
