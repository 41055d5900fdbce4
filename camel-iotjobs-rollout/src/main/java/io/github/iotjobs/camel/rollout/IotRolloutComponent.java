/*
 * Licensed to the Apache Software Foundation (ASF) under one or more contributor license agreements; and to You
 * under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance with the
 * License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.iotjobs.camel.rollout;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;

import javax.sql.DataSource;

import io.github.iotjobs.camel.IotJobsEndpoint;
import io.github.iotjobs.camel.IotJobsTier;
import io.github.iotjobs.camel.client.JobsClientFactory;
import io.github.iotjobs.camel.rollout.engine.RolloutEvents;
import io.github.iotjobs.camel.rollout.engine.RolloutOrchestrator;
import io.github.iotjobs.camel.rollout.governor.HubGovernor;
import io.github.iotjobs.camel.rollout.governor.HubGovernors;
import io.github.iotjobs.camel.rollout.port.ClientRolloutJobs;
import io.github.iotjobs.camel.rollout.port.HubJobsBudget;
import io.github.iotjobs.camel.rollout.port.HubTwinQueries;
import io.github.iotjobs.camel.rollout.port.RolloutJobs;
import io.github.iotjobs.camel.rollout.port.TargetHubs;
import io.github.iotjobs.camel.rollout.stage.HubTier;
import io.github.iotjobs.camel.rollout.store.FileRolloutStore;
import io.github.iotjobs.camel.rollout.store.JdbcRolloutStore;
import io.github.iotjobs.camel.rollout.store.RolloutStore;
import org.apache.camel.CamelContext;
import org.apache.camel.Endpoint;
import org.apache.camel.spi.Metadata;
import org.apache.camel.spi.annotations.Component;
import org.apache.camel.support.DefaultComponent;
import org.apache.camel.support.LifecycleStrategySupport;
import org.apache.camel.support.cluster.ClusterServiceHelper;
import org.apache.camel.support.service.ServiceHelper;

/**
 * The {@code iotrollout} component: one orchestrator per component, over one hub (the {@code jobsEndpoint}), keeping
 * its rollouts in one store.
 */
@Component("iotrollout")
public class IotRolloutComponent extends DefaultComponent {

    @Metadata(defaultValue = "iotjobs:hub",
              description = "The iotjobs endpoint whose platform the rollouts run on (its connection options come"
                            + " from the iotjobs component or the URI).")
    private String jobsEndpoint = "iotjobs:hub";
    @Metadata(description = "The hub's tier: its concurrent-job limit and quotas pace the rollouts and their"
                            + " previews. Unset: the tier of the jobsEndpoint (whose request budget every call of the"
                            + " orchestrator goes through).")
    private HubTier tier;
    @Metadata(description = "The hub's units; quotas scale with them. Unset (0): the units of the jobsEndpoint.")
    private int units;
    private HubTier hubTier;
    private int hubUnits;
    @Metadata(defaultValue = "10000", javaType = "java.time.Duration",
              description = "How often the orchestrator reads each running rollout's jobs (milliseconds, or a"
                            + " duration such as 5s).")
    private long pollInterval = 10_000;
    @Metadata(defaultValue = "iotrollout",
              description = "The directory of the default file store, when no store is set.")
    private String storeDirectory = "iotrollout";
    @Metadata(label = "advanced", autowired = true,
              description = "Where rollouts are kept: a FileRolloutStore (default), a JdbcRolloutStore for clusters,"
                            + " or your own.")
    private RolloutStore store;
    @Metadata(label = "advanced",
              description = "A database for the rollouts (a JdbcRolloutStore on it), shared by the nodes of a"
                            + " cluster; the same DataSource as JdbcStateRepository's will do.")
    private DataSource dataSource;
    @Metadata(label = "advanced", description = "The clock stage timeouts are measured with.")
    private Clock clock = Clock.systemUTC();

    private static final long STOP_TIMEOUT_MILLIS = 10_000;

    private final RolloutEvents events = new RolloutEvents();
    private boolean stopHookAdded;
    private RolloutOrchestrator orchestrator;
    private ScheduledExecutorService executor;
    private HubTwinQueries twinQueries;
    private EndpointApprovalGate approvals;

    @Override
    protected Endpoint createEndpoint(String uri, String remaining, Map<String, Object> parameters) throws Exception {
        IotRolloutEndpoint endpoint = new IotRolloutEndpoint(uri, this);
        endpoint.setRolloutId(remaining == null || remaining.isBlank() || remaining.equals("*") ? null : remaining);
        setProperties(endpoint, parameters);
        return endpoint;
    }

    /** The orchestrator, started on first use: the store, the hub port and Camel's scheduler. */
    synchronized RolloutOrchestrator orchestrator() {
        if (orchestrator == null) {
            Endpoint endpoint = getCamelContext().getEndpoint(jobsEndpoint);
            if (!(endpoint instanceof IotJobsEndpoint jobs)) {
                throw new IllegalArgumentException("jobsEndpoint must be an iotjobs endpoint, not " + jobsEndpoint);
            }
            ServiceHelper.startService(jobs);
            IotJobsTier jobsTier = jobs.getConfiguration().getTier();
            hubTier = tier != null ? tier
                    : jobsTier == null ? HubTier.S1
                    : jobsTier == IotJobsTier.FREE ? HubTier.F1 : HubTier.valueOf(jobsTier.name());
            hubUnits = units > 0 ? units : Math.max(1, jobs.getConfiguration().getUnits());
            twinQueries = twinQueries(jobs);
            RolloutJobs port = new ClientRolloutJobs(jobs.getClient(), twinQueries);
            RolloutStore rolloutStore = store != null ? store
                    : dataSource != null ? new JdbcRolloutStore(dataSource)
                    : new FileRolloutStore(Path.of(storeDirectory));
            executor = getCamelContext().getExecutorServiceManager().newScheduledThreadPool(this, "iotrollout", 2);
            orchestrator = new RolloutOrchestrator(rolloutStore, port, events, clock, governor(jobs),
                    HubJobsBudget.createAllowed(jobs), executor, Duration.ofMillis(pollInterval),
                    ClusterServiceHelper.lookupService(getCamelContext()).orElse(null),
                    approvals = new EndpointApprovalGate(getCamelContext()));
            orchestrator.targets(new TargetHubs(getCamelContext()));
            orchestrator.start();
            if (!stopHookAdded) {
                // Stop stepping before the context stops routes and endpoints (the hub client's connection pool).
                getCamelContext().addLifecycleStrategy(new LifecycleStrategySupport() {
                    @Override
                    public void onContextStopping(CamelContext context) {
                        stopOrchestrator();
                    }
                });
                stopHookAdded = true;
            }
        }
        return orchestrator;
    }

    /** The context's governor of the jobs endpoint's hub: one per service address, whichever component asks. */
    private HubGovernor governor(IotJobsEndpoint jobs) {
        String hub = jobs.getConfiguration().getPlatform() + " "
                     + JobsClientFactory.serviceUrl(jobs.getConfiguration());
        return HubGovernors.forHub(getCamelContext(), hub, () -> new HubGovernor(hubTier.concurrentJobs(),
                hubTier.deviceOperationsPerSecond(hubUnits), clock));
    }

    private static HubTwinQueries twinQueries(IotJobsEndpoint jobs) {
        try {
            return HubTwinQueries.of(jobs);
        } catch (Exception e) {
            throw new IllegalStateException("Cannot open twin queries on " + jobs.getEndpointUri(), e);
        }
    }

    /** Stops the turns and waits for one in flight, so nothing is sent or stored once the context is stopping. */
    private synchronized void stopOrchestrator() {
        if (orchestrator != null) {
            orchestrator.stop();
            orchestrator = null;
        }
        if (executor != null) {
            getCamelContext().getExecutorServiceManager().shutdownGraceful(executor, STOP_TIMEOUT_MILLIS);
            executor = null;
        }
        if (approvals != null) {
            approvals.close();
            approvals = null;
        }
        if (twinQueries != null) {
            twinQueries.close();
            twinQueries = null;
        }
    }

    /** The orchestrator if it runs, without starting it: for readers that must not send anything (the console). */
    synchronized RolloutOrchestrator runningOrchestrator() {
        return orchestrator;
    }

    synchronized ScheduledExecutorService executor() {
        orchestrator();
        return executor;
    }

    /** The tier in effect: the tier option, else the jobs endpoint's. */
    synchronized HubTier hubTier() {
        orchestrator();
        return hubTier;
    }

    synchronized int hubUnits() {
        orchestrator();
        return hubUnits;
    }

    RolloutEvents events() {
        return events;
    }

    /** The store in effect (the store option, a JDBC store on dataSource, or the file store), for status views. */
    public RolloutStore rolloutStore() {
        return orchestrator().store();
    }

    @Override
    protected void doStop() throws Exception {
        stopOrchestrator();
        super.doStop();
    }

    public String getJobsEndpoint() {
        return jobsEndpoint;
    }

    public void setJobsEndpoint(String jobsEndpoint) {
        this.jobsEndpoint = jobsEndpoint;
    }

    public HubTier getTier() {
        return tier;
    }

    public void setTier(HubTier tier) {
        this.tier = tier;
    }

    public int getUnits() {
        return units;
    }

    public void setUnits(int units) {
        this.units = units;
    }

    public long getPollInterval() {
        return pollInterval;
    }

    public void setPollInterval(long pollInterval) {
        this.pollInterval = pollInterval;
    }

    public String getStoreDirectory() {
        return storeDirectory;
    }

    public void setStoreDirectory(String storeDirectory) {
        this.storeDirectory = storeDirectory;
    }

    public RolloutStore getStore() {
        return store;
    }

    public void setStore(RolloutStore store) {
        this.store = store;
    }

    public DataSource getDataSource() {
        return dataSource;
    }

    public void setDataSource(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public Clock getClock() {
        return clock;
    }

    public void setClock(Clock clock) {
        this.clock = clock;
    }
}
