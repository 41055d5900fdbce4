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
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import io.github.iotjobs.emulator.admin.AdminApi;
import io.github.iotjobs.emulator.agent.AgentSettings;
import io.github.iotjobs.emulator.agent.DeviceAgents;
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
import io.github.iotjobs.emulator.quota.Quotas;
import io.github.iotjobs.emulator.quota.Rate;
import io.github.iotjobs.emulator.quota.ThrottleClass;
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
    private final Quotas quotas;
    private final DeviceAgents agents;

    private IotJobsEmulator(Builder b) throws IOException {
        this.clock = b.clock;
        this.host = b.host;
        this.sharedAccessKey = b.sharedAccessKey != null ? b.sharedAccessKey : randomKey();
        this.fleet = new Fleet(clock, b.indexLag);
        if (b.fleetFile != null) {
            FleetFile.load(fleet, b.fleetFile);
        }
        FleetGenerator.generate(fleet, b.devices, b.offlineFraction, b.seed);
        this.methods = new MethodSimulator(b.seed);
        b.methods.forEach(methods::define);
        if (b.defaultMethod != null) {
            methods.defineDefault(b.defaultMethod);
        }
        this.quotas = new Quotas(b.rates(), clock);
        this.agents = new DeviceAgents(fleet, clock, new AgentSettings(b.reportLatency, b.neverConverging,
                b.rebootMethod, b.rebootOffline, b.seed));
        this.engine = new JobEngine(fleet, clock, methods, b.maxActiveJobs(), quotas, b.indexLag, agents);
        this.faults = new FaultInjector();
        // A set, not Set.of: host may itself be localhost or 127.0.0.1.
        SasValidator sas = b.authentication ? new SasValidator(Map.of(POLICY, sharedAccessKey),
                new HashSet<>(List.of("localhost", "127.0.0.1", host.toLowerCase(Locale.ROOT))), clock) : null;
        List<Handler> handlers = new ArrayList<>();
        handlers.add(new HubApi(fleet, engine, sas, clock, quotas));
        this.central = new CentralEngine(fleet, clock);
        this.centralAuth = new CentralAuth("iotjobs-emulator", sharedAccessKey.getBytes(StandardCharsets.UTF_8), clock);
        this.apiToken = centralAuth.token(Duration.ofDays(365));
        handlers.add(new CentralApi(central, b.authentication ? centralAuth : null, clock, b.https));
        handlers.add(new ManagerApi(fleet, engine, clock));
        handlers.add(new AdminApi(quotas, faults, methods, fleet, engine, clock,
                clock instanceof ManualClock ? this::advance : null));
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

    /** The ticker's pass: a failure of any kind is logged and the next pass runs as usual. */
    private void safeTick() {
        try {
            tick();
        } catch (RuntimeException | Error e) {
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
        agents.tick();
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

    /** Requests admitted and throttled per quota class, as GET /_emulator/stats answers them. */
    public long requests(ThrottleClass throttleClass) {
        return quotas.requests(throttleClass);
    }

    public long throttled(ThrottleClass throttleClass) {
        return quotas.throttled(throttleClass);
    }

    /** The quota of a class, or empty when it is not limited. */
    public Optional<Rate> quota(ThrottleClass throttleClass) {
        return Optional.ofNullable(quotas.rate(throttleClass));
    }

    /** Sets the request and throttled counters back to zero (DELETE /_emulator/stats). */
    public void resetStats() {
        quotas.resetCounters();
    }

    /** Whether the device agent of this device never reports desired changes back. */
    public boolean neverConverges(String deviceId) {
        return agents.neverConverges(deviceId);
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

    /**
     * Configures and starts an emulator. Defaults: port 0 (free), no devices, tier S1 with 1 unit and its quotas on,
     * index lag zero, devices that do not report desired changes, HTTP, SAS required.
     */
    public static final class Builder {
        private int port;
        private int devices;
        private Path fleetFile;
        private Clock clock = Clock.systemUTC();
        private Tier tier = Tier.S1;
        private int units = 1;
        private boolean throttling = true;
        private final Map<ThrottleClass, Rate> throttleOverrides = new EnumMap<>(ThrottleClass.class);
        private Duration indexLag = Duration.ZERO;
        private Duration reportLatency;
        private double neverConverging;
        private String rebootMethod = AgentSettings.DEFAULT_REBOOT_METHOD;
        private Duration rebootOffline = Duration.ZERO;
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

        /** The hub's tier: its concurrent-job limit and its jobs, queries and deviceOps quotas (default S1). */
        public Builder tier(Tier value) {
            tier = value;
            return this;
        }

        /** The tier by name: FREE, S1, S2 or S3. */
        public Builder tier(String name) {
            return tier(Tier.parse(name));
        }

        /** The hub's units (default 1): the per-unit quotas grow with them. */
        public Builder units(int value) {
            if (value < 1) {
                throw new IllegalArgumentException("units must be at least 1");
            }
            units = value;
            return this;
        }

        /**
         * Sets one class' quota for the whole hub, whatever the tier and units: {@code throttle("queries", "5/min")};
         * classes {@code jobs}, {@code queries}, {@code deviceOps}; rates {@code N/sec} or {@code N/min}.
         */
        public Builder throttle(String throttleClass, String rate) {
            throttleOverrides.put(ThrottleClass.parse(throttleClass), Rate.parse(rate));
            return this;
        }

        /**
         * Lifts every quota (jobs, queries, deviceOps) and the tier's concurrent-job limit; {@link #throttle} and
         * {@link #maxActiveJobs} still set what they name.
         */
        public Builder noThrottling() {
            throttling = false;
            return this;
        }

        /** Overrides the concurrent-job limit (of the tier, or lifted by noThrottling). */
        public Builder maxActiveJobs(int value) {
            maxActiveJobs = value;
            return this;
        }

        /**
         * How far the devices.jobs index and twin queries lag behind (default zero): they show each row and twin as
         * it was this long ago; GET /jobs/v2/{id} stays current.
         */
        public Builder indexLag(Duration value) {
            if (value == null || value.isNegative()) {
                throw new IllegalArgumentException("indexLag must be zero or positive");
            }
            indexLag = value;
            return this;
        }

        /** Device agents report a desired-property change in properties.reported this long after it (default: never). */
        public Builder reportLatency(Duration value) {
            if (value == null || value.isNegative()) {
                throw new IllegalArgumentException("reportLatency must be zero or positive");
            }
            reportLatency = value;
            return this;
        }

        /** Share (0..1) of devices whose agent never reports desired changes back (chosen by device id and seed). */
        public Builder neverConverging(double share) {
            if (share < 0 || share > 1) {
                throw new IllegalArgumentException("neverConverging must be within 0..1");
            }
            neverConverging = share;
            return this;
        }

        /** After answering {@code methodName} successfully a device goes offline for {@code offline}. */
        public Builder rebootOffline(String methodName, Duration offline) {
            if (methodName == null || methodName.isBlank() || offline == null || offline.isNegative()) {
                throw new IllegalArgumentException("rebootOffline needs a method name and a non-negative duration");
            }
            rebootMethod = methodName;
            rebootOffline = offline;
            return this;
        }

        /** The same with the method named "reboot". */
        public Builder rebootOffline(Duration offline) {
            return rebootOffline(AgentSettings.DEFAULT_REBOOT_METHOD, offline);
        }

        Map<ThrottleClass, Rate> rates() {
            Map<ThrottleClass, Rate> rates = new EnumMap<>(ThrottleClass.class);
            if (throttling) {
                rates.putAll(tier.rates(units));
            }
            rates.putAll(throttleOverrides);
            return rates;
        }

        int maxActiveJobs() {
            return maxActiveJobs != null ? maxActiveJobs : throttling ? tier.maxConcurrentJobs() : Integer.MAX_VALUE;
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
