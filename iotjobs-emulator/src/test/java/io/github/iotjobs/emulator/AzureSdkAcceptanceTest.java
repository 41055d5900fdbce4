/*
 * Licensed to the Apache Software Foundation (ASF) under one or more contributor license agreements; and to You
 * under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance with the
 * License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.iotjobs.emulator;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.Date;
import java.util.HashSet;
import java.util.Set;

import javax.net.ssl.HttpsURLConnection;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManagerFactory;

import com.azure.core.credential.AzureSasCredential;
import com.microsoft.azure.sdk.iot.service.auth.IotHubConnectionStringBuilder;
import com.microsoft.azure.sdk.iot.service.auth.IotHubServiceSasToken;
import com.microsoft.azure.sdk.iot.service.exceptions.IotHubNotFoundException;
import com.microsoft.azure.sdk.iot.service.exceptions.IotHubTooManyRequestsException;
import com.microsoft.azure.sdk.iot.service.jobs.DirectMethodsJobOptions;
import com.microsoft.azure.sdk.iot.service.jobs.ScheduledJob;
import com.microsoft.azure.sdk.iot.service.jobs.ScheduledJobStatus;
import com.microsoft.azure.sdk.iot.service.jobs.ScheduledJobType;
import com.microsoft.azure.sdk.iot.service.jobs.ScheduledJobsClient;
import com.microsoft.azure.sdk.iot.service.query.JobQueryResponse;
import com.microsoft.azure.sdk.iot.service.query.QueryPageOptions;
import com.microsoft.azure.sdk.iot.service.twin.Twin;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * The official Azure IoT service SDK for Java (2.1.9) as an independent client of the emulator over HTTPS, set up
 * as reference/peers.md §1.6 describes: trust the self-signed certificate and use the credential constructor,
 * since connection strings cannot carry a port.
 */
class AzureSdkAcceptanceTest {

    private static IotJobsEmulator emulator;
    private static SSLSocketFactory previousFactory;
    private static ScheduledJobsClient jobs;

    @BeforeAll
    static void start() throws Exception {
        emulator = IotJobsEmulator.builder().https(true).devices(12).tier(Tier.S3).maxActiveJobs(3).start();
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("emulator", CertificateFactory.getInstance("X.509").generateCertificate(
                new ByteArrayInputStream(emulator.certificatePem().orElseThrow().getBytes(StandardCharsets.US_ASCII))));
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        SSLContext ssl = SSLContext.getInstance("TLS");
        ssl.init(null, tmf.getTrustManagers(), null);
        previousFactory = HttpsURLConnection.getDefaultSSLSocketFactory();
        HttpsURLConnection.setDefaultSSLSocketFactory(ssl.getSocketFactory());
        // The SDK signs the token itself; sr=localhost (no port) as in peers.md §1.6.
        String sas = new IotHubServiceSasToken(IotHubConnectionStringBuilder.createIotHubConnectionString(
                "HostName=localhost;SharedAccessKeyName=iothubowner;SharedAccessKey=" + emulator.sharedAccessKey()))
                .toString();
        jobs = new ScheduledJobsClient(emulator.hostAndPort(), new AzureSasCredential(sas));
    }

    @AfterAll
    static void stop() {
        HttpsURLConnection.setDefaultSSLSocketFactory(previousFactory);
        emulator.close();
    }

    @Test
    void scheduleUpdateTwinAndWaitForCompletion() throws Exception {
        Twin patch = new Twin();
        patch.getDesiredProperties().put("firmware", "3.0.0");
        patch.getTags().put("wave", "1");
        ScheduledJob created = jobs.scheduleUpdateTwin("sdk-twin", "tags.building = 'b3'", patch, new Date(), 60);
        assertThat(created.getJobStatus()).isIn(ScheduledJobStatus.queued, ScheduledJobStatus.running,
                ScheduledJobStatus.completed);
        await().atMost(Duration.ofSeconds(10)).until(() -> jobs.get("sdk-twin").getJobStatus()
                == ScheduledJobStatus.completed);
        ScheduledJob done = jobs.get("sdk-twin");
        assertThat(done.getJobType()).isEqualTo(ScheduledJobType.scheduleUpdateTwin);
        assertThat(done.getJobStatistics().getDeviceCount()).isEqualTo(2);
        assertThat(done.getJobStatistics().getSucceededCount()).isEqualTo(2);
        assertThat(done.getEndTime()).isNotNull();
        assertThat(emulator.twin("device-000002").orElseThrow().desired().get("firmware").asText())
                .isEqualTo("3.0.0");
        assertThat(emulator.twin("device-000002").orElseThrow().tags().get("wave").asText()).isEqualTo("1");

        // Per-device rows through the SDK's devices.jobs query (QueryClient path inside ScheduledJobsClient).
        JobQueryResponse rows = jobs.query("SELECT * FROM devices.jobs WHERE devices.jobs.jobId = 'sdk-twin'");
        Set<String> devices = new HashSet<>();
        while (rows.hasNext()) {
            ScheduledJob row = rows.next();
            assertThat(row.getJobStatus()).isEqualTo(ScheduledJobStatus.completed);
            devices.add(row.getDeviceId());
        }
        assertThat(devices).containsExactlyInAnyOrder("device-000002", "device-000007");
    }

    @Test
    void scheduleDirectMethodQueryAndCancel() throws Exception {
        DirectMethodsJobOptions options = DirectMethodsJobOptions.builder().payload("{\"delay\":1}")
                .methodResponseTimeoutSeconds(200).methodConnectTimeoutSeconds(200).maxExecutionTimeSeconds(200)
                .build();
        jobs.scheduleDirectMethod("sdk-method", "deviceId IN ['device-000001', 'device-000002']", "reboot",
                new Date(), options);
        await().atMost(Duration.ofSeconds(10)).until(() -> jobs.get("sdk-method").getJobStatus()
                == ScheduledJobStatus.completed);
        assertThat(jobs.get("sdk-method").getJobStatistics().getSucceededCount()).isEqualTo(2);

        Date future = new Date(System.currentTimeMillis() + 3_600_000L);
        for (String id : new String[] {"sdk-later-1", "sdk-later-2"}) {
            ScheduledJob later = jobs.scheduleDirectMethod(id, "*", "reboot", future, options);
            assertThat(later.getJobStatus()).isEqualTo(ScheduledJobStatus.scheduled);
        }
        Set<String> seen = new HashSet<>();
        JobQueryResponse page = jobs.query(ScheduledJobType.scheduleDeviceMethod, ScheduledJobStatus.scheduled,
                QueryPageOptions.builder().pageSize(1).build());
        while (page.hasNext()) {
            seen.add(page.next().getJobId());
        }
        assertThat(seen).containsExactlyInAnyOrder("sdk-later-1", "sdk-later-2");

        assertThat(jobs.cancel("sdk-later-1").getJobStatus()).isEqualTo(ScheduledJobStatus.cancelled);
        assertThat(jobs.get("sdk-later-1").getJobStatus()).isEqualTo(ScheduledJobStatus.cancelled);
        assertThatThrownBy(() -> jobs.get("no-such-job")).isInstanceOf(IotHubNotFoundException.class);
    }

    @Test
    void throttlingSurfacesAsTooManyRequests() throws Exception {
        emulator.engine().maxActiveJobs(0);
        try {
            assertThatThrownBy(() -> jobs.scheduleDirectMethod("sdk-throttled", "*", "reboot", new Date()))
                    .isInstanceOf(IotHubTooManyRequestsException.class)
                    .hasMessageContaining("ThrottlingMaxActiveJobCountExceeded");
        } finally {
            emulator.engine().maxActiveJobs(3);
        }
    }
}
