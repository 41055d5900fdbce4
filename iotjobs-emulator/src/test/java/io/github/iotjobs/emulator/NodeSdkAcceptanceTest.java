/*
 * Licensed to the Apache Software Foundation (ASF) under one or more contributor license agreements; and to You
 * under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance with the
 * License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.iotjobs.emulator;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The official Azure IoT Hub Node service SDK (azure-iothub, pinned by src/test/node/package-lock.json) drives the
 * emulator: src/test/node/check.js schedules, reads, lists, pages, cancels and queries rows over HTTPS, with the
 * hub's quotas on (S3). It needs node and npm and the npm registry, so it runs in its own profile:
 * {@code ./mvnw -P node-sdk -pl iotjobs-emulator test}; {@code ./mvnw verify} stays JDK-only.
 */
@Tag("node-sdk")
class NodeSdkAcceptanceTest {

    private static final Path SOURCE = Path.of("src/test/node");
    private static final Path WORK = Path.of("target/node-sdk");

    @Test
    void theNodeSdkSchedulesListsCancelsAndPagesAgainstTheEmulator() throws Exception {
        Files.createDirectories(WORK);
        boolean changed = false;
        for (String file : List.of("package.json", "package-lock.json", "check.js")) {
            Path target = WORK.resolve(file);
            byte[] content = Files.readAllBytes(SOURCE.resolve(file));
            if (!Files.exists(target) || !java.util.Arrays.equals(content, Files.readAllBytes(target))) {
                Files.write(target, content);
                changed |= !file.equals("check.js");
            }
        }
        if (changed || !Files.isDirectory(WORK.resolve("node_modules/azure-iothub"))) {
            Result install = run(List.of("npm", "ci", "--no-audit", "--no-fund"), Map.of(), 300);
            assertThat(install.exit()).as("npm ci:%n%s", install.output()).isZero();
        }
        try (IotJobsEmulator emulator = IotJobsEmulator.builder().https(true).devices(20).tier(Tier.S3).start()) {
            Path pem = WORK.resolve("emulator.pem");
            Files.writeString(pem, emulator.certificatePem().orElseThrow(), StandardCharsets.US_ASCII);
            Result check = run(List.of("node", "check.js"), Map.of("IOTHUB_CONNECTION_STRING",
                    emulator.connectionString(), "NODE_EXTRA_CA_CERTS", pem.toAbsolutePath().toString()), 120);
            assertThat(check.exit()).as("node check.js:%n%s", check.output()).isZero();
            assertThat(check.output()).contains("devices.jobs: 4 rows in 2 pages", "NODE SDK CHECK PASSED");
        }
    }

    private record Result(int exit, String output) {
    }

    private static Result run(List<String> command, Map<String, String> env, long timeoutSeconds)
            throws IOException, InterruptedException {
        Path log = Files.createTempFile(WORK.toAbsolutePath(), "run", ".log");
        ProcessBuilder builder = new ProcessBuilder(command).directory(WORK.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().putAll(env);
        Process process = builder.start();
        if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            return new Result(-1, "timed out after " + timeoutSeconds + " s\n" + Files.readString(log));
        }
        String output = Files.readString(log);
        Files.move(log, WORK.resolve(command.get(0) + ".log"), StandardCopyOption.REPLACE_EXISTING);
        return new Result(process.exitValue(), output);
    }
}
