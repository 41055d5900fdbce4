/*
 * Licensed to the Apache Software Foundation (ASF) under one or more contributor license agreements; and to You
 * under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance with the
 * License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.iotjobs.emulator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import io.github.iotjobs.emulator.auth.SasValidator;
import io.github.iotjobs.emulator.central.CentralApi;
import io.github.iotjobs.emulator.central.CentralAuth;
import io.github.iotjobs.emulator.central.CentralEngine;
import io.github.iotjobs.emulator.engine.JobEngine;
import io.github.iotjobs.emulator.engine.MethodBehavior;
import io.github.iotjobs.emulator.engine.MethodSimulator;
import io.github.iotjobs.emulator.fleet.DeviceTwin;
import io.github.iotjobs.emulator.fleet.Fleet;
import io.github.iotjobs.emulator.fleet.FleetFile;
import io.github.iotjobs.emulator.fleet.FleetGenerator;
import io.github.iotjobs.emulator.http.EmulatorServer;
import io.github.iotjobs.emulator.http.Fault;
import io.github.iotjobs.emulator.http.FaultInjector;
import io.github.iotjobs.emulator.http.Handler;
import io.github.iotjobs.emulator.http.SelfSignedCertificate;
import io.github.iotjobs.emulator.hub.HubApi;
import io.github.iotjobs.emulator.manager.ManagerApi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running emulator: the fleet, the job engine and the HTTP(S) server with the IoT Hub jobs API. Start one with
 * {@link #builder()}; close it to stop the server and the ticker.
 */
public final class IotJobsEmulator implements AutoCloseable {

    public static final String POLICY = "iothubowner";

    private static final Logger LOG = LoggerFactory.getLogger(IotJobsEmulator.class);

    private final Fleet fleet;
    private final JobEngine engine;
    private final CentralEngine central;
    private final CentralAuth centralAuth;
    private final String apiToken;
    private final MethodSimulator methods;
    private final FaultInjector faults;
    private final EmulatorServer server;
    private final ScheduledExecutorService ticker;
    private final SelfSignedCertificate certificate;
    private final String host;
    private final String sharedAccessKey;
    private final Clock clock;

    private IotJobsEmulator(Builder b) throws IOException {
        this.clock = b.clock;
        this.host = b.host;
        this.sharedAccessKey = b.sharedAccessKey != null ? b.sharedAccessKey : randomKey();
        this.fleet = new Fleet();
        if (b.fleetFile != null) {
            FleetFile.load(fleet, b.fleetFile);
        }
        FleetGenerator.generate(fleet, b.devices, b.offlineFraction, b.seed);
        this.methods = new MethodSimulator(b.seed);
        b.methods.forEach(methods::define);
        if (b.defaultMethod != null) {
            methods.defineDefault(b.defaultMethod);
        }
        this.engine = new JobEngine(fleet, clock, methods, b.maxActiveJobs != null ? b.maxActiveJobs
                : b.tier.maxConcurrentJobs());
        this.faults = new FaultInjector();
        // A set, not Set.of: host may itself be localhost or 127.0.0.1.
        SasValidator sas = b.authentication ? new SasValidator(Map.of(POLICY, sharedAccessKey),
                new HashSet<>(List.of("localhost", "127.0.0.1", host.toLowerCase(Locale.ROOT))), clock) : null;
        List<Handler> handlers = new ArrayList<>();
        handlers.add(new HubApi(fleet, engine, sas, clock));
        this.central = new CentralEngine(fleet, clock);
        this.centralAuth = new CentralAuth("iotjobs-emulator", sharedAccessKey.getBytes(StandardCharsets.UTF_8), clock);
        this.apiToken = centralAuth.token(Duration.ofDays(365));
        handlers.add(new CentralApi(central, b.authentication ? centralAuth : null, clock, b.https));
        handlers.add(new ManagerApi(fleet, engine, clock));
        this.certificate = b.https ? SelfSignedCertificate.generate() : null;
        this.server = new EmulatorServer(b.bindAddress, b.port, certificate, handlers, faults);
        if (b.autoTick) {
            ticker = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "iotjobs-emulator-engine");
                t.setDaemon(true);
                return t;
            });
            ticker.scheduleWithFixedDelay(this::safeTick, 0, b.tickInterval.toMillis(), TimeUnit.MILLISECONDS);
        } else {
            ticker = null;
        }
        LOG.info("IoT jobs emulator serving {} with {} devices", baseUrl(), fleet.size());
    }

    public static Builder builder() {
        return new Builder();
    }

    private void safeTick() {
        try {
            engine.tick();
            central.tick();
        } catch (RuntimeException e) {
            LOG.warn("Job engine tick failed", e);
        }
    }

    private static String randomKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }

    public int port() {
        return server.port();
    }

    /** e.g. http://127.0.0.1:PORT (https://localhost:PORT in HTTPS mode, matching the certificate). */
    public String baseUrl() {
        return (certificate != null ? "https://" : "http://") + hostAndPort();
    }

    /** host:port as it appears in the connection string and in the SAS audience. */
    public String hostAndPort() {
        return host + ":" + port();
    }

    /** HostName=host:PORT;SharedAccessKeyName=iothubowner;SharedAccessKey=... */
    public String connectionString() {
        return "HostName=" + hostAndPort() + ";SharedAccessKeyName=" + POLICY + ";SharedAccessKey="
                + sharedAccessKey;
    }

    public String sharedAccessKey() {
        return sharedAccessKey;
    }

    /** A valid SAS token for the iothubowner policy, valid for the given time. */
    public String sasToken(Duration validity) {
        return SasValidator.token(host, POLICY, sharedAccessKey, clock.instant().plus(validity).getEpochSecond());
    }

    /**
     * The IoT Central API token (SharedAccessSignature sr=...&amp;sig=...&amp;skn=operator-token&amp;se=MILLIS), issued once at
     * start and valid for a year.
     */
    public String apiToken() {
        return apiToken;
    }

    /** A fresh IoT Central API token valid for the given time from the emulator clock's now. */
    public String apiToken(Duration validity) {
        return centralAuth.token(validity);
    }

    /** The IoT Central device groups, jobs and scheduled jobs. */
    public CentralEngine central() {
        return central;
    }

    /** The self-signed certificate in HTTPS mode, as PEM; empty in HTTP mode. */
    public Optional<String> certificatePem() {
        return Optional.ofNullable(certificate).map(SelfSignedCertificate::pem);
    }

    public Optional<X509Certificate> certificate() {
        return Optional.ofNullable(certificate).map(SelfSignedCertificate::certificate);
    }

    /** Reads a twin as it is now. */
    public Optional<DeviceTwin> twin(String deviceId) {
        return fleet.twin(deviceId);
    }

    public Fleet fleet() {
        return fleet;
    }

    public JobEngine engine() {
        return engine;
    }

    public Clock clock() {
        return clock;
    }

    /** Runs all job work due at the clock's current time, synchronously. */
    public void tick() {
        engine.tick();
        central.tick();
    }

    /** Moves a {@link ManualClock} forward, then ticks. */
    public void advance(Duration duration) {
        if (!(clock instanceof ManualClock manual)) {
            throw new IllegalStateException("advance() needs the emulator to be built with a ManualClock");
        }
        manual.advance(duration);
        tick();
    }

    public void setConnected(String deviceId, boolean connected) {
        fleet.setConnected(deviceId, connected);
    }

    public void method(String methodName, MethodBehavior behavior) {
        methods.define(methodName, behavior);
    }

    public void defaultMethod(MethodBehavior behavior) {
        methods.defineDefault(behavior);
    }

    public void injectFault(Fault fault) {
        faults.add(fault);
    }

    public void clearFaults() {
        faults.clear();
    }

    @Override
    public void close() {
        if (ticker != null) {
            ticker.shutdownNow();
        }
        server.close();
    }

    /** Configures and starts an emulator. Defaults: port 0 (free), no devices, S3 tier, HTTP, SAS required. */
    public static final class Builder {
        private int port;
        private int devices;
        private Path fleetFile;
        private Clock clock = Clock.systemUTC();
        private Tier tier = Tier.S3;
        private Integer maxActiveJobs;
        private boolean https;
        private String host = "127.0.0.1";
        private String bindAddress = "127.0.0.1";
        private String sharedAccessKey;
        private boolean authentication = true;
        private double offlineFraction;
        private long seed = 42;
        private boolean autoTick = true;
        private Duration tickInterval = Duration.ofMillis(10);
        private final Map<String, MethodBehavior> methods = new LinkedHashMap<>();
        private MethodBehavior defaultMethod;

        public Builder port(int value) {
            port = value;
            return this;
        }

        /** Generates N devices with varied tags (building, floor, model, firmware, region). */
        public Builder devices(int count) {
            devices = count;
            return this;
        }

        /** Loads devices from a JSON fleet file (in addition to generated ones). */
        public Builder fleetFile(Path file) {
            fleetFile = file;
            return this;
        }

        public Builder clock(Clock value) {
            clock = value;
            return this;
        }

        public Builder tier(Tier value) {
            tier = value;
            return this;
        }

        /** Overrides the tier's concurrent-job limit. */
        public Builder maxActiveJobs(int value) {
            maxActiveJobs = value;
            return this;
        }

        /** Serves HTTPS with a self-signed certificate for localhost and 127.0.0.1; the host becomes localhost. */
        public Builder https(boolean value) {
            https = value;
            if (value && host.equals("127.0.0.1")) {
                host = "localhost";
            }
            return this;
        }

        /** The host name used in baseUrl() and connectionString(): localhost or 127.0.0.1. */
        public Builder host(String value) {
            host = value;
            return this;
        }

        public Builder sharedAccessKey(String base64Key) {
            sharedAccessKey = base64Key;
            return this;
        }

        /** Turns SAS validation off (e.g. for quick manual experiments). */
        public Builder authentication(boolean value) {
            authentication = value;
            return this;
        }

        /** Fraction (0..1) of generated devices that are offline and fail method jobs. */
        public Builder offlineFraction(double value) {
            offlineFraction = value;
            return this;
        }

        public Builder seed(long value) {
            seed = value;
            return this;
        }

        /** Whether a background ticker drives the engine (default true); tests with a ManualClock may turn it off. */
        public Builder autoTick(boolean value) {
            autoTick = value;
            return this;
        }

        public Builder tickInterval(Duration value) {
            tickInterval = value;
            return this;
        }

        public Builder method(String methodName, MethodBehavior behavior) {
            methods.put(methodName, behavior);
            return this;
        }

        public Builder defaultMethod(MethodBehavior behavior) {
            defaultMethod = behavior;
            return this;
        }

        public IotJobsEmulator start() {
            try {
                return new IotJobsEmulator(this);
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot start the emulator", e);
            }
        }
    }
}
