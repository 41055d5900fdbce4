/*
 * Licensed to the Apache Software Foundation (ASF) under one or more contributor license agreements; and to You
 * under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance with the
 * License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.iotjobs.emulator;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Seeded fuzzing of bodies, paths, headers and query conditions: every answer must be a 2xx or 4xx, never a 5xx
 * or a dead connection, and the server must keep serving.
 */
class FuzzTest {

    private static final long SEED = 20261123L;
    private static final int ROUNDS = 3000;

    @RegisterExtension
    static IotJobsEmulatorExtension extension = new IotJobsEmulatorExtension(IotJobsEmulator.builder().devices(30)
            .noThrottling());

    private final Random random = new Random(SEED);

    private static final String[] TOKENS = {"deviceId", "tags.building", "tags.floor", "properties.desired.x",
        "properties.reported.$version", "=", "!=", "<>", "<", ">=", "AND", "OR", "NOT", "IN", "NIN", "(", ")", "[",
        "]", ",", "'b1'", "\"b2\"", "3", "-1.5", "0x1F", "1e3", "true", "null", "undefined", "IS_DEFINED(",
        "is_defined", "*", "+", "%", "/", ".", "'", "\"", "\\", "$", "SELECT", "FROM", "devices", "devices.jobs",
        "WHERE", "jobs", "starts_with(", "CONTAINS(", "\u00e9", "\u0000", "9999999999999999999999"};

    private static final String[] BODIES = {
        HubClient.twinJob("J", "tags.building = 'b1'", "{\"fw\":\"2.0\",\"nested\":{\"a\":[1,2]}}"),
        HubClient.methodJob("J", "*", "reboot", "2026-01-01T00:00:00.000Z", 60),
        "{\"jobId\":\"J\",\"type\":\"scheduleDeviceMethod\",\"cloudToDeviceMethod\":{\"methodName\":\"m\"},"
            + "\"queryCondition\":\"deviceId IN ['device-000001']\"}",
        "{}", "[]", "null", ""};

    private static final String[] VALUES = {"null", "1", "-1", "0", "300", "301", "9223372036854775807",
        "1e400", "\"\"", "\"*\"", "\"x\"", "true", "[]", "{}", "{\"a\":null}", "\"2026-13-45T99:99:99Z\"",
        "\"+999999999-12-31T23:59:59Z\"", "\"scheduleUpdateTwin\"", "\"scheduleDeviceMethod\"", "1.5"};

    @Test
    void neverAnswers5xx() {
        IotJobsEmulator emulator = extension.emulator();
        HubClient hub = new HubClient(emulator);
        List<String> failures = new ArrayList<>();
        int ok = 0;
        int rejected = 0;
        for (int round = 0; round < ROUNDS; round++) {
            String label = "?";
            HttpResponse<String> response;
            label = "?";
            try {
            switch (random.nextInt(5)) {
                case 0 -> {
                    String id = random.nextInt(4) == 0 ? mutate("job-" + round) : "job-" + round;
                    String body = mutate(BODIES[random.nextInt(BODIES.length)].replace("\"J\"", "\"" + id + "\""));
                    label = "PUT " + id + " " + body;
                    response = hub.send("PUT", "/jobs/v2/" + encodePath(id) + "?" + HubClient.API, body);
                }
                case 1 -> {
                    String body = fieldSwap(BODIES[random.nextInt(2)].replace("\"J\"", "\"fz-" + round + "\""));
                    label = "PUT swap " + body;
                    response = hub.send("PUT", "/jobs/v2/fz-" + round + "?" + HubClient.API, body);
                }
                case 2 -> {
                    String sql = random.nextBoolean() ? "SELECT * FROM devices WHERE " + condition()
                            : mutate("SELECT * FROM devices.jobs WHERE devices.jobs.jobId = 'job-1'");
                    label = "query " + sql;
                    response = hub.query(sql, headers());
                }
                case 3 -> {
                    String path = mutate("/jobs/v2/" + (random.nextBoolean() ? "query" : "job-" + random.nextInt(50))
                            + (random.nextBoolean() ? "/cancel" : "") + "?jobType=" + mutate("scheduleDeviceMethod")
                            + "&" + HubClient.API);
                    String method = new String[] {"GET", "POST", "PUT", "DELETE", "PATCH"}[random.nextInt(5)];
                    label = method + " " + path;
                    response = hub.send(method, path, random.nextBoolean() ? null : mutate("{}"), headers());
                }
                default -> {
                    String cond = condition();
                    String body = HubClient.methodJob("c-" + round, "X", "m", null, 5).replace("\"X\"",
                            com.fasterxml.jackson.databind.node.TextNode.valueOf(cond).toString());
                    label = "PUT cond " + cond;
                    response = hub.send("PUT", "/jobs/v2/c-" + round + "?" + HubClient.API, body);
                }
            }
            } catch (IllegalArgumentException e) {
                continue; // a URI or header the HTTP client refuses to send at all
            }
            if (response.statusCode() < 300) {
                ok++;
            } else if (response.statusCode() < 500) {
                rejected++;
            }
            if (response.statusCode() >= 500) {
                failures.add(response.statusCode() + " for " + label + " -> " + response.body());
            }
        }
        assertThat(failures).isEmpty();
        // The corpus must exercise both paths, or the fuzzing proves nothing.
        assertThat(ok).isGreaterThan(ROUNDS / 20);
        assertThat(rejected).isGreaterThan(ROUNDS / 4);
        assertThat(hub.query("SELECT * FROM devices").statusCode()).isEqualTo(200);
        assertThat(hub.send("GET", "/jobs/v2/query?" + HubClient.API, null).statusCode()).isEqualTo(200);
    }

    private String condition() {
        StringBuilder sb = new StringBuilder();
        int n = 1 + random.nextInt(12);
        for (int i = 0; i < n; i++) {
            sb.append(TOKENS[random.nextInt(TOKENS.length)]).append(random.nextInt(3) == 0 ? "" : " ");
        }
        return sb.toString();
    }

    private String[] headers() {
        return switch (random.nextInt(4)) {
            case 0 -> new String[] {"x-ms-max-item-count", String.valueOf(random.nextInt(300) - 50)};
            case 1 -> new String[] {"x-ms-continuation", mutate("azo6MTA")};
            case 2 -> new String[] {"x-ms-max-item-count", mutate("abc")};
            default -> new String[0];
        };
    }

    private String fieldSwap(String json) {
        String[] fields = {"jobId", "type", "queryCondition", "startTime", "maxExecutionTimeInSeconds",
            "cloudToDeviceMethod", "updateTwin", "methodName", "payload", "responseTimeoutInSeconds",
            "connectTimeoutInSeconds", "etag", "tags", "properties", "desired"};
        String field = fields[random.nextInt(fields.length)];
        String value = VALUES[random.nextInt(VALUES.length)];
        return json.replaceFirst("\"" + field + "\":(\"[^\"]*\"|[-0-9]+|null|true|false|\\{\\}|\\[\\])",
                "\"" + field + "\":" + java.util.regex.Matcher.quoteReplacement(value));
    }

    private String mutate(String text) {
        StringBuilder sb = new StringBuilder(text);
        int edits = random.nextInt(4);
        for (int i = 0; i < edits; i++) {
            int pos = sb.length() == 0 ? 0 : random.nextInt(sb.length());
            String alphabet = "{}[]\":,\\'x0-.%&=?/ \u00ff\u0001";
            char c = alphabet.charAt(random.nextInt(alphabet.length()));
            switch (random.nextInt(3)) {
                case 0 -> sb.insert(pos, c);
                case 1 -> {
                    if (sb.length() > 0) {
                        sb.deleteCharAt(pos);
                    }
                }
                default -> {
                    if (sb.length() > 0) {
                        sb.setCharAt(pos, c);
                    }
                }
            }
        }
        return sb.toString();
    }

    private static String encodePath(String id) {
        return java.net.URLEncoder.encode(id, java.nio.charset.StandardCharsets.UTF_8).replace("+", "%20");
    }
}
