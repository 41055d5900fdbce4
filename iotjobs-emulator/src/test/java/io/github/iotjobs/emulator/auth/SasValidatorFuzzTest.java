/*
 * Licensed to the Apache Software Foundation (ASF) under one or more contributor license agreements; and to You
 * under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance with the
 * License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.iotjobs.emulator.auth;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Mutated tokens never throw out of the validator and are never accepted unless unchanged. */
class SasValidatorFuzzTest {

    @Test
    void mutatedTokensAreRejectedWithoutExceptions() {
        Instant now = Instant.parse("2026-05-05T05:05:05Z");
        String key = Base64.getEncoder().encodeToString("fuzz-key-fuzz-key-fuzz-key-12345".getBytes(
                StandardCharsets.US_ASCII));
        SasValidator validator = new SasValidator(Map.of("iothubowner", key), Set.of("localhost"),
                Clock.fixed(now, ZoneOffset.UTC));
        String token = SasValidator.token("localhost", "iothubowner", key, now.getEpochSecond() + 600);
        assertThat(validator.check(token, "localhost:1234")).isNull();
        Random random = new Random(99);
        String alphabet = "&=%+/ aZ9\u00e9\n";
        int accepted = 0;
        for (int i = 0; i < 5000; i++) {
            StringBuilder sb = new StringBuilder(token);
            int edits = 1 + random.nextInt(3);
            for (int e = 0; e < edits; e++) {
                int pos = random.nextInt(sb.length());
                char c = alphabet.charAt(random.nextInt(alphabet.length()));
                if (random.nextBoolean()) {
                    sb.setCharAt(pos, c);
                } else {
                    sb.insert(pos, c);
                }
            }
            String mutated = sb.toString();
            String verdict = validator.check(mutated, "localhost");
            if (verdict == null) {
                accepted++;
                // Only harmless edits may pass: prefix case, whitespace after it, the case of the sr host.
                assertThat(fields(mutated)).as(mutated).isEqualTo(fields(token));
            }
        }
        assertThat(accepted).isLessThan(500);
    }

    private static Map<String, String> fields(String token) {
        Map<String, String> fields = new java.util.TreeMap<>();
        for (String part : token.strip().substring("SharedAccessSignature".length()).strip().split("&")) {
            String[] kv = part.split("=", 2);
            fields.put(kv[0], kv[0].equals("sr") ? kv[1].toLowerCase() : kv[1]);
        }
        return fields;
    }
}
