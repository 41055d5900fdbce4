/*
 * Licensed to the Apache Software Foundation (ASF) under one or more contributor license agreements; and to You
 * under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance with the
 * License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.iotjobs.camel.rollout.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.iotjobs.camel.rollout.engine.RolloutEvent;
import io.github.iotjobs.camel.rollout.status.HeadlessChromium;
import io.github.iotjobs.camel.rollout.status.StatusPageNode;
import io.github.iotjobs.emulator.IotJobsEmulator;
import io.github.iotjobs.emulator.engine.MethodBehavior;
import org.apache.camel.builder.RouteBuilder;

/**
 * How far the status page lags behind the rollouts' events: from an event's emission (a consumer route of
 * {@code iotrollout:*}) to its decision appearing in the JSON the page polls (read here as the page does, every
 * refresh interval) and in the page's DOM in headless Chromium. The baseline is the page's refresh interval: the
 * goal is a lag under one interval.
 * <p>
 * Run, after {@code ./mvnw -q -DskipTests install}: {@code ./mvnw -q -P bench -pl camel-iotjobs-rollout
 * test-compile exec:java -Dexec.mainClass=io.github.iotjobs.camel.rollout.bench.StatusPageBench}
 */
public final class StatusPageBench {

    private static final long REFRESH_MILLIS = Long.getLong("bench.refreshMillis", 1000);
    private static final int ROLLOUTS = Integer.getInteger("bench.rollouts", 3);
    /** How long each stage's devices take to answer: stages end at times unrelated to the page's polls. */
    private static final Duration METHOD_LATENCY = Duration.ofMillis(Long.getLong("bench.methodMillis", 730));
    private static final ObjectMapper JSON = new ObjectMapper();

    private StatusPageBench() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, Long> emitted = new ConcurrentHashMap<>();
        Map<String, Long> inJson = new ConcurrentHashMap<>();
        Map<String, Long> inDom = new ConcurrentHashMap<>();
        AtomicBoolean running = new AtomicBoolean(true);
        try (IotJobsEmulator hub = IotJobsEmulator.builder().devices(400).noThrottling()
                .method("update", MethodBehavior.ok().withLatency(METHOD_LATENCY)).start();
                StatusPageNode node = StatusPageNode.start(hub, Files.createTempDirectory("status-bench"),
                        REFRESH_MILLIS);
                HeadlessChromium chromium = HeadlessChromium.start()) {
            node.context.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from("iotrollout:*?deviceResults=false").process(e -> {
                        RolloutEvent event = e.getMessage().getBody(RolloutEvent.class);
                        emitted.putIfAbsent(key(event.rolloutId(), event.type().name(), event.at()), System.nanoTime());
                    });
                }
            });
            chromium.driver().get(node.pageUrl());
            Thread jsonReader = new Thread(() -> readJsonAsThePageDoes(node.pageUrl() + "/rollouts.json", inJson,
                    running), "json-reader");
            jsonReader.start();

            String plan = """
                    {"target": {"query": "*"}, "action": {"method": {"name": "update"}},
                     "stages": [{"devices": 10}, {"percent": 10}, {"percent": 25}, {"percent": 40}, {"percent": 55},
                                {"percent": 70}, {"percent": 85}, {"percent": 100}]}
                    """;
            for (int i = 0; i < ROLLOUTS; i++) {
                String id = "bench-" + i;
                node.call(id, "start", plan);
                while (!"completed".equals(readDom(chromium, id, inDom))) {
                    // Reads the DOM again at once: the resolution is one script round trip.
                }
            }
            long settle = System.nanoTime() + 2 * REFRESH_MILLIS * 1_000_000;
            while (System.nanoTime() < settle) {
                for (int i = 0; i < ROLLOUTS; i++) {
                    readDom(chromium, "bench-" + i, inDom);
                }
            }
            running.set(false);
            jsonReader.join();
        }
        report("JSON read as the page polls it", emitted, inJson);
        report("DOM of the page in headless Chromium", emitted, inDom);
    }

    private static String key(String rolloutId, String event, Instant at) {
        return rolloutId + " " + event + " " + at;
    }

    /** What the page does: read the JSON every refresh interval, at a fixed rate. */
    private static void readJsonAsThePageDoes(String url, Map<String, Long> seen, AtomicBoolean running) {
        HttpClient http = HttpClient.newHttpClient();
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).build();
        while (running.get()) {
            try {
                long started = System.nanoTime();
                String body = http.send(request, HttpResponse.BodyHandlers.ofString()).body();
                long now = System.nanoTime();
                for (JsonNode rollout : JSON.readTree(body).path("rollouts")) {
                    for (JsonNode decision : rollout.path("decisions")) {
                        seen.putIfAbsent(key(rollout.path("rolloutId").asText(), decision.path("event").asText(),
                                Instant.parse(decision.path("at").asText())), now);
                    }
                }
                Thread.sleep(Math.max(0, REFRESH_MILLIS - (System.nanoTime() - started) / 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
    }

    /** Records the decisions the page shows for a rollout; returns the rollout's status as shown. */
    @SuppressWarnings("unchecked")
    private static String readDom(HeadlessChromium chromium, String rolloutId, Map<String, Long> seen) {
        List<List<String>> rows = (List<List<String>>) chromium.driver().executeScript("""
                const section = document.querySelector(`section[data-rollout-id="${arguments[0]}"]`);
                if (!section) return [];
                const rows = Array.from(section.querySelectorAll(".decisions li"))
                    .map(li => [li.dataset.event, li.querySelector("time").getAttribute("datetime")]);
                rows.push(["status", section.querySelector(".status").textContent]);
                return rows;""", rolloutId);
        long now = System.nanoTime();
        String status = "";
        for (List<String> row : rows) {
            if (row.get(0).equals("status")) {
                status = row.get(1);
            } else {
                seen.putIfAbsent(key(rolloutId, row.get(0), Instant.parse(row.get(1))), now);
            }
        }
        return status;
    }

    private static void report(String where, Map<String, Long> emitted, Map<String, Long> seen) {
        List<Double> lags = new ArrayList<>();
        int missed = 0;
        for (Map.Entry<String, Long> event : emitted.entrySet()) {
            Long at = seen.get(event.getKey());
            if (at == null) {
                missed++;
            } else {
                lags.add(Math.max(0, at - event.getValue()) / 1e6);
            }
        }
        Collections.sort(lags);
        double median = lags.get(lags.size() / 2);
        double p95 = lags.get((int) Math.ceil(lags.size() * 0.95) - 1);
        double max = lags.get(lags.size() - 1);
        System.out.printf("%s: %d events (%d never seen); lag behind the event median %.0f ms, p95 %.0f ms, max %.0f"
                          + " ms; refresh interval %d ms: ratio median %.2f, p95 %.2f, max %.2f (goal: under 1)%n",
                where, lags.size(), missed, median, p95, max, REFRESH_MILLIS, median / REFRESH_MILLIS,
                p95 / REFRESH_MILLIS, max / REFRESH_MILLIS);
    }
}
