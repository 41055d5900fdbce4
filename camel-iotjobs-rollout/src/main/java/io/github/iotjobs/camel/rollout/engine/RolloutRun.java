/*
 * Licensed to the Apache Software Foundation (ASF) under one or more contributor license agreements; and to You
 * under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance with the
 * License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.iotjobs.camel.rollout.engine;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import io.github.iotjobs.camel.IotJobsOperationFailedException;
import io.github.iotjobs.camel.model.DeviceJob;
import io.github.iotjobs.camel.model.IotJob;
import io.github.iotjobs.camel.model.JobStatistics;
import io.github.iotjobs.camel.client.Page;
import io.github.iotjobs.camel.rollout.governor.JobAdmission;
import io.github.iotjobs.camel.rollout.plan.OnFailure;
import io.github.iotjobs.camel.rollout.plan.RolloutAction;
import io.github.iotjobs.camel.rollout.plan.RolloutPlan;
import io.github.iotjobs.camel.rollout.port.RolloutJobs;
import io.github.iotjobs.camel.rollout.port.TargetUnreachableException;
import io.github.iotjobs.camel.rollout.stage.FrozenStage;
import io.github.iotjobs.camel.rollout.stage.RolloutJobIds;
import io.github.iotjobs.camel.rollout.store.ChunkProgress;
import io.github.iotjobs.camel.rollout.store.ChunkProgress.State;
import io.github.iotjobs.camel.rollout.store.RolloutCommand;
import io.github.iotjobs.camel.rollout.store.RolloutDecision;
import io.github.iotjobs.camel.rollout.store.RolloutProgress;
import io.github.iotjobs.camel.rollout.store.RolloutRecord;
import io.github.iotjobs.camel.rollout.store.RolloutStatus;
import io.github.iotjobs.camel.rollout.store.RolloutStore;
import io.github.iotjobs.camel.rollout.store.StageOutcome;
import io.github.iotjobs.camel.rollout.window.StageWindows;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One rollout's state machine. Each {@link #step()} reads the running stage's jobs once, applies a pending command,
 * decides (halt on failures, gate at the stage's end, next stage, completion), creates the jobs the concurrent-job
 * limit allows, and stores the result. Steps of one rollout never overlap; nothing here waits.
 */
public final class RolloutRun {

    private static final Logger LOG = LoggerFactory.getLogger(RolloutRun.class);
    private static final long DEFAULT_MAX_EXECUTION_SECONDS = 3600;
    /** The store document holding the remark of a pending {@code approve}. */
    public static final String APPROVAL_REMARK = "approval-remark";

    private final RolloutRecord record;
    private final RolloutStore store;
    private final RolloutJobs jobs;
    private final RolloutEvents events;
    private final Clock clock;
    private final JobAdmission admission;
    private RolloutProgress progress;
    /** Device results already emitted for the running stage's jobs, so a re-read emits nothing twice. */
    private final Set<String> emitted = new HashSet<>();
    private final List<RolloutDecision> decided = new ArrayList<>();
    private final RollbackPlanner rollback;
    /** Null when success is the job's (no {@code converge} in the plan). */
    private final Convergence convergence;
    private final ApprovalGate approvals;
    /** Null without a maintenance window ({@code window}) or retries ({@code retries}) in the plan. */
    private final StageWindows windows;
    private final DeviceRetries retries;
    private final TargetSlots slots;

    public RolloutRun(RolloutRecord record, RolloutProgress progress, RolloutStore store, RolloutJobs jobs,
            RolloutEvents events, Clock clock, JobAdmission admission, ApprovalGate approvals) {
        this.windows = record.plan().window() != null ? StageWindows.of(record, progress.zoneSegments()) : null;
        this.record = windows != null ? windows.record() : record;
        this.progress = progress;
        this.store = store;
        this.jobs = jobs;
        this.events = events;
        this.clock = clock;
        this.admission = admission;
        this.approvals = approvals;
        this.rollback = new RollbackPlanner(this.record, store, jobs);
        this.convergence = record.plan().converge() != null ? new Convergence(record.plan(), jobs) : null;
        this.retries = record.plan().retries() != null ? new DeviceRetries(this.record, jobs, events, clock) : null;
        this.slots = TargetSlots.of(jobs, admission.hubSlots());
    }

    public String rolloutId() {
        return record.rolloutId();
    }

    public RolloutRecord record() {
        return record;
    }

    public synchronized RolloutProgress progress() {
        return progress;
    }

    public synchronized boolean isFinal() {
        return progress.status().isFinal();
    }

    /** The first progress of a rollout: running, stage 0 with its chunks pending. */
    public static RolloutProgress initialProgress(RolloutRecord record, Instant now) {
        RolloutProgress progress = new RolloutProgress();
        progress.startStage(0, now, chunksOf(record, 0));
        progress.updatedAt(now);
        return progress;
    }

    /** Announces the start of a rollout that was just stored. */
    public synchronized void announceStart() {
        decide(RolloutEventType.rolloutStarted, null, record.stages().stream().mapToInt(FrozenStage::size).sum()
                + " devices in " + record.stages().size() + " stages");
        decide(RolloutEventType.stageStarted, 0, stageDetail(0));
        flushDecisions();
    }

    /**
     * One turn of the orchestrator; any failure leaves the stored state as it was and is retried next turn.
     *
     * @param reload whether another node may have moved the rollout on since this one last stepped it (it just
     *               became leader): the turn then starts from what is stored
     */
    public synchronized void step(boolean reload) throws IotJobsOperationFailedException {
        if (reload) {
            progress = store.progress(rolloutId()).orElse(progress);
            emitted.clear();
        }
        Optional<RolloutCommand> command = store.takeCommand(rolloutId());
        try {
            command.ifPresent(this::apply);
            if (progress.status().isFinal()) {
                return;
            }
            if (progress.status() == RolloutStatus.ROLLING_BACK) {
                stepRollback();
                return;
            }
            if (progress.status() == RolloutStatus.AWAITING_APPROVAL) {
                askApproval();
                return;
            }
            refreshChunks();
            retryFailedDevices();
            converge();
            reportDeviceResults();
            if (progress.status() == RolloutStatus.RUNNING) {
                decideStage();
            }
        } catch (TargetUnreachableException e) {
            if (progress.status() != RolloutStatus.RUNNING) {
                throw e;
            }
            halt(e.getMessage());
        } finally {
            progress.updatedAt(clock.instant());
            flushDecisions();
        }
    }

    private void apply(RolloutCommand command) {
        RolloutStatus status = progress.status();
        switch (command) {
            case pause -> {
                if (status == RolloutStatus.RUNNING || status == RolloutStatus.AWAITING_APPROVAL) {
                    progress.status(RolloutStatus.PAUSED, "pause requested");
                    decide(RolloutEventType.paused, progress.stage(), "pause requested");
                }
            }
            case resume -> {
                if (status == RolloutStatus.PAUSED && progress.approvalFor() != null) {
                    // Paused while a passed gate awaited approval: ask again.
                    progress.status(RolloutStatus.AWAITING_APPROVAL, null);
                    decide(RolloutEventType.resumed, progress.stage(), "resume requested");
                } else if (status == RolloutStatus.PAUSED) {
                    if (progress.gateFailed()) {
                        // Resuming a halted stage accepts its results, as hawkBit's resume does.
                        progress.acceptGate();
                    }
                    progress.status(RolloutStatus.RUNNING, null);
                    decide(RolloutEventType.resumed, progress.stage(), "resume requested");
                }
            }
            case abort -> {
                if (!status.isFinal()) {
                    abort("abort requested");
                }
            }
            case approve -> {
                if (progress.approvalFor() != null && !status.isFinal() && status != RolloutStatus.ROLLING_BACK) {
                    String remark = store.document(rolloutId(), APPROVAL_REMARK).orElse("");
                    approved(remark.isBlank() ? "approved" : "approved: " + remark);
                }
            }
            case rollback -> {
                if (!status.isFinal() && status != RolloutStatus.ROLLING_BACK) {
                    startRollback("rollback requested");
                }
            }
        }
    }

    private void refreshChunks() throws IotJobsOperationFailedException {
        for (ChunkProgress chunk : progress.chunks()) {
            if (chunk.state() == State.running) {
                update(chunk, jobs.getJob(chunk.jobId()));
            }
        }
    }

    private void retryFailedDevices() throws IotJobsOperationFailedException {
        if (retries == null) {
            return;
        }
        JobSource source = stageJobs();
        retries.step(progress, admission.hubSlots(), new DeviceRetries.Host() {
            @Override
            public void decide(RolloutEventType type, String detail) {
                RolloutRun.this.decide(type, progress.stage(), detail);
            }

            @Override
            public boolean mayStart(int chunk) {
                return progress.status() == RolloutStatus.RUNNING && source.mayStart(chunk);
            }

            @Override
            public long maxExecutionSeconds(int chunk) {
                return source.maxExecutionSeconds(chunk);
            }

            @Override
            public void save() {
                store.saveProgress(rolloutId(), progress);
            }
        });
    }

    /** Jobs just over start waiting for their devices to report; waiting ones are counted again. */
    private void converge() throws IotJobsOperationFailedException {
        if (convergence == null) {
            return;
        }
        FrozenStage stage = record.stages().get(progress.stage());
        Instant now = clock.instant();
        for (ChunkProgress chunk : progress.chunks()) {
            if (chunk.state() == State.done && chunk.convergeBy() == null) {
                chunk.startConverging(now.plus(record.plan().converge().within()));
            }
            if (chunk.state() == State.converging) {
                chunk.converged(convergence.converged(stage.chunkDevices(chunk.chunk())),
                        !now.isBefore(chunk.convergeBy()));
            }
        }
    }

    private void update(ChunkProgress chunk, IotJob job) {
        JobStatistics stats = job.statistics();
        if (stats != null) {
            chunk.counts(stats.succeededCount(), stats.failedCount());
        }
        chunk.state(job.isTerminal() ? State.done : State.running);
        if (job.isTerminal()) {
            admission.over(chunk);
        }
    }

    private void reportDeviceResults() throws IotJobsOperationFailedException {
        boolean wanted = events.wantsDeviceResults(rolloutId());
        for (ChunkProgress chunk : progress.chunks()) {
            if (chunk.state() != State.done || chunk.reported()) {
                continue;
            }
            if (!wanted) {
                chunk.reported(true);
                continue;
            }
            int rows = 0;
            String continuation = null;
            do {
                Page<DeviceJob> page = jobs.finishedDevices(chunk.jobId(), continuation);
                for (DeviceJob row : page.items()) {
                    rows++;
                    if (emitted.add(chunk.jobId() + "/" + row.deviceId())) {
                        events.publish(new RolloutEvent(rolloutId(), RolloutEventType.deviceResult,
                                progress.stage(), clock.instant(), row.status() != null ? row.status().name() : null,
                                null, null, row));
                    }
                }
                continuation = page.continuation();
            } while (continuation != null);
            // The devices.jobs index may lag the job (protocol.md §3): read again until every result shows.
            chunk.reported(rows >= chunk.succeeded() + chunk.failed());
        }
    }

    private void decideStage() throws IotJobsOperationFailedException {
        RolloutPlan plan = record.plan();
        FrozenStage stage = record.stages().get(progress.stage());
        int succeeded = progress.succeeded();
        int failed = progress.failed();
        if (!progress.gateAccepted() && plan.failureThreshold() != null && failed > 0
                && failed >= plan.failureThreshold() * stage.size()) {
            halt(failed + " of " + stage.size() + " devices failed, at or above the failure threshold "
                 + plan.failureThreshold());
            return;
        }
        String failingTarget = TargetFailures.failing(plan, stage, progress.chunks());
        if (!progress.gateAccepted() && failingTarget != null) {
            halt(failingTarget);
            return;
        }
        boolean allDone = progress.chunks().stream().allMatch(c -> c.state() == State.done);
        Duration timeout = plan.timeoutOf(progress.stage());
        if (!allDone && timeout != null && !clock.instant().isBefore(progress.stageStartedAt().plus(timeout))) {
            halt("stage " + progress.stage() + " ran out of its " + timeout + " timeout with " + succeeded + " of "
                 + stage.size() + " devices succeeded");
            return;
        }
        if (!allDone) {
            createJobs();
            return;
        }
        boolean passed = succeeded >= plan.successThresholdOrDefault() * stage.size();
        if (!passed && !progress.gateAccepted()) {
            halt(succeeded + " of " + stage.size() + " devices succeeded, below the success threshold "
                 + plan.successThresholdOrDefault());
            return;
        }
        progress.stages().add(new StageOutcome(stage.index(), stage.size(), succeeded, failed,
                passed ? "passed" : "accepted"));
        decide(RolloutEventType.gatePassed, stage.index(), succeeded + " of " + stage.size() + " devices succeeded"
                + (passed ? "" : " (accepted by resume)"));
        int next = stage.index() + 1;
        if (next == record.stages().size()) {
            progress.status(RolloutStatus.COMPLETED, null);
            decide(RolloutEventType.completed, null, record.stages().size() + " stages done");
            return;
        }
        if (plan.approval() != null) {
            progress.approvalFor(next);
            progress.status(RolloutStatus.AWAITING_APPROVAL, "stage " + next + " awaits approval");
            decide(RolloutEventType.approvalRequested, next, plan.manualApproval() ? "awaiting the approve operation"
                    : "asking " + plan.approval());
            return;
        }
        startStage(next);
    }

    private void startStage(int next) throws IotJobsOperationFailedException {
        emitted.clear();
        progress.startStage(next, clock.instant(), chunksOf(record, next));
        decide(RolloutEventType.stageStarted, next, stageDetail(next));
        createJobs();
    }

    /** Asks the approval endpoint about the passed stage; a manual approval waits for the approve command. */
    private void askApproval() throws IotJobsOperationFailedException {
        RolloutPlan plan = record.plan();
        if (plan.manualApproval()) {
            return;
        }
        StageOutcome passed = progress.stages().get(progress.stages().size() - 1);
        RolloutEvent summary = new RolloutEvent(rolloutId(), RolloutEventType.gatePassed, passed.stage(),
                clock.instant(), passed.succeeded() + " of " + passed.devices() + " devices succeeded",
                passed.succeeded(), passed.failed(), null);
        String answer;
        try {
            answer = approvals.ask(plan.approval(), summary);
        } catch (Exception e) {
            throw new IllegalStateException("Approval endpoint " + plan.approval() + " failed: " + e.getMessage(), e);
        }
        String word = answer == null ? "" : answer.trim().toUpperCase(java.util.Locale.ROOT);
        if (word.equals(ApprovalGate.Decision.CONTINUE.name())) {
            approved(plan.approval() + " answered " + answer.trim());
        } else if (word.equals(ApprovalGate.Decision.ABORT.name())) {
            abort(plan.approval() + " answered abort");
        } else {
            String why = word.equals(ApprovalGate.Decision.PAUSE.name()) ? plan.approval() + " answered pause"
                    : plan.approval() + " answered " + answer + ", not continue, pause or abort";
            progress.status(RolloutStatus.PAUSED, why);
            decide(RolloutEventType.paused, progress.stage(), why);
        }
    }

    private void approved(String detail) {
        int next = progress.approvalFor();
        progress.approvalFor(null);
        progress.status(RolloutStatus.RUNNING, null);
        decide(RolloutEventType.approved, next, detail);
        try {
            startStage(next);
        } catch (IotJobsOperationFailedException e) {
            // The stage is started and stored; its jobs are created on the next turn.
            LOG.debug("Rollout {}: first jobs of stage {} wait for the next turn: {}", rolloutId(), next,
                    e.getMessage());
        }
    }

    /** What a chunk's job is: its target and its change; called before each create. */
    private interface JobSource {
        String condition(int chunk);

        RolloutAction action(int chunk);

        /**
         * Runs before the first create of the chunk's job (the capture of previous values), or earlier, while the
         * jobs before it run, so the capture does not hold up the chunk's job.
         */
        void prepare(int chunk) throws IotJobsOperationFailedException;

        /** Whether the chunk's job may be created now: its maintenance window is open. */
        boolean mayStart(int chunk);

        long maxExecutionSeconds(int chunk);
    }

    private JobSource stageJobs() {
        FrozenStage stage = record.stages().get(progress.stage());
        return new JobSource() {
            @Override
            public String condition(int chunk) {
                return stage.chunkCondition(chunk);
            }

            @Override
            public RolloutAction action(int chunk) {
                return record.plan().action();
            }

            @Override
            public void prepare(int chunk) throws IotJobsOperationFailedException {
                if (record.plan().canRollBack()) {
                    rollback.capture(stage.index(), chunk);
                }
            }

            @Override
            public boolean mayStart(int chunk) {
                return windows == null || windows.isOpen(stage.index(), chunk, clock.instant());
            }

            @Override
            public long maxExecutionSeconds(int chunk) {
                long limit = RolloutRun.this.maxExecutionSeconds();
                return windows == null ? limit
                        : Math.min(limit, windows.secondsLeft(stage.index(), chunk, clock.instant()));
            }
        };
    }

    private JobSource rollbackJobs() {
        return new JobSource() {
            @Override
            public String condition(int chunk) {
                return rollback.job(chunk).condition();
            }

            @Override
            public RolloutAction action(int chunk) {
                return rollback.job(chunk).action();
            }

            @Override
            public void prepare(int chunk) {
                // a rollback is not rolled back
            }

            @Override
            public boolean mayStart(int chunk) {
                return true; // restoring devices does not wait for their window
            }

            @Override
            public long maxExecutionSeconds(int chunk) {
                return RolloutRun.this.maxExecutionSeconds();
            }
        };
    }

    private void createJobs() throws IotJobsOperationFailedException {
        createJobs(progress.chunks(), stageJobs(), true);
    }

    /**
     * Creates the chunks' jobs in order: on the rollout's hub as its governor (and with {@code paced}, the plan's
     * rate) admits; on the targets of a plan over several, as each target's concurrent-job limit and the rate allow,
     * so a target waiting for its slot holds up no other.
     */
    private void createJobs(List<ChunkProgress> chunks, JobSource source, boolean paced)
            throws IotJobsOperationFailedException {
        Map<String, Integer> active = slots.active(chunks);
        Set<String> waiting = new HashSet<>();
        for (ChunkProgress chunk : chunks) {
            String target = TargetSlots.targetOf(chunk);
            if (chunk.state() != State.pending && chunk.state() != State.creating || waiting.contains(target)) {
                continue;
            }
            if (chunk.state() == State.pending && !source.mayStart(chunk.chunk())) {
                continue; // its devices are outside their maintenance window: they wait, the next chunk may not
            }
            boolean admitted = target == null ? admission.admit(chunk, paced)
                    : active.getOrDefault(target, 0) < slots.limit(target) && admission.paceAllows(paced);
            if (!admitted) {
                if (chunk.state() == State.pending) {
                    source.prepare(chunk.chunk());
                }
                waiting.add(target);
                continue;
            }
            if (!create(source, chunk)) {
                if (target == null) {
                    admission.over(chunk);
                }
                waiting.add(target);
                continue;
            }
            if (target != null && chunk.holdsJob()) {
                active.merge(target, 1, Integer::sum);
            }
            admission.started(chunk, paced, progress);
        }
    }

    /** False when the hub's concurrent-job limit refused the job: it is tried again next turn. */
    private boolean create(JobSource source, ChunkProgress chunk) throws IotJobsOperationFailedException {
        boolean repeated = chunk.state() == State.creating;
        IotJob existing = repeated ? findJob(chunk.jobId()) : null;
        if (existing == null) {
            source.prepare(chunk.chunk());
            // Stored before sending: a crash after the send finds the job by its derived id, never creates another.
            chunk.state(State.creating);
            store.saveProgress(rolloutId(), progress);
            try {
                existing = jobs.createJob(chunk.jobId(), source.condition(chunk.chunk()), source.action(chunk.chunk()),
                        source.maxExecutionSeconds(chunk.chunk()), repeated);
            } catch (IotJobsOperationFailedException e) {
                if (e.getStatusCode() == 429) {
                    LOG.debug("Rollout {}: the hub is at its job limit; job {} waits", rolloutId(), chunk.jobId());
                    return false;
                }
                throw e;
            }
        }
        // A job already over when its create answered comes back sparse (no statistics): read it whole.
        update(chunk, existing.isTerminal() ? jobs.getJob(chunk.jobId()) : existing);
        return true;
    }

    private IotJob findJob(String jobId) throws IotJobsOperationFailedException {
        try {
            return jobs.getJob(jobId);
        } catch (IotJobsOperationFailedException e) {
            if (e.getStatusCode() == 404) {
                return null;
            }
            throw e;
        }
    }

    /**
     * The hub's own limit on a job is a backstop past the stage's timeout: the orchestrator decides the timeout (a
     * failed gate), the hub only ends jobs nobody is watching any more.
     */
    private long maxExecutionSeconds() {
        Duration timeout = record.plan().timeoutOf(progress.stage());
        return timeout != null ? 2 * timeout.toSeconds() + 60 : DEFAULT_MAX_EXECUTION_SECONDS;
    }

    private void halt(String why) throws IotJobsOperationFailedException {
        progress.gateFailed(true);
        decide(RolloutEventType.gateFailed, progress.stage(), why);
        OnFailure onFailure = record.plan().onFailureOrDefault();
        if (onFailure == OnFailure.ABORT) {
            abort(why);
        } else if (onFailure == OnFailure.ROLLBACK) {
            startRollback(why);
        } else {
            progress.status(RolloutStatus.PAUSED, why);
            decide(RolloutEventType.paused, progress.stage(), why);
        }
    }

    /** Ends the rollout: chunks not sent never will be, and what the sent jobs have not run yet is cancelled. */
    private void abort(String why) {
        cancelRunning(progress.chunks());
        if (progress.rollbackJobs() != null) {
            cancelRunning(progress.rollbackJobs());
        }
        progress.status(RolloutStatus.ABORTED, why);
        decide(RolloutEventType.aborted, progress.stage(), why);
    }

    private void cancelRunning(List<ChunkProgress> chunks) {
        for (ChunkProgress chunk : chunks) {
            if (chunk.state() == State.running || chunk.state() == State.creating) {
                try {
                    jobs.cancelJob(chunk.jobId());
                } catch (IotJobsOperationFailedException e) {
                    LOG.warn("Rollout {}: cancelling job {} failed ({}); it runs to its end", rolloutId(),
                            chunk.jobId(), e.getMessage());
                }
            }
        }
    }

    /** Cancels what the running stage's jobs have not run yet; the rollback proper starts when they are over. */
    private void startRollback(String why) {
        cancelRunning(progress.chunks());
        progress.status(RolloutStatus.ROLLING_BACK, why);
        decide(RolloutEventType.rollbackStarted, progress.stage(), why);
    }

    /**
     * One turn of a rollback: once the stage's jobs are over, plan the restoring jobs for the devices the rollout
     * changed (when the hub's job rows show them all), then run them as a stage of their own; when they are over,
     * the rollout is rolled back.
     */
    private void stepRollback() throws IotJobsOperationFailedException {
        if (progress.rollbackJobs() == null) {
            refreshChunks();
            for (ChunkProgress chunk : progress.chunks()) {
                if (chunk.state() == State.creating) {
                    IotJob job = findJob(chunk.jobId());
                    if (job == null) {
                        chunk.state(State.pending); // never reached the hub
                    } else {
                        update(chunk, job);
                    }
                }
            }
            if (progress.chunks().stream().anyMatch(c -> c.state() == State.running)) {
                return;
            }
            List<RollbackPlanner.RollbackJob> planned = rollback.plan(sentChunks(), succeededPerStage());
            if (planned == null) {
                return;
            }
            List<ChunkProgress> chunks = new ArrayList<>(planned.size());
            for (int c = 0; c < planned.size(); c++) {
                chunks.add(new ChunkProgress(c, RolloutJobIds.rollbackJobId(rolloutId(), c),
                        planned.get(c).devices().size()));
            }
            progress.rollbackJobs(chunks);
        } else {
            for (ChunkProgress chunk : progress.rollbackJobs()) {
                if (chunk.state() == State.running) {
                    update(chunk, jobs.getJob(chunk.jobId()));
                }
            }
        }
        List<ChunkProgress> chunks = progress.rollbackJobs();
        if (chunks.stream().allMatch(c -> c.state() == State.done)) {
            int devices = chunks.stream().mapToInt(ChunkProgress::devices).sum();
            int restored = chunks.stream().mapToInt(ChunkProgress::succeeded).sum();
            String detail = restored + " of " + devices + " changed devices restored in " + chunks.size() + " jobs";
            progress.status(RolloutStatus.ROLLED_BACK, detail);
            decide(RolloutEventType.rolledBack, progress.stage(), detail);
            return;
        }
        createJobs(chunks, rollbackJobs(), false);
    }

    /** Per stage up to the running one, how many of its chunks were sent to the hub. */
    private int[] sentChunks() {
        int[] sent = new int[progress.stage() + 1];
        for (int s = 0; s < progress.stage(); s++) {
            sent[s] = record.stages().get(s).chunkCount();
        }
        // Chunks are sent in order, but for those a maintenance window holds back: the sent ones lie in this prefix.
        sent[progress.stage()] = progress.chunks().stream().filter(c -> c.state() != State.pending)
                .mapToInt(c -> c.chunk() + 1).max().orElse(0);
        return sent;
    }

    private int[] succeededPerStage() {
        int[] succeeded = new int[progress.stage() + 1];
        for (StageOutcome outcome : progress.stages()) {
            succeeded[outcome.stage()] = outcome.succeeded();
        }
        succeeded[progress.stage()] = progress.succeeded();
        return succeeded;
    }

    private void decide(RolloutEventType type, Integer stage, String detail) {
        decided.add(new RolloutDecision(clock.instant(), type.name(), stage, detail));
    }

    /**
     * Stores the decisions, then the progress, then announces them, so a route that reacts to an event reads the
     * rollout as the event says. A crash before the progress is stored takes the decisions again after the restart.
     */
    private void flushDecisions() {
        for (RolloutDecision decision : decided) {
            store.appendDecision(rolloutId(), decision);
        }
        store.saveProgress(rolloutId(), progress);
        for (RolloutDecision decision : decided) {
            events.publish(new RolloutEvent(rolloutId(), RolloutEventType.valueOf(decision.event()), decision.stage(),
                    decision.at(), decision.detail(), progress.succeeded(), progress.failed(), null));
        }
        decided.clear();
    }

    private String stageDetail(int index) {
        FrozenStage stage = record.stages().get(index);
        return stage.size() + " devices in " + stage.chunkCount() + " jobs";
    }

    private static List<ChunkProgress> chunksOf(RolloutRecord record, int index) {
        FrozenStage stage = record.stages().get(index);
        List<ChunkProgress> chunks = new ArrayList<>(stage.chunkCount());
        for (int c = 0; c < stage.chunkCount(); c++) {
            ChunkProgress chunk = new ChunkProgress(c, stage.jobId(record.rolloutId(), c),
                    stage.chunkDevices(c).size());
            chunks.add(record.plan().retries() != null ? chunk.withRetries() : chunk);
        }
        return chunks;
    }
}
