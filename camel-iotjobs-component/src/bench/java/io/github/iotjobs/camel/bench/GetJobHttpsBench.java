/*
 * Licensed to the Apache Software Foundation (ASF) under one or more contributor license agreements; and to You
 * under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance with the
 * License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.iotjobs.camel.bench;

import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.net.SocketException;
import java.net.URL;
import java.security.KeyStore;
import java.time.Duration;
import java.util.List;
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
import io.github.iotjobs.camel.IotJobsEndpoint;
import io.github.iotjobs.camel.IotJobsTier;
import io.github.iotjobs.camel.client.JobsClient;
import io.github.iotjobs.camel.model.IotJob;
import io.github.iotjobs.camel.transport.HttpClientFactory;
import io.github.iotjobs.emulator.IotJobsEmulator;
import org.apache.camel.CamelContext;
import org.apache.camel.Endpoint;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.jsse.SSLContextParameters;
import org.apache.camel.support.jsse.TrustManagersParameters;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.client5.http.ssl.DefaultClientTlsStrategy;
import org.apache.hc.core5.http.NoHttpResponseException;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.util.Timeout;

/**
 * Per-call cost of the producer's getJob over HTTPS against the emulator, as a ratio to {@code HttpsURLConnection}
 * (the fastest raw client measured here) making the same request in the same run. In between, to show where the time
 * goes: HttpClient 5 as the component builds it (no Camel, no parsing), HttpClient 5 with its full execution chain
 * (redirects, compression, authentication, route tracking) on the same pool, and the component's client layer
 * ({@code JobsClient.getJob}: SAS token, request budget, JSON parsing, no Camel). The producer is measured as a route
 * calls it (endpoint resolved once) and by endpoint URI (the ProducerTemplate resolves it on every call). The Azure IoT
 * service SDK's {@code ScheduledJobsClient.get} is the other library contender.
 * <p>
 * Fair to the baseline: one call at a time on one kept-alive connection each (TLS 1.3, same cipher), warmed up, the
 * raw client with the component's connect and read timeouts (a read with a timeout costs two more system calls than a
 * blocking one; the raw client without them is shown too). The machine may be shared: many short rounds, the order of
 * the contenders rotating from round to round, so that a change of load hits every contender alike; each ratio is the
 * median of the per-round ratios, and the load average is printed with the figures.
 * <p>
 * Run, after {@code ./mvnw -q -DskipTests install}: {@code ./mvnw -q -P bench -pl camel-iotjobs-component
 * test-compile exec:java -Dexec.mainClass=io.github.iotjobs.camel.bench.GetJobHttpsBench}
 */
public final class GetJobHttpsBench {

    private static final int WARM_UP_CALLS = 3_000;
    private static final int ROUNDS = 201;
    private static final int CALLS_PER_ROUND = 50;
    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    private GetJobHttpsBench() {
    }

    /** One way of making the call, and what each round of it cost. */
    private record Contender(String name, Runnable call, double[] micros, double[] cpuMicros, double[] bytes) {
        Contender(String name, Runnable call) {
            this(name, call, new double[ROUNDS], new double[ROUNDS], new double[ROUNDS]);
        }

        void round(int round, int calls) {
            long cpu = THREADS.getCurrentThreadCpuTime();
            long allocated = THREADS.getCurrentThreadAllocatedBytes();
            micros[round] = BenchSupport.microsPerCall(call, calls);
            cpuMicros[round] = (THREADS.getCurrentThreadCpuTime() - cpu) / 1_000.0 / calls;
            bytes[round] = (THREADS.getCurrentThreadAllocatedBytes() - allocated) / (double) calls;
        }

        /** The median over the rounds of this contender's time over the baseline's in the same round. */
        double ratioTo(Contender baseline) {
            return medianRatio(micros, baseline.micros);
        }

        /** The same for the calling thread's CPU time, which a busy machine inflates less than the elapsed time. */
        double cpuRatioTo(Contender baseline) {
            return medianRatio(cpuMicros, baseline.cpuMicros);
        }

        private static double medianRatio(double[] values, double[] baseline) {
            double[] ratios = new double[ROUNDS];
            for (int round = 0; round < ROUNDS; round++) {
                ratios[round] = values[round] / baseline[round];
            }
            return BenchSupport.median(ratios);
        }
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
            Endpoint endpoint = context.getEndpoint(uri);
            JobsClient jobsClient = context.getEndpoint(uri, IotJobsEndpoint.class).getClient();
            String url = emulator.baseUrl() + "/jobs/v2/bench01?api-version=2021-04-12";
            String sas = emulator.sasToken(Duration.ofHours(2));
            CloseableHttpClient httpClient5 = HttpClientFactory.create(defaults, context);
            CloseableHttpClient fullChain = fullChain(defaults, trusting(emulator));
            // The SDK sends through HttpsURLConnection's default factory and signs its own token (sr=localhost).
            HttpsURLConnection.setDefaultSSLSocketFactory(tls);
            ScheduledJobsClient sdkJobs = new ScheduledJobsClient(emulator.hostAndPort(), new AzureSasCredential(
                    new IotHubServiceSasToken(IotHubConnectionStringBuilder.createIotHubConnectionString(
                            "HostName=localhost;SharedAccessKeyName=iothubowner;SharedAccessKey="
                            + emulator.sharedAccessKey())).toString()));

            Contender raw = new Contender("HttpsURLConnection, the component's timeouts", () -> rawGet(url, sas, tls,
                    (int) defaults.getConnectTimeout(), (int) defaults.getResponseTimeout()));
            Contender rawUntimed = new Contender("HttpsURLConnection, no timeouts", () -> rawGet(url, sas, tls, 0, 0));
            Contender transport = new Contender("HttpClient 5 as the component builds it", () -> get(httpClient5,
                    url, sas));
            Contender chain = new Contender("HttpClient 5 with the full execution chain", () -> get(fullChain, url,
                    sas));
            Contender client = new Contender("client layer (JobsClient.getJob: SAS, budget, JSON)", () -> {
                try {
                    expect(jobsClient.getJob("bench01"));
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            Contender producer = new Contender("producer as a route calls it (endpoint resolved once)",
                    () -> expect(template.requestBody(endpoint, null, IotJob.class)));
            Contender producerByUri = new Contender("producer by endpoint URI (resolved on every call)",
                    () -> expect(template.requestBody(uri, null, IotJob.class)));
            Contender sdk = new Contender("Azure IoT service SDK (ScheduledJobsClient.get)", () -> {
                try {
                    if (!"bench01".equals(sdkJobs.get("bench01").getJobId())) {
                        throw new IllegalStateException("unexpected job");
                    }
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            List<Contender> contenders = List.of(raw, rawUntimed, transport, chain, client, producer, producerByUri,
                    sdk);

            double loadBefore = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
            for (Contender contender : contenders) {
                BenchSupport.microsPerCall(contender.call(), WARM_UP_CALLS);
            }
            for (int round = 0; round < ROUNDS; round++) {
                for (int i = 0; i < contenders.size(); i++) {
                    contenders.get((round + i) % contenders.size()).round(round, CALLS_PER_ROUND);
                }
            }
            double loadAfter = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();

            System.out.printf("getJob over HTTPS against the emulator, %d rounds x %d calls, contenders rotating;"
                              + " load average %.1f before, %.1f after (%d cores)%n", ROUNDS, CALLS_PER_ROUND,
                    loadBefore, loadAfter, Runtime.getRuntime().availableProcessors());
            System.out.printf("  %-56s %8s %6s %11s %6s %10s%n", "", "us/call", "x raw", "CPU us/call", "x raw",
                    "bytes/call");
            for (Contender contender : contenders) {
                System.out.printf("  %-56s %8.1f %6.2f %11.1f %6.2f %10.0f%n", contender.name(),
                        BenchSupport.median(contender.micros()), contender.ratioTo(raw),
                        BenchSupport.median(contender.cpuMicros()), contender.cpuRatioTo(raw),
                        BenchSupport.median(contender.bytes()));
            }
            System.out.println("  (CPU: the calling thread's, system calls included; bytes: allocated by it)");
            double ratio = producer.ratioTo(raw);
            System.out.printf("ratio producer / HttpsURLConnection: %.2f (goal <= 1.10); of it HttpClient 5 %.2f,"
                              + " client layer (SAS, budget, JSON) %+.2f, Camel %+.2f%n", ratio, transport.ratioTo(raw),
                    client.ratioTo(raw) - transport.ratioTo(raw), ratio - client.ratioTo(raw));
            double cpuRatio = producer.cpuRatioTo(raw);
            System.out.printf("calling thread's CPU, producer / HttpsURLConnection: %.2f; of it HttpClient 5 %.2f,"
                              + " client layer %+.2f, Camel %+.2f%n", cpuRatio, transport.cpuRatioTo(raw),
                    client.cpuRatioTo(raw) - transport.cpuRatioTo(raw), cpuRatio - client.cpuRatioTo(raw));
            System.out.printf("ratio producer / HttpsURLConnection without timeouts: %.2f; by endpoint URI: %.2f%n",
                    producer.ratioTo(rawUntimed), producerByUri.ratioTo(raw));
            System.out.printf("ratio producer / Azure SDK: %.2f (goal < 1)%n", producer.ratioTo(sdk));
            httpClient5.close();
            fullChain.close();
        }
    }

    private static void expect(IotJob job) {
        if (!"bench01".equals(job.jobId())) {
            throw new IllegalStateException("unexpected job " + job.jobId());
        }
    }

    private static void rawGet(String url, String sas, SSLSocketFactory tls, int connectTimeout, int readTimeout) {
        try {
            HttpsURLConnection connection = (HttpsURLConnection) new URL(url).openConnection();
            connection.setSSLSocketFactory(tls);
            connection.setConnectTimeout(connectTimeout);
            connection.setReadTimeout(readTimeout);
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
    }

    private static void get(CloseableHttpClient client, String url, String sas) {
        try {
            HttpGet get = new HttpGet(url);
            get.addHeader("Authorization", sas);
            get.addHeader("Accept", "application/json");
            byte[] body;
            try {
                body = client.execute(get, response -> EntityUtils.toByteArray(response.getEntity()));
            } catch (NoHttpResponseException | SocketException closedByTheServer) {
                // A kept-alive connection the server closed while the other clients ran: as the component does for
                // a read, send it again on a new one.
                body = client.execute(get, response -> EntityUtils.toByteArray(response.getEntity()));
            }
            if (body.length == 0) {
                throw new IllegalStateException("empty body");
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** HttpClient 5's default execution chain on a pool set up as the component's. */
    private static CloseableHttpClient fullChain(IotJobsConfiguration configuration, SSLContext tls) {
        return HttpClients.custom()
                .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
                        .setDefaultConnectionConfig(ConnectionConfig.custom()
                                .setConnectTimeout(Timeout.ofMilliseconds(configuration.getConnectTimeout()))
                                .setSocketTimeout(Timeout.ofMilliseconds(configuration.getResponseTimeout()))
                                .build())
                        .setTlsSocketStrategy(new DefaultClientTlsStrategy(tls))
                        .build())
                .disableAutomaticRetries()
                .disableCookieManagement()
                .build();
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
