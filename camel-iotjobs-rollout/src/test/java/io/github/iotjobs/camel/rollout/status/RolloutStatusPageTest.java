/*
 * Licensed to the Apache Software Foundation (ASF) under one or more contributor license agreements; and to You
 * under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance with the
 * License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.iotjobs.camel.rollout.status;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import io.github.iotjobs.emulator.IotJobsEmulator;
import io.github.iotjobs.emulator.engine.MethodBehavior;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The status page in a real headless Chromium, on rollouts running on the emulator: it shows a rollout as it runs,
 * follows its stages, its approval and its completion, shows why another halted, and renders every text as text.
 */
class RolloutStatusPageTest {

    private static final Duration PATIENCE = Duration.ofSeconds(60);
    private static final String HOSTILE_REMARK = "<img src=x onerror=\"document.title='injected'\"> & <b>bold</b>";

    @TempDir
    Path storeDir;

    @Test
    void thePageShowsTheRolloutsAsTheyProgressTheirGatesAndWhyOneHalted() throws Exception {
        try (IotJobsEmulator hub = IotJobsEmulator.builder().devices(20).noThrottling()
                .method("reboot", MethodBehavior.ok().withFailureRate(1.0)).start();
                StatusPageNode node = StatusPageNode.start(hub, storeDir, 200);
                HeadlessChromium chromium = HeadlessChromium.start()) {
            ChromeDriver browser = chromium.driver();
            browser.get(node.pageUrl());
            await().atMost(PATIENCE).until(() -> browser.findElement(By.id("updated")).getText().startsWith("Updated"));
            assertThat(sections(browser)).isEmpty();

            node.call("firmware-2.0", "start", """
                    {"target": {"query": "*"},
                     "action": {"twinPatch": {"properties": {"desired": {"firmware": "2.0"}}}},
                     "stages": [{"devices": 5}, {"percent": 100}],
                     "approval": "manual"}
                    """);
            await().atMost(PATIENCE).until(() -> !text(browser, "firmware-2.0", ".status").isEmpty());
            assertThat(text(browser, "firmware-2.0", ".status")).isIn("running", "awaitingApproval");
            assertThat(text(browser, "firmware-2.0", ".summary")).startsWith("twin patch, 20 devices in 2 stages, started ");

            // The canary passes its gate and the rollout waits for an approval: the page follows.
            await().atMost(PATIENCE).until(() -> text(browser, "firmware-2.0", ".status").equals("awaitingApproval"));
            await().atMost(PATIENCE).until(() -> bar(browser, "firmware-2.0", 0).equals(List.of("5", "5")));
            assertThat(bar(browser, "firmware-2.0", 1)).containsExactly("0", "15");
            assertThat(label(browser, "firmware-2.0", 0)).isEqualTo("Stage 0 (passed): 5 of 5 succeeded, 0 failed");
            assertThat(label(browser, "firmware-2.0", 1))
                    .isEqualTo("Stage 1 (awaitingApproval): 0 of 15 succeeded, 0 failed");
            assertThat(events(browser, "firmware-2.0")).containsExactly("rolloutStarted", "stageStarted", "gatePassed",
                    "approvalRequested");

            node.call("firmware-2.0", "approve", HOSTILE_REMARK);
            await().atMost(PATIENCE).until(() -> text(browser, "firmware-2.0", ".status").equals("completed"));
            await().atMost(PATIENCE).until(() -> bar(browser, "firmware-2.0", 1).equals(List.of("15", "15")));
            assertThat(events(browser, "firmware-2.0")).containsExactly("rolloutStarted", "stageStarted",
                    "gatePassed", "approvalRequested", "approved", "stageStarted", "gatePassed", "completed");
            // The remark is shown as the text it is: no element was made of it, no script ran.
            assertThat(text(browser, "firmware-2.0", "li[data-event='approved']")).endsWith(
                    "approved stage 1: approved: " + HOSTILE_REMARK);
            assertThat(browser.findElements(By.tagName("img"))).isEmpty();
            assertThat(browser.findElements(By.tagName("b"))).isEmpty();
            assertThat(browser.getTitle()).isEqualTo("Rollouts");

            // A second rollout whose canary fails: the page shows the failed gate and the reason of the halt.
            node.call("reboot-all", "start", """
                    {"target": {"query": "*"},
                     "action": {"method": {"name": "reboot"}},
                     "stages": [{"devices": 4}, {"percent": 100}],
                     "failureThreshold": 0.5, "onFailure": "pause"}
                    """);
            await().atMost(PATIENCE).until(() -> text(browser, "reboot-all", ".status").equals("paused"));
            await().atMost(PATIENCE).until(() -> text(browser, "reboot-all", ".reason").contains("failure threshold"));
            assertThat(label(browser, "reboot-all", 0)).startsWith("Stage 0 (failed): 0 of 4 succeeded, ");
            assertThat(text(browser, "reboot-all", "li[data-event='gateFailed']")).contains("failure threshold");
            assertThat(sections(browser)).as("active rollouts first, then the finished ones")
                    .containsExactly("reboot-all", "firmware-2.0");

            Path screenshot = chromium.screenshot(StatusPageNode.buildDirectory().resolve("status-page/status-page.png"));
            System.out.println("Status page screenshot: " + screenshot.toAbsolutePath());
        }
    }

    @Test
    void theJsonAndThePageAnswerWithTheirTypesAPolicyAndNoneOfTheRequestsHeaders() throws Exception {
        try (IotJobsEmulator hub = IotJobsEmulator.builder().devices(5).noThrottling().start();
                StatusPageNode node = StatusPageNode.start(hub, storeDir, 1000)) {
            HttpClient http = HttpClient.newHttpClient();
            HttpResponse<String> page = http.send(HttpRequest.newBuilder(URI.create(node.pageUrl()))
                    .header("X-Probe", "echo?").build(), HttpResponse.BodyHandlers.ofString());
            assertThat(page.statusCode()).isEqualTo(200);
            assertThat(page.headers().firstValue("Content-Type")).hasValue("text/html; charset=utf-8");
            assertThat(page.headers().firstValue("Content-Security-Policy")).get().asString()
                    .startsWith("default-src 'none'; connect-src 'self'; style-src 'sha256-");
            assertThat(page.headers().firstValue("X-Probe")).isEmpty();
            assertThat(page.body()).doesNotContain("/*SCRIPT*/", "http://", "https://");
            HttpResponse<String> slash = http.send(HttpRequest.newBuilder(URI.create(node.pageUrl() + "/")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(slash.statusCode()).as("the page with a trailing slash").isEqualTo(200);

            HttpResponse<String> json = http.send(HttpRequest.newBuilder(URI.create(node.pageUrl() + "/rollouts.json"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertThat(json.statusCode()).isEqualTo(200);
            assertThat(json.headers().firstValue("Content-Type")).hasValue("application/json");
            assertThat(json.body()).isEqualTo("{\"refreshMillis\":1000,\"rollouts\":[]}");

            HttpResponse<String> post = http.send(HttpRequest.newBuilder(URI.create(node.pageUrl() + "/rollouts.json"))
                    .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(post.statusCode()).isEqualTo(405);
        }
    }

    /**
     * The text of the first element of the rollout's section that matches, empty when there is none yet; read in
     * one script, as the page may redraw the section between two driver calls.
     */
    private static String text(ChromeDriver browser, String rolloutId, String selector) {
        return (String) browser.executeScript("""
                const e = document.querySelector(`section[data-rollout-id="${arguments[0]}"] ${arguments[1]}`);
                return e ? e.innerText : "";""", rolloutId, selector);
    }

    /** The value and max of a stage's progress bar, empty when there is none yet. */
    @SuppressWarnings("unchecked")
    private static List<String> bar(ChromeDriver browser, String rolloutId, int stage) {
        return (List<String>) browser.executeScript("""
                const e = document.querySelector(
                    `section[data-rollout-id="${arguments[0]}"] li[data-stage="${arguments[1]}"] progress`);
                return e ? [String(e.value), String(e.max)] : [];""", rolloutId, stage);
    }

    /** The label of a stage's bar, found as assistive technology does: the label for the progress's id. */
    private static String label(ChromeDriver browser, String rolloutId, int stage) {
        return (String) browser.executeScript("""
                const e = document.querySelector(
                    `section[data-rollout-id="${arguments[0]}"] li[data-stage="${arguments[1]}"] progress`);
                return e && e.labels.length === 1 ? e.labels[0].innerText : "";""", rolloutId, stage);
    }

    @SuppressWarnings("unchecked")
    private static List<String> events(ChromeDriver browser, String rolloutId) {
        return (List<String>) browser.executeScript("""
                return Array.from(document.querySelectorAll(
                    `section[data-rollout-id="${arguments[0]}"] .decisions li`)).map(li => li.dataset.event);""",
                rolloutId);
    }

    @SuppressWarnings("unchecked")
    private static List<String> sections(ChromeDriver browser) {
        return (List<String>) browser.executeScript("""
                return Array.from(document.querySelectorAll("section.rollout")).map(s => s.dataset.rolloutId);""");
    }
}
