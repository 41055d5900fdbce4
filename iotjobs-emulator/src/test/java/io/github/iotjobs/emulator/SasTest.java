/*
 * Licensed to the Apache Software Foundation (ASF) under one or more contributor license agreements; and to You
 * under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance with the
 * License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.iotjobs.emulator;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.iotjobs.emulator.auth.SasValidator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SasTest {

    private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
    private static final String KEY = Base64.getEncoder().encodeToString("0123456789abcdef0123456789abcdef"
            .getBytes(StandardCharsets.US_ASCII));

    private static IotJobsEmulator emulator;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void start() {
        emulator = IotJobsEmulator.builder().clock(new ManualClock(NOW)).sharedAccessKey(KEY).start();
    }

    @AfterAll
    static void stop() {
        emulator.close();
    }

    private int status(String authorization) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(emulator.baseUrl() + "/jobs/v2/query?"
                + HubClient.API));
        if (authorization != null) {
            b.header("Authorization", authorization);
        }
        HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() == 401) {
            assertThat(r.headers().firstValue("iothub-errorcode")).contains("IotHubUnauthorizedAccess");
            JsonNode body = HubClient.json(r);
            assertThat(body.get("Message").asText()).isEqualTo("ErrorCode:IotHubUnauthorizedAccess;Unauthorized");
        }
        return r.statusCode();
    }

    private static String sign(String srAsSent, long se, String key) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(Base64.getDecoder().decode(key), "HmacSHA256"));
        return URLEncoder.encode(Base64.getEncoder().encodeToString(mac.doFinal((srAsSent + "\n" + se)
                .getBytes(StandardCharsets.UTF_8))), StandardCharsets.UTF_8);
    }

    @Test
    void acceptsValidTokensInAnyFormThatSdksProduce() throws Exception {
        long se = NOW.getEpochSecond() + 3600;
        String host = "127.0.0.1";
        // Java SDK order, sr without port.
        assertThat(status("SharedAccessSignature sr=" + host + "&sig=" + sign(host, se, KEY) + "&se=" + se
                + "&skn=iothubowner")).isEqualTo(200);
        // Docs order, sr with port, URL-encoded.
        String withPort = URLEncoder.encode(emulator.hostAndPort(), StandardCharsets.UTF_8);
        assertThat(status("SharedAccessSignature sig=" + sign(withPort, se, KEY) + "&se=" + se
                + "&skn=iothubowner&sr=" + withPort)).isEqualTo(200);
        // Node: raw sr, skn before se; upper-case host.
        assertThat(status("SharedAccessSignature sr=LOCALHOST&sig=" + sign("LOCALHOST", se, KEY)
                + "&skn=iothubowner&se=" + se)).isEqualTo(200);
        // Expired, but within the 5 minutes of clock skew.
        long recent = NOW.getEpochSecond() - 240;
        assertThat(status("SharedAccessSignature sr=localhost&sig=" + sign("localhost", recent, KEY) + "&se="
                + recent + "&skn=iothubowner")).isEqualTo(200);
        assertThat(status(emulator.sasToken(Duration.ofMinutes(10)))).isEqualTo(200);
    }

    @Test
    void rejectsBadTokens() throws Exception {
        long se = NOW.getEpochSecond() + 3600;
        String otherKey = Base64.getEncoder().encodeToString(new byte[32]);
        long expired = NOW.getEpochSecond() - 301;
        assertThat(status(null)).isEqualTo(401);
        assertThat(status("Bearer abc")).isEqualTo(401);
        assertThat(status("SharedAccessSignature")).isEqualTo(401);
        assertThat(status("SharedAccessSignature sr=localhost&sig=" + sign("localhost", expired, KEY) + "&se="
                + expired + "&skn=iothubowner")).isEqualTo(401);
        assertThat(status("SharedAccessSignature sr=localhost&sig=" + sign("localhost", se, otherKey) + "&se=" + se
                + "&skn=iothubowner")).isEqualTo(401);
        assertThat(status("SharedAccessSignature sr=otherhub.azure-devices.net&sig="
                + sign("otherhub.azure-devices.net", se, KEY) + "&se=" + se + "&skn=iothubowner")).isEqualTo(401);
        assertThat(status("SharedAccessSignature sr=localhost&sig=" + sign("localhost", se, KEY) + "&se=" + se
                + "&skn=registryRead")).isEqualTo(401);
        assertThat(status("SharedAccessSignature sr=localhost&sig=" + sign("localhost", se, KEY) + "&se=" + (se + 1)
                + "&skn=iothubowner")).isEqualTo(401);
        assertThat(status("SharedAccessSignature sr=localhost&sig=" + sign("localhost", se, KEY) + "&se=" + se))
                .isEqualTo(401);
        assertThat(status("SharedAccessSignature sr=localhost&sig=%%%&se=" + se + "&skn=iothubowner"))
                .isEqualTo(401);
        assertThat(status("SharedAccessSignature sr=localhost&sig=" + sign("localhost", se, KEY) + "&se=soon"
                + "&skn=iothubowner")).isEqualTo(401);
    }

    @Test
    void validatorIsUsableDirectly() {
        SasValidator validator = new SasValidator(java.util.Map.of("service", KEY), java.util.Set.of("hub.local"),
                java.time.Clock.fixed(NOW, java.time.ZoneOffset.UTC));
        String token = SasValidator.token("Hub.Local", "service", KEY, NOW.getEpochSecond() + 60);
        assertThat(validator.check(token, null)).isNull();
        assertThat(validator.check(token.replace("skn=service", "skn=iothubowner"), null))
                .isEqualTo("Unknown shared access policy");
        String tampered = token.replace("se=", "se=1");
        assertThat(validator.check(tampered, null)).isEqualTo("Signature mismatch").doesNotContain("sig");
    }
}
