/*
 * Licensed to the Apache Software Foundation (ASF) under one or more contributor license agreements; and to You
 * under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance with the
 * License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.iotjobs.camel.rollout.store;

import java.util.List;
import java.util.Optional;

/**
 * Where rollouts are kept so a restarted or failed-over orchestrator continues where the last one stopped:
 * {@link FileRolloutStore} by default, {@link JdbcRolloutStore} for clusters.
 */
public interface RolloutStore {

    /** Stores a new rollout; false (and nothing written) if one with this id exists. */
    boolean create(RolloutRecord record, RolloutProgress progress);

    Optional<RolloutRecord> record(String rolloutId);

    Optional<RolloutProgress> progress(String rolloutId);

    void saveProgress(String rolloutId, RolloutProgress progress);

    void appendDecision(String rolloutId, RolloutDecision decision);

    List<RolloutDecision> decisions(String rolloutId);

    /** Every stored rollout's id. */
    List<String> rolloutIds();

    /**
     * Keeps a document of the rollout under a name (letters, digits and dashes), replacing one of that name: the
     * previous values captured before a chunk's job, the rollback's jobs.
     */
    void saveDocument(String rolloutId, String name, String json);

    Optional<String> document(String rolloutId, String name);

    /** Leaves a command for the rollout's orchestrator, replacing one not yet taken. */
    void requestCommand(String rolloutId, RolloutCommand command);

    /** Takes the command left for the rollout, if any. */
    Optional<RolloutCommand> takeCommand(String rolloutId);
}
