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
import java.util.Arrays;
import java.util.Map;
import java.util.stream.Collectors;

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
                .isInstanceOf(IllegalArgumentException.class);
    }
}
