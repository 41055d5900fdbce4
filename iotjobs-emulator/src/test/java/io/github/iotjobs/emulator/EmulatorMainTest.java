/*
 * Licensed to the Apache Software Foundation (ASF) under one or more contributor license agreements; and to You
 * under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance with the
 * License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.iotjobs.emulator;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.stream.Collectors;

import io.github.iotjobs.emulator.quota.ThrottleClass;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EmulatorMainTest {

    @Test
    void printsKeyValueLinesAndWritesTheCertificate(@TempDir Path dir) throws Exception {
        Path pem = dir.resolve("emulator.pem");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (IotJobsEmulator emulator = EmulatorMain.start(new String[] {"--port", "0", "--devices", "7", "--https",
            "--cert-out", pem.toString(), "--tier", "s1"}, new PrintStream(bytes, true, StandardCharsets.UTF_8))) {
            Map<String, String> lines = Arrays.stream(bytes.toString(StandardCharsets.UTF_8).split("\\R"))
                    .map(l -> l.split("=", 2)).collect(Collectors.toMap(p -> p[0], p -> p[1]));
            assertThat(lines).containsOnlyKeys("IOTJOBS_BASE_URL", "IOTHUB_CONNECTION_STRING",
                    "IOTCENTRAL_API_TOKEN");
            assertThat(lines.get("IOTJOBS_BASE_URL")).isEqualTo("https://localhost:" + emulator.port());
            assertThat(lines.get("IOTHUB_CONNECTION_STRING")).startsWith("HostName=localhost:" + emulator.port()
                    + ";SharedAccessKeyName=iothubowner;SharedAccessKey=");
            assertThat(lines.get("IOTCENTRAL_API_TOKEN")).isEqualTo(emulator.apiToken())
                    .startsWith("SharedAccessSignature sr=");
            assertThat(emulator.port()).isPositive();
            assertThat(emulator.fleet().size()).isEqualTo(7);
            X509Certificate cert = (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(Files.newInputStream(pem));
            assertThat(cert.getSubjectAlternativeNames()).extracting(l -> l.get(1).toString())
                    .contains("localhost", "127.0.0.1");
        }
    }

    @Test
    void rejectsBadOptions() {
        PrintStream out = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        assertThatThrownBy(() -> EmulatorMain.start(new String[] {"--bogus"}, out))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> EmulatorMain.start(new String[] {"--port"}, out))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> EmulatorMain.start(new String[] {"--cert-out", "x.pem"}, out))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> EmulatorMain.start(new String[] {"--tier", "S9"}, out))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("S9");
        assertThatThrownBy(() -> EmulatorMain.start(new String[] {"--throttle", "queries"}, out))
                .hasMessageContaining("--throttle");
        assertThatThrownBy(() -> EmulatorMain.start(new String[] {"--throttle", "reads=5/min"}, out))
                .hasMessageContaining("reads");
        assertThatThrownBy(() -> EmulatorMain.start(new String[] {"--throttle", "queries=5/hour"}, out))
                .hasMessageContaining("N/sec or N/min");
        assertThatThrownBy(() -> EmulatorMain.start(new String[] {"--units", "0"}, out))
                .hasMessageContaining("units");
        assertThatThrownBy(() -> EmulatorMain.start(new String[] {"--index-lag", "10m"}, out))
                .hasMessageContaining("--index-lag");
        assertThatThrownBy(() -> EmulatorMain.start(new String[] {"--never-converging", "1.5"}, out))
                .hasMessageContaining("--never-converging");
    }

    @Test
    void quotaLagAndAgentOptionsReachTheEmulator() throws Exception {
        PrintStream out = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        try (IotJobsEmulator emulator = EmulatorMain.start(new String[] {"--port", "0", "--devices", "3",
            "--tier", "S3", "--units", "2", "--throttle", "queries=7/sec", "--throttle", "jobs=30/min",
            "--index-lag", "PT10M", "--report-latency", "PT5S", "--never-converging", "0.1",
            "--reboot-offline", "PT1M", "--reboot-method", "restart"}, out)) {
            assertThat(emulator.quota(ThrottleClass.QUERIES)).hasValueSatisfying(r -> assertThat(r).hasToString("7/sec"));
            assertThat(emulator.quota(ThrottleClass.JOBS)).hasValueSatisfying(r -> assertThat(r).hasToString("30/min"));
            assertThat(emulator.quota(ThrottleClass.DEVICE_OPS))
                    .hasValueSatisfying(r -> assertThat(r).hasToString("100/sec"));
            assertThat(emulator.engine().indexLag()).isEqualTo(Duration.ofMinutes(10));
        }
        try (IotJobsEmulator free = EmulatorMain.start(new String[] {"--port", "0", "--no-throttling"}, out)) {
            for (ThrottleClass c : ThrottleClass.values()) {
                assertThat(free.quota(c)).isEmpty();
            }
        }
    }

    @Test
    void helpNamesEveryOptionAndTheAdminApi() {
        for (String option : new String[] {"--port", "--devices", "--fleet", "--offline", "--tier", "--units",
            "--throttle", "--no-throttling", "--max-active-jobs", "--index-lag", "--report-latency",
            "--never-converging", "--reboot-offline", "--reboot-method", "--https", "--cert-out", "--no-auth",
            "--help", "/_emulator/stats", "/_emulator/faults", "/_emulator/health"}) {
            assertThat(EmulatorMain.USAGE).contains(option);
        }
    }
}
