/*
 * Licensed to the Apache Software Foundation (ASF) under one or more contributor license agreements; and to You
 * under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance with the
 * License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.iotjobs.camel;

import io.github.iotjobs.camel.model.DeviceJobStatus;
import io.github.iotjobs.camel.model.JobStatus;
import io.github.iotjobs.camel.client.AccessTokenSupplier;
import org.apache.camel.RuntimeCamelException;
import org.apache.camel.spi.Metadata;
import org.apache.camel.spi.StateRepository;
import org.apache.camel.spi.UriParam;
import org.apache.camel.spi.UriParams;
import org.apache.camel.spi.UriPath;
import org.apache.camel.support.jsse.SSLContextParameters;

/**
 * The options of an iotjobs endpoint. The component holds one as defaults; each endpoint works on a copy.
 */
@UriParams
public class IotJobsConfiguration implements Cloneable {

    @UriPath
    @Metadata(required = true)
    private IotJobsPlatform platform;
    @UriParam(label = "producer", defaultValue = "getJob")
    private IotJobsOperations operation = IotJobsOperations.getJob;
    @UriParam
    private String baseUrl;
    @UriParam(label = "advanced")
    private String apiVersion;
    @UriParam(label = "security", secret = true)
    private String connectionString;
    @UriParam(label = "security", secret = true)
    private String apiToken;
    @UriParam(label = "security", secret = true)
    private String accessToken;
    @UriParam(label = "security,advanced", defaultValue = "3600000", javaType = "java.time.Duration")
    private long sasTokenTimeToLive = 3600000;
    @UriParam(label = "security,advanced")
    private AccessTokenSupplier accessTokenSupplier;
    @UriParam(defaultValue = "S1")
    private IotJobsTier tier = IotJobsTier.S1;
    @UriParam(defaultValue = "1")
    private int units = 1;
    @UriParam
    private String jobId;
    @UriParam(label = "producer")
    private String queryCondition;
    @UriParam(label = "producer")
    private String methodName;
    @UriParam(label = "producer", defaultValue = "30")
    private int methodResponseTimeout = 30;
    @UriParam(label = "producer", defaultValue = "0")
    private int methodConnectTimeout = 0;
    @UriParam(label = "producer")
    private String startTime;
    @UriParam(label = "producer", defaultValue = "3600")
    private long maxExecutionTime = 3600;
    @UriParam(label = "filter")
    private String jobType;
    @UriParam(label = "filter")
    private JobStatus jobStatus;
    @UriParam(label = "producer")
    private DeviceJobStatus deviceJobStatus;
    @UriParam(label = "producer")
    private String from;
    @UriParam(label = "producer")
    private String to;
    @UriParam(label = "producer", defaultValue = "100")
    private int pageSize = 100;
    @UriParam(label = "producer", defaultValue = "false")
    private boolean waitForCompletion;
    @UriParam(label = "producer", defaultValue = "5000", javaType = "java.time.Duration")
    private long pollInterval = 5000;
    @UriParam(label = "producer", defaultValue = "3600000", javaType = "java.time.Duration")
    private long waitTimeout = 3600000;
    @UriParam(label = "consumer", defaultValue = "false")
    private boolean deviceEvents;
    @UriParam(label = "consumer", defaultValue = "false")
    private boolean progressEvents;
    @UriParam(label = "consumer", defaultValue = "beginning", enums = "beginning,now")
    private String startFrom = "beginning";
    @UriParam(label = "consumer,advanced")
    private StateRepository<String, String> stateRepository;
    @UriParam(label = "consumer,advanced")
    private String stateScope;
    @UriParam(label = "consumer,advanced", defaultValue = "5")
    private int maxDeviceQueriesPerPoll = 5;
    @UriParam(label = "consumer,advanced", defaultValue = "0")
    private int deviceQueriesPerMinute;
    @UriParam(label = "consumer,advanced", defaultValue = "300000", javaType = "java.time.Duration")
    private long indexLag = 300000;
    @UriParam(label = "timeout", defaultValue = "30000", javaType = "java.time.Duration")
    private long connectTimeout = 30000;
    @UriParam(label = "timeout", defaultValue = "60000", javaType = "java.time.Duration")
    private long responseTimeout = 60000;
    @UriParam(label = "timeout", defaultValue = "30000", javaType = "java.time.Duration")
    private long connectionRequestTimeout = 30000;
    @UriParam(label = "advanced", defaultValue = "20")
    private int maxConnections = 20;
    @UriParam(label = "advanced", defaultValue = "4")
    private int maxRetries = 4;
    @UriParam(label = "advanced", defaultValue = "500", javaType = "java.time.Duration")
    private long retryInitialDelay = 500;
    @UriParam(label = "advanced", defaultValue = "30000", javaType = "java.time.Duration")
    private long retryMaxDelay = 30000;
    @UriParam(label = "security")
    private SSLContextParameters sslContextParameters;
    @UriParam(label = "proxy")
    private String proxyHost;
    @UriParam(label = "proxy")
    private Integer proxyPort;
    @UriParam(label = "proxy", secret = true)
    private String proxyUsername;
    @UriParam(label = "proxy", secret = true)
    private String proxyPassword;

    /**
     * The platform: hub (Azure IoT Hub), central (Azure IoT Central) or manager (Remote Monitoring IoTHub Manager).
     */
    public IotJobsPlatform getPlatform() {
        return platform;
    }

    public void setPlatform(IotJobsPlatform platform) {
        this.platform = platform;
    }

    /**
     * The operation to perform; header CamelIotJobsOperation overrides it.
     */
    public IotJobsOperations getOperation() {
        return operation;
    }

    public void setOperation(IotJobsOperations operation) {
        this.operation = operation;
    }

    /**
     * The service address, overriding the one derived from the credentials: an emulator, a proxy or a sovereign cloud. Required for central and manager (https://{app}.azureiotcentral.com).
     */
    public String getBaseUrl() {
        return baseUrl;
    }

    public void setBaseUrl(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    /**
     * The api-version query parameter; defaults to 2021-04-12 on hub and 2022-07-31 on central.
     */
    public String getApiVersion() {
        return apiVersion;
    }

    public void setApiVersion(String apiVersion) {
        this.apiVersion = apiVersion;
    }

    /**
     * (hub) The IoT Hub service connection string, HostName=...;SharedAccessKeyName=...;SharedAccessKey=... (HostName may carry a port); SAS tokens are generated from it and renewed before expiry.
     */
    public String getConnectionString() {
        return connectionString;
    }

    public void setConnectionString(String connectionString) {
        this.connectionString = connectionString;
    }

    /**
     * (central) The IoT Central API token, SharedAccessSignature sr=...&sig=...&skn=...&se=...
     */
    public String getApiToken() {
        return apiToken;
    }

    public void setApiToken(String apiToken) {
        this.apiToken = apiToken;
    }

    /**
     * (central, manager) An Azure AD bearer token, sent as Authorization: Bearer.
     */
    public String getAccessToken() {
        return accessToken;
    }

    public void setAccessToken(String accessToken) {
        this.accessToken = accessToken;
    }

    /**
     * (hub) How long each generated SAS token is valid; tokens are renewed before they expire.
     */
    public long getSasTokenTimeToLive() {
        return sasTokenTimeToLive;
    }

    public void setSasTokenTimeToLive(long sasTokenTimeToLive) {
        this.sasTokenTimeToLive = sasTokenTimeToLive;
    }

    /**
     * (central, manager) A bean that supplies Azure AD access tokens that expire (for instance one wrapping Azure
     * Identity's TokenCredential); it is asked again five minutes before a token expires and when the platform answers
     * 401. Instead of accessToken.
     */
    public AccessTokenSupplier getAccessTokenSupplier() {
        return accessTokenSupplier;
    }

    public void setAccessTokenSupplier(AccessTokenSupplier accessTokenSupplier) {
        this.accessTokenSupplier = accessTokenSupplier;
    }

    /**
     * (hub) The hub's tier: F1 (or FREE), S1, S2 or S3. With units, it sets the request budgets the component keeps
     * to, shared by every endpoint of the hub: jobs operations 100 per minute per unit (S3: 5,000) and device
     * queries 20 per minute per unit (S3: 1,000). Requests beyond the budget wait for it instead of meeting 429s.
     */
    public IotJobsTier getTier() {
        return tier;
    }

    public void setTier(IotJobsTier tier) {
        this.tier = tier;
    }

    /**
     * (hub) How many units of its tier the hub has.
     */
    public int getUnits() {
        return units;
    }

    public void setUnits(int units) {
        this.units = units;
    }

    /**
     * (producer) The id of the job to create or act on; on create a UUID is generated when absent. (consumer) Only events of this job.
     */
    public String getJobId() {
        return jobId;
    }

    public void setJobId(String jobId) {
        this.jobId = jobId;
    }

    /**
     * (hub, manager) The query condition selecting the devices of a job, e.g. tags.building = 'b1'; * selects every device.
     */
    public String getQueryCondition() {
        return queryCondition;
    }

    public void setQueryCondition(String queryCondition) {
        this.queryCondition = queryCondition;
    }

    /**
     * (scheduleDeviceMethod) The direct method to invoke on each device.
     */
    public String getMethodName() {
        return methodName;
    }

    public void setMethodName(String methodName) {
        this.methodName = methodName;
    }

    /**
     * (scheduleDeviceMethod) Seconds to wait for each device's method response, 5 to 300.
     */
    public int getMethodResponseTimeout() {
        return methodResponseTimeout;
    }

    public void setMethodResponseTimeout(int methodResponseTimeout) {
        this.methodResponseTimeout = methodResponseTimeout;
    }

    /**
     * (scheduleDeviceMethod) Seconds to wait for an offline device to connect, 0 to 300.
     */
    public int getMethodConnectTimeout() {
        return methodConnectTimeout;
    }

    public void setMethodConnectTimeout(int methodConnectTimeout) {
        this.methodConnectTimeout = methodConnectTimeout;
    }

    /**
     * (schedule operations) When the job starts: an ISO-8601 instant, NOW, or NOW plus or minus an ISO-8601 duration such as NOW+PT10M. Default NOW.
     */
    public String getStartTime() {
        return startTime;
    }

    public void setStartTime(String startTime) {
        this.startTime = startTime;
    }

    /**
     * (schedule operations) The job's maximum execution time in seconds.
     */
    public long getMaxExecutionTime() {
        return maxExecutionTime;
    }

    public void setMaxExecutionTime(long maxExecutionTime) {
        this.maxExecutionTime = maxExecutionTime;
    }

    /**
     * (listJobs, consumer) Only jobs of this type, e.g. scheduleDeviceMethod or scheduleUpdateTwin.
     */
    public String getJobType() {
        return jobType;
    }

    public void setJobType(String jobType) {
        this.jobType = jobType;
    }

    /**
     * (listJobs, consumer) Only jobs in this normalized status.
     */
    public JobStatus getJobStatus() {
        return jobStatus;
    }

    public void setJobStatus(JobStatus jobStatus) {
        this.jobStatus = jobStatus;
    }

    /**
     * (listJobDevices) Only devices in this status.
     */
    public DeviceJobStatus getDeviceJobStatus() {
        return deviceJobStatus;
    }

    public void setDeviceJobStatus(DeviceJobStatus deviceJobStatus) {
        this.deviceJobStatus = deviceJobStatus;
    }

    /**
     * (listJobs) Only jobs created at or after this time: an ISO-8601 instant, NOW or NOW plus or minus a duration such as NOW-P30D.
     */
    public String getFrom() {
        return from;
    }

    public void setFrom(String from) {
        this.from = from;
    }

    /**
     * (listJobs) Only jobs created at or before this time, same forms as from.
     */
    public String getTo() {
        return to;
    }

    public void setTo(String to) {
        this.to = to;
    }

    /**
     * (list operations) Items requested per page; the platform may return fewer.
     */
    public int getPageSize() {
        return pageSize;
    }

    public void setPageSize(int pageSize) {
        this.pageSize = pageSize;
    }

    /**
     * (schedule, create, get and control operations) Poll the job until it is terminal, then return it.
     */
    public boolean isWaitForCompletion() {
        return waitForCompletion;
    }

    public void setWaitForCompletion(boolean waitForCompletion) {
        this.waitForCompletion = waitForCompletion;
    }

    /**
     * (waitForCompletion) Time between two polls of the job; header CamelIotJobsPollInterval overrides it.
     */
    public long getPollInterval() {
        return pollInterval;
    }

    public void setPollInterval(long pollInterval) {
        this.pollInterval = pollInterval;
    }

    /**
     * (waitForCompletion) How long to wait for the job to end; header CamelIotJobsWaitTimeout overrides it. Then the
     * exchange fails with an ExchangeTimedOutException and carries the last job read as its body and headers.
     */
    public long getWaitTimeout() {
        return waitTimeout;
    }

    public void setWaitTimeout(long waitTimeout) {
        this.waitTimeout = waitTimeout;
    }

    /**
     * (consumer) Also emit one deviceCompleted event each time a device reaches a final state (completed, failed,
     * cancelled) in a job still active; the body is the DeviceJob.
     */
    public boolean isDeviceEvents() {
        return deviceEvents;
    }

    public void setDeviceEvents(boolean deviceEvents) {
        this.deviceEvents = deviceEvents;
    }

    /**
     * (consumer) Also emit a progress event each time a job's device statistics change.
     */
    public boolean isProgressEvents() {
        return progressEvents;
    }

    public void setProgressEvents(boolean progressEvents) {
        this.progressEvents = progressEvents;
    }

    /**
     * (consumer) Where a consumer without remembered state starts: beginning emits a jobCreated event for every job the
     * platform lists (up to 30 days of history); now records the jobs that exist at the first poll without emitting
     * them, and reports only what happens after.
     */
    public String getStartFrom() {
        return startFrom;
    }

    public void setStartFrom(String startFrom) {
        this.startFrom = startFrom;
    }

    /**
     * (consumer) Where the consumer remembers what it has emitted, so that a restarted route emits nothing twice and
     * misses nothing (FileStateRepository, io.github.iotjobs.camel.state.JdbcStateRepository, Infinispan, ...); shared
     * by the nodes of a cluster, and by several consumers, each under its own stateScope. Default: in memory.
     */
    public StateRepository<String, String> getStateRepository() {
        return stateRepository;
    }

    public void setStateRepository(StateRepository<String, String> stateRepository) {
        this.stateRepository = stateRepository;
    }

    /**
     * (consumer) The name this consumer's state is kept under in the stateRepository; consumers with different scopes
     * share a repository without seeing each other's state. Default: derived from the platform, the service address
     * and the options that decide what is emitted (jobId, jobType, jobStatus, deviceEvents, progressEvents), so nodes
     * of a cluster configured alike share it. Set it to keep the state when changing those options.
     */
    public String getStateScope() {
        return stateScope;
    }

    public void setStateScope(String stateScope) {
        this.stateScope = stateScope;
    }

    /**
     * (consumer) With deviceEvents, at most this many device queries (POST /devices/query, 100 rows each) per poll: a
     * large job is read over several polls, each going on from where the last stopped.
     */
    public int getMaxDeviceQueriesPerPoll() {
        return maxDeviceQueriesPerPoll;
    }

    public void setMaxDeviceQueriesPerPoll(int maxDeviceQueriesPerPoll) {
        this.maxDeviceQueriesPerPoll = maxDeviceQueriesPerPoll;
    }

    /**
     * (consumer) With deviceEvents, the consumer's share of the hub's device query quota, per minute. Default (0): half
     * of the quota of the tier and units (10 per minute on S1 with one unit), the rest is left to producers.
     */
    public int getDeviceQueriesPerMinute() {
        return deviceQueriesPerMinute;
    }

    public void setDeviceQueriesPerMinute(int deviceQueriesPerMinute) {
        this.deviceQueriesPerMinute = deviceQueriesPerMinute;
    }

    /**
     * (consumer) How far the devices.jobs index may lag behind a job (IoT Hub documents up to 30 minutes). Device rows
     * are re-read this far back, and an ended job whose device rows do not add up to its statistics yet is watched this
     * long before it counts as drained. A longer lag costs more device queries on a busy job.
     */
    public long getIndexLag() {
        return indexLag;
    }

    public void setIndexLag(long indexLag) {
        this.indexLag = indexLag;
    }

    /**
     * Timeout to establish a connection.
     */
    public long getConnectTimeout() {
        return connectTimeout;
    }

    public void setConnectTimeout(long connectTimeout) {
        this.connectTimeout = connectTimeout;
    }

    /**
     * Timeout waiting for a response once the request is sent.
     */
    public long getResponseTimeout() {
        return responseTimeout;
    }

    public void setResponseTimeout(long responseTimeout) {
        this.responseTimeout = responseTimeout;
    }

    /**
     * Timeout waiting for a connection from the pool.
     */
    public long getConnectionRequestTimeout() {
        return connectionRequestTimeout;
    }

    public void setConnectionRequestTimeout(long connectionRequestTimeout) {
        this.connectionRequestTimeout = connectionRequestTimeout;
    }

    /**
     * Maximum pooled connections to the service; endpoints with the same address and connection settings share one
     * pool.
     */
    public int getMaxConnections() {
        return maxConnections;
    }

    public void setMaxConnections(int maxConnections) {
        this.maxConnections = maxConnections;
    }

    /**
     * How many times a failed request is retried: throttling (429), transient 5xx and connection faults. Creates and cancels are only re-sent when it is certain they did not run.
     */
    public int getMaxRetries() {
        return maxRetries;
    }

    public void setMaxRetries(int maxRetries) {
        this.maxRetries = maxRetries;
    }

    /**
     * The first retry delay; it doubles on each retry, with jitter, up to retryMaxDelay. A Retry-After sent by the platform is honoured.
     */
    public long getRetryInitialDelay() {
        return retryInitialDelay;
    }

    public void setRetryInitialDelay(long retryInitialDelay) {
        this.retryInitialDelay = retryInitialDelay;
    }

    /**
     * The longest backoff between two retries. A longer Retry-After is waited out by the producer's scheduler (no
     * thread is held); in consumers it ends the retries.
     */
    public long getRetryMaxDelay() {
        return retryMaxDelay;
    }

    public void setRetryMaxDelay(long retryMaxDelay) {
        this.retryMaxDelay = retryMaxDelay;
    }

    /**
     * TLS settings (trust store, key store, protocols) for the HTTPS connections.
     */
    public SSLContextParameters getSslContextParameters() {
        return sslContextParameters;
    }

    public void setSslContextParameters(SSLContextParameters sslContextParameters) {
        this.sslContextParameters = sslContextParameters;
    }

    /**
     * The HTTP proxy host.
     */
    public String getProxyHost() {
        return proxyHost;
    }

    public void setProxyHost(String proxyHost) {
        this.proxyHost = proxyHost;
    }

    /**
     * The HTTP proxy port.
     */
    public Integer getProxyPort() {
        return proxyPort;
    }

    public void setProxyPort(Integer proxyPort) {
        this.proxyPort = proxyPort;
    }

    /**
     * The HTTP proxy user name.
     */
    public String getProxyUsername() {
        return proxyUsername;
    }

    public void setProxyUsername(String proxyUsername) {
        this.proxyUsername = proxyUsername;
    }

    /**
     * The HTTP proxy password.
     */
    public String getProxyPassword() {
        return proxyPassword;
    }

    public void setProxyPassword(String proxyPassword) {
        this.proxyPassword = proxyPassword;
    }

    /** The api-version to send: the configured one or the platform's default. */
    public String effectiveApiVersion() {
        return apiVersion != null ? apiVersion : platform.defaultApiVersion();
    }

    public IotJobsConfiguration copy() {
        try {
            return (IotJobsConfiguration) super.clone();
        } catch (CloneNotSupportedException e) {
            throw new RuntimeCamelException(e);
        }
    }
}
