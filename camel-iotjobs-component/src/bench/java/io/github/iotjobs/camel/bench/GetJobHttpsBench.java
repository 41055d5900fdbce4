/*
 * Licensed to the Apache Software Foundation (ASF) under one or more contributor license agreements; and to You
 * under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance with the
 * License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.iotjobs.camel.bench;

import java.io.InputStream;
import java.net.SocketException;
import java.net.URL;
import java.security.KeyStore;
import java.time.Duration;
import java.util.Map;

import javax.net.ssl.HttpsURLConnection;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;

import com.azure.core.credential.AzureSasCredential;
import com.microsoft.azure.sdk.iot.service.auth.IotHubConnectionStringBuilder;
import com.microsoft.azure.sdk.iot.service.auth.IotHubServiceSasToken;
import com.microsoft.azure.sdk.iot.service.jobs.ScheduledJobsClient;
import io.github.iotjobs.camel.IotJobsComponent;
import io.github.iotjobs.camel.IotJobsConfiguration;
import io.github.iotjobs.camel.IotJobsConstants;
import io.github.iotjobs.camel.IotJobsTier;
import io.github.iotjobs.camel.model.IotJob;
import io.github.iotjobs.camel.transport.HttpClientFactory;
import io.github.iotjobs.emulator.IotJobsEmulator;
import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.jsse.SSLContextParameters;
import org.apache.camel.support.jsse.TrustManagersParameters;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.core5.http.NoHttpResponseException;
import org.apache.hc.core5.http.io.entity.EntityUtils;

/**
 * Per-call cost of the producer's getJob over HTTPS against the emulator, as a ratio to {@code HttpsURLConnection}
 * (the fastest raw client measured here) making the same request in the same run, with HttpClient 5 alone (the
 * component's pool and TLS settings, no Camel, no parsing) in between to show where the time goes, and the Azure IoT
 * service SDK's {@code ScheduledJobsClient.get} as the other library contender. One call at a time, kept-alive
 * connections, rounds alternating so that drift hits all four equally.
 * <p>
 * Run, after {@code ./mvnw -q -DskipTests install}: {@code ./mvnw -q -P bench -pl camel-iotjobs-component
 * test-compile exec:java -Dexec.mainClass=io.github.iotjobs.camel.bench.GetJobHttpsBench}
 */
public final class GetJobHttpsBench {

    private static final int ROUNDS = 7;
    private static final int CALLS_PER_ROUND = 2_000;

    private GetJobHttpsBench() {
    }

    public static void main(String[] args) throws Exception {
        try (IotJobsEmulator emulator = IotJobsEmulator.builder().devices(10).https(true).noThrottling()
                .start();
             CamelContext context = new DefaultCamelContext()) {
            // One factory: HttpsURLConnection reuses kept-alive connections only for the same socket factory.
            SSLSocketFactory tls = trusting(emulator).getSocketFactory();
            SSLContextParameters parameters = new SSLContextParameters();
            TrustManagersParameters trust = new TrustManagersParameters();
            trust.setTrustManager(trustManager(emulator));
            parameters.setTrustManagers(trust);
            IotJobsConfiguration defaults = context.getComponent("iotjobs", IotJobsComponent.class).getConfiguration();
            defaults.setConnectionString(emulator.connectionString());
            defaults.setBaseUrl(emulator.baseUrl());
            defaults.setSslContextParameters(parameters);
            // Measures the transport, not the quota: a budget large enough never to queue, an emulator that never
            // throttles (its hub quota would answer 429 to thousands of gets a minute).
            defaults.setTier(IotJobsTier.S3);
            defaults.setUnits(200);
            context.start();
            ProducerTemplate template = context.createProducerTemplate();
            template.requestBodyAndHeaders("iotjobs:hub?operation=scheduleTwinUpdate&queryCondition=*",
                    "{\"tags\":{\"ring\":\"bench\"}}", Map.of(IotJobsConstants.JOB_ID, "bench01"));
            String uri = "iotjobs:hub?operation=getJob&jobId=bench01";
            String url = emulator.baseUrl() + "/jobs/v2/bench01?api-version=2021-04-12";
            String sas = emulator.sasToken(Duration.ofHours(2));
            CloseableHttpClient httpClient5 = HttpClientFactory.create(defaults, context);
            // The SDK sends through HttpsURLConnection's default factory and signs its own token (sr=localhost).
            HttpsURLConnection.setDefaultSSLSocketFactory(tls);
            ScheduledJobsClient sdkJobs = new ScheduledJobsClient(emulator.hostAndPort(), new AzureSasCredential(
                    new IotHubServiceSasToken(IotHubConnectionStringBuilder.createIotHubConnectionString(
                            "HostName=localhost;SharedAccessKeyName=iothubowner;SharedAccessKey="
                            + emulator.sharedAccessKey())).toString()));

            Runnable component = () -> {
                IotJob job = template.requestBody(uri, null, IotJob.class);
                if (!"bench01".equals(job.jobId())) {
                    throw new IllegalStateException("unexpected job " + job.jobId());
                }
            };
            Runnable raw = () -> {
                try {
                    HttpsURLConnection connection = (HttpsURLConnection) new URL(url).openConnection();
                    connection.setSSLSocketFactory(tls);
                    connection.setRequestProperty("Authorization", sas);
                    connection.setRequestProperty("Accept", "application/json");
                    try (InputStream body = connection.getInputStream()) {
                        if (connection.getResponseCode() != 200 || body.readAllBytes().length == 0) {
                            throw new IllegalStateException("unexpected response");
                        }
                    }
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            };
            Runnable transport = () -> {
                try {
                    HttpGet get = new HttpGet(url);
                    get.addHeader("Authorization", sas);
                    get.addHeader("Accept", "application/json");
                    byte[] body;
                    try {
                        body = httpClient5.execute(get, response -> EntityUtils.toByteArray(response.getEntity()));
                    } catch (NoHttpResponseException | SocketException closedByTheServer) {
                        // A kept-alive connection the server closed while the other clients ran: as the component
                        // does for a read, send it again on a new one.
                        body = httpClient5.execute(get, response -> EntityUtils.toByteArray(response.getEntity()));
                    }
                    if (body.length == 0) {
                        throw new IllegalStateException("empty body");
                    }
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            };

            Runnable sdk = () -> {
                try {
                    if (!"bench01".equals(sdkJobs.get("bench01").getJobId())) {
                        throw new IllegalStateException("unexpected job");
                    }
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            };

            BenchSupport.microsPerCall(component, CALLS_PER_ROUND * 2);
            BenchSupport.microsPerCall(sdk, CALLS_PER_ROUND * 2);
            BenchSupport.microsPerCall(raw, CALLS_PER_ROUND * 2);
            BenchSupport.microsPerCall(transport, CALLS_PER_ROUND * 2);
            double[] c = new double[ROUNDS];
            double[] r = new double[ROUNDS];
            double[] t = new double[ROUNDS];
            double[] s = new double[ROUNDS];
            for (int round = 0; round < ROUNDS; round++) {
                c[round] = BenchSupport.microsPerCall(component, CALLS_PER_ROUND);
                r[round] = BenchSupport.microsPerCall(raw, CALLS_PER_ROUND);
                t[round] = BenchSupport.microsPerCall(transport, CALLS_PER_ROUND);
                s[round] = BenchSupport.microsPerCall(sdk, CALLS_PER_ROUND);
            }
            double componentMedian = BenchSupport.median(c);
            double rawMedian = BenchSupport.median(r);
            double transportMedian = BenchSupport.median(t);
            double sdkMedian = BenchSupport.median(s);
            System.out.printf("getJob via iotjobs producer over HTTPS: %.1f us/call (median of %d rounds x %d)%n",
                    componentMedian, ROUNDS, CALLS_PER_ROUND);
            System.out.printf("same GET via HttpsURLConnection: %.1f us/call%n", rawMedian);
            System.out.printf("same GET via HttpClient 5 alone (component's pool and TLS): %.1f us/call (%.2fx raw)%n",
                    transportMedian, transportMedian / rawMedian);
            System.out.printf("same get via the Azure IoT service SDK (ScheduledJobsClient): %.1f us/call"
                              + " (%.2fx raw)%n", sdkMedian, sdkMedian / rawMedian);
            System.out.printf("ratio producer / HttpsURLConnection: %.2f (goal <= 1.10); of it HttpClient 5 %.2f,"
                              + " Camel, SAS, budget and parsing %.2f%n", componentMedian / rawMedian,
                    transportMedian / rawMedian, (componentMedian - transportMedian) / rawMedian);
            System.out.printf("ratio producer / Azure SDK: %.2f (goal < 1)%n", componentMedian / sdkMedian);
            httpClient5.close();
        }
    }

    private static TrustManager trustManager(IotJobsEmulator emulator) throws Exception {
        KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
        store.load(null, null);
        store.setCertificateEntry("emulator", emulator.certificate().orElseThrow());
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(store);
        return factory.getTrustManagers()[0];
    }

    private static SSLContext trusting(IotJobsEmulator emulator) throws Exception {
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(null, new TrustManager[] { trustManager(emulator) }, null);
        return tls;
    }

}
