/*
 * Licensed to the Apache Software Foundation (ASF) under one or more contributor license agreements; and to You
 * under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance with the
 * License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.iotjobs.examples.docs;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.iotjobs.camel.IotJobsComponent;
import io.github.iotjobs.camel.IotJobsConstants;
import io.github.iotjobs.camel.model.DeviceJob;
import io.github.iotjobs.camel.model.DeviceJobStatus;
import io.github.iotjobs.camel.model.IotJob;
import io.github.iotjobs.camel.model.JobStatus;
import io.github.iotjobs.emulator.IotJobsEmulator;
import io.github.iotjobs.emulator.IotJobsEmulatorExtension;
import io.github.iotjobs.emulator.engine.MethodBehavior;
import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;

/** Keeps docs/ honest: its code compiles and runs, and the reference names every option and header there is. */
class DocsSamplesTest {

    private static final Pattern BLOCK = Pattern.compile("```(java|yaml)\\n(.*?)```", Pattern.DOTALL);

    @RegisterExtension
    static IotJobsEmulatorExtension emulator = new IotJobsEmulatorExtension(IotJobsEmulator.builder()
            .devices(100)
            .noThrottling()
            .offlineFraction(0.05)
            .method("reboot", MethodBehavior.ok().withLatency(Duration.ofMillis(200)).withFailureRate(0.1)));

    @Test
    void everyJavaBlockOfTheDocsIsInACompiledSample() throws IOException {
        String samples = "";
        try (Stream<Path> files = Files.list(Path.of(System.getProperty("iotjobs.samples"),
                "io/github/iotjobs/examples/docs"))) {
            for (Path file : files.toList()) {
                samples += normalize(Files.readString(file));
            }
        }
        List<String> blocks = blocks("java");
        assertThat(blocks).hasSizeGreaterThan(8);
        for (String block : blocks) {
            assertThat(samples).as("a java block of docs/ that no compiled sample holds:%n%s", block)
                    .contains(normalize(block));
        }
    }

    @Test
    void everyYamlRouteOfTheDocsLoadsAndStarts(IotJobsEmulator emulator) throws Exception {
        List<String> routes = blocks("yaml").stream().filter(b -> b.startsWith("- route:")).toList();
        assertThat(routes).hasSizeGreaterThan(8);
        int n = 0;
        for (String yaml : routes) {
            try (CamelContext camel = camel(emulator)) {
                PluginHelper.getRoutesLoader(camel).loadRoutes(ResourceHelper.fromString("docs-" + n++ + ".yaml", yaml));
                camel.start();
                assertThat(camel.getRoutes()).as("routes of%n%s", yaml).isNotEmpty();
            }
        }
    }

    @Test
    void referenceRoutesRunOnTheEmulator(IotJobsEmulator emulator) throws Exception {
        try (CamelContext camel = camel(emulator)) {
            camel.addRoutes(new ReferenceRoutes());
            camel.start();
            ProducerTemplate template = camel.createProducerTemplate();

            assertThat(template.requestBody("direct:preview", null, List.class)).hasSize(80);

            IotJob twin = template.requestBody("direct:set-firmware", null, IotJob.class);
            assertThat(twin.status()).isEqualTo(JobStatus.completed);
            assertThat(emulator.twin("device-000000").orElseThrow().desired().path("firmware").asText())
                    .isEqualTo("2.1.0");

            IotJob reboot = template.requestBody("direct:reboot-building", "b2", IotJob.class);
            assertThat(reboot.type()).isEqualTo("scheduleDeviceMethod");
            IotJob status = template.requestBody("direct:job-status", reboot.jobId(), IotJob.class);
            assertThat(status.jobId()).isEqualTo(reboot.jobId());
            assertThat(status.queryCondition()).isEqualTo("tags.building = 'b2'");

            List<?> running = template.requestBody("direct:running-jobs", null, List.class);
            assertThat(running).allSatisfy(job -> assertThat(((IotJob) job).status()).isEqualTo(JobStatus.running));

            Map<String, Object> later = Map.of(IotJobsConstants.START_TIME, "NOW+PT1H",
                    IotJobsConstants.QUERY_CONDITION, "*", IotJobsConstants.METHOD_NAME, "reboot");
            IotJob scheduled = template.requestBodyAndHeaders(
                    "iotjobs:hub?operation=scheduleDeviceMethod", null, later, IotJob.class);
            assertThat(scheduled.status()).isEqualTo(JobStatus.scheduled);
            IotJob cancelled = template.requestBody("direct:cancel-job", scheduled.jobId(), IotJob.class);
            assertThat(cancelled.status()).isEqualTo(JobStatus.cancelled);

            IotJob done = template.requestBodyAndHeader("iotjobs:hub?operation=getJob&waitForCompletion=true"
                                                        + "&pollInterval=100", null, IotJobsConstants.JOB_ID,
                    reboot.jobId(), IotJob.class);
            Object rows = template.requestBody("direct:failed-devices", reboot.jobId());
            List<DeviceJob> failed = new ArrayList<>();
            ((Iterator<?>) rows).forEachRemaining(row -> failed.add((DeviceJob) row));
            assertThat(failed).hasSize(done.statistics().failedCount())
                    .allSatisfy(row -> assertThat(row.status()).isEqualTo(DeviceJobStatus.failed));

            String rejected = template.requestBodyAndHeader("direct:reboot-building", "b1",
                    IotJobsConstants.JOB_ID, "not/valid", String.class);
            assertThat(rejected).startsWith("rejected before sending: jobId:");
        }
    }

    @Test
    void theReferenceNamesEveryOptionAndHeaderOfTheCatalog() throws IOException {
        JsonNode catalog;
        try (InputStream in = getClass().getResourceAsStream("/META-INF/io/github/iotjobs/camel/iotjobs.json")) {
            assertThat(in).isNotNull();
            catalog = new ObjectMapper().readTree(in);
        }
        String reference = Files.readString(docs().resolve("component-reference.md"));
        for (String section : List.of("componentProperties", "properties", "headers")) {
            catalog.get(section).fieldNames().forEachRemaining(name -> assertThat(reference)
                    .as("%s %s in docs/component-reference.md", section, name).contains("`" + name + "`"));
        }
    }

    private static CamelContext camel(IotJobsEmulator emulator) {
        CamelContext camel = new DefaultCamelContext();
        IotJobsComponent iotjobs = camel.getComponent("iotjobs", IotJobsComponent.class);
        iotjobs.getConfiguration().setConnectionString(emulator.connectionString());
        iotjobs.getConfiguration().setBaseUrl(emulator.baseUrl());
        return camel;
    }

    private static Path docs() {
        return Path.of(System.getProperty("iotjobs.docs"));
    }

    private static List<String> blocks(String language) throws IOException {
        List<String> blocks = new ArrayList<>();
        try (Stream<Path> pages = Files.list(docs())) {
            for (Path page : pages.filter(p -> p.toString().endsWith(".md")).sorted().toList()) {
                Matcher m = BLOCK.matcher(Files.readString(page));
                while (m.find()) {
                    if (m.group(1).equals(language)) {
                        blocks.add(m.group(2));
                    }
                }
            }
        }
        return blocks;
    }

    private static String normalize(String code) {
        return code.replaceAll("\\s+", " ").trim();
    }
}
