/*
 * Licensed to the Apache Software Foundation (ASF) under one or more contributor license agreements; and to You
 * under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance with the
 * License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.iotjobs.emulator;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;

class PagingTest {

    @RegisterExtension
    static IotJobsEmulatorExtension extension = new IotJobsEmulatorExtension(IotJobsEmulator.builder().devices(250)
            .noThrottling().maxActiveJobs(100));

    @Test
    void twinQueryPagesWithHeadersAndClampsTo100(IotJobsEmulator emulator) {
        HubClient hub = new HubClient(emulator);
        List<String> ids = new ArrayList<>();
        String token = null;
        int pages = 0;
        do {
            HttpResponse<String> r = token == null
                    ? hub.query("SELECT * FROM devices", "x-ms-max-item-count", "1000")
                    : hub.query("SELECT * FROM devices", "x-ms-max-item-count", "1000", "x-ms-continuation", token);
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.headers().firstValue("x-ms-item-type")).contains("Twin");
            JsonNode page = HubClient.json(r);
            assertThat(page.isArray()).isTrue();
            assertThat(page.size()).isLessThanOrEqualTo(100);
            page.forEach(t -> ids.add(t.get("deviceId").asText()));
            token = r.headers().firstValue("x-ms-continuation").orElse(null);
            pages++;
        } while (token != null);
        assertThat(pages).isEqualTo(3);
        assertThat(ids).hasSize(250).doesNotHaveDuplicates().isSorted();
    }

    @Test
    void filteredTwinQueryPagesExactly(IotJobsEmulator emulator) {
        HubClient hub = new HubClient(emulator);
        Set<String> ids = new HashSet<>();
        String token = null;
        int pages = 0;
        do {
            String[] headers = token == null ? new String[] {"x-ms-max-item-count", "20"}
                    : new String[] {"x-ms-max-item-count", "20", "x-ms-continuation", token};
            HttpResponse<String> r = hub.query("SELECT * FROM devices WHERE tags.building = 'b1'", headers);
            JsonNode page = HubClient.json(r);
            page.forEach(t -> {
                assertThat(t.at("/tags/building").asText()).isEqualTo("b1");
                ids.add(t.get("deviceId").asText());
            });
            token = r.headers().firstValue("x-ms-continuation").orElse(null);
            if (token != null) {
                assertThat(page).hasSize(20);
            }
            pages++;
        } while (token != null);
        assertThat(ids).hasSize(50);
        assertThat(pages).isEqualTo(3);
    }

    @Test
    void jobQueryPagesWithQueryParametersAndDeviceJobRowsWithHeaders(IotJobsEmulator emulator) {
        HubClient hub = new HubClient(emulator);
        for (int i = 0; i < 7; i++) {
            hub.createJob("page-" + i, HubClient.methodJob("page-" + i, "tags.floor = 1", "reboot",
                    "2099-01-01T00:00:00.000Z", 60));
        }
        Set<String> jobIds = new HashSet<>();
        String token = null;
        int pages = 0;
        do {
            String url = "/jobs/v2/query?jobStatus=scheduled&pageSize=3&" + HubClient.API
                    + (token == null ? "" : "&continuationToken=" + token);
            HttpResponse<String> r = hub.send("GET", url, null);
            assertThat(r.statusCode()).isEqualTo(200);
            HubClient.json(r).forEach(j -> jobIds.add(j.get("jobId").asText()));
            token = r.headers().firstValue("x-ms-continuation").orElse(null);
            pages++;
        } while (token != null);
        assertThat(pages).isEqualTo(3);
        assertThat(jobIds).hasSize(7);

        hub.createJob("rows", HubClient.twinJob("rows", "*", "{\"paged\":true}"));
        org.awaitility.Awaitility.await().until(() -> hub.getJob("rows").get("status").asText().equals("completed"));
        List<String> devices = new ArrayList<>();
        Optional<String> next = Optional.empty();
        pages = 0;
        do {
            String[] headers = next.map(t -> new String[] {"x-ms-max-item-count", "100", "x-ms-continuation", t})
                    .orElse(new String[] {"x-ms-max-item-count", "100"});
            HttpResponse<String> r = hub.query("SELECT * FROM devices.jobs WHERE devices.jobs.jobId = 'rows'", headers);
            assertThat(r.headers().firstValue("x-ms-item-type")).contains("DeviceJob");
            HubClient.json(r).forEach(row -> devices.add(row.get("deviceId").asText()));
            next = r.headers().firstValue("x-ms-continuation");
            pages++;
        } while (next.isPresent());
        assertThat(pages).isEqualTo(3);
        assertThat(devices).hasSize(250).doesNotHaveDuplicates();
    }

    @Test
    void rowPagesWalkEveryJobWhenTheQueryNamesNone() {
        ManualClock clock = new ManualClock(java.time.Instant.parse("2026-07-01T00:00:00Z"));
        try (IotJobsEmulator emulator = IotJobsEmulator.builder().devices(30).clock(clock).autoTick(false)
                .noThrottling().start()) {
            HubClient hub = new HubClient(emulator);
            hub.createJob("a", HubClient.twinJob("a", "tags.floor <= 5", "{\"x\":1}"));
            hub.createJob("b", HubClient.twinJob("b", "*", "{\"x\":2}"));
            hub.createJob("c", HubClient.methodJob("c", "deviceId = 'device-000001'", "ping", null, 60));
            emulator.tick();
            int expected = emulator.engine().job("a").orElseThrow().rowCount() + 30 + 1;
            List<String> keys = pageAll(hub, "SELECT * FROM devices.jobs", 7);
            assertThat(keys).hasSize(expected).doesNotHaveDuplicates();
            // A pure conjunction naming the job reads that job only; OR and other filters still see every job.
            assertThat(pageAll(hub, "SELECT * FROM devices.jobs WHERE devices.jobs.jobId = 'b' AND status = "
                    + "'completed'", 4)).hasSize(30).allMatch(k -> k.startsWith("b/"));
            assertThat(pageAll(hub, "SELECT * FROM devices.jobs WHERE jobId = 'c' OR jobId = 'a'", 3))
                    .hasSize(expected - 30);
            assertThat(pageAll(hub, "SELECT * FROM devices.jobs WHERE NOT (jobId = 'b')", 5))
                    .hasSize(expected - 30);
            assertThat(pageAll(hub, "SELECT * FROM devices.jobs WHERE jobId = 'zzz'", 5)).isEmpty();
        }
    }

    /** Every row the query returns, as jobId/deviceId, following continuation tokens. */
    private static List<String> pageAll(HubClient hub, String sql, int pageSize) {
        List<String> keys = new ArrayList<>();
        Optional<String> next = Optional.empty();
        do {
            String[] headers = next.map(t -> new String[] {"x-ms-max-item-count", String.valueOf(pageSize),
                "x-ms-continuation", t}).orElse(new String[] {"x-ms-max-item-count", String.valueOf(pageSize)});
            HttpResponse<String> r = hub.query(sql, headers);
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(HubClient.json(r).size()).isLessThanOrEqualTo(pageSize);
            HubClient.json(r).forEach(row -> keys.add(row.get("jobId").asText() + "/" + row.get("deviceId").asText()));
            next = r.headers().firstValue("x-ms-continuation");
        } while (next.isPresent());
        return keys;
    }

    @Test
    void badPagingInputIs400(IotJobsEmulator emulator) {
        HubClient hub = new HubClient(emulator);
        assertThat(hub.query("SELECT * FROM devices", "x-ms-continuation", "!!!").statusCode()).isEqualTo(400);
        assertThat(hub.query("SELECT * FROM devices", "x-ms-max-item-count", "-1").statusCode()).isEqualTo(400);
        assertThat(hub.send("GET", "/jobs/v2/query?continuationToken=abc&" + HubClient.API, null).statusCode())
                .isEqualTo(400);
    }
}
