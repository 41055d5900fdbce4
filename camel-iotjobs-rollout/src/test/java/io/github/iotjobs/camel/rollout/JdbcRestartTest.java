/*
 * Licensed to the Apache Software Foundation (ASF) under one or more contributor license agreements; and to You
 * under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance with the
 * License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.iotjobs.camel.rollout;

import java.io.IOException;
import java.nio.file.Path;

import io.github.iotjobs.camel.rollout.store.JdbcRolloutStore;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The restart of {@link RestartTest} on the JDBC store, on a real PostgreSQL. */
class JdbcRestartTest {

    private static EmbeddedPostgres postgres;

    @TempDir
    Path dir;

    @BeforeAll
    static void startPostgres() throws IOException {
        postgres = EmbeddedPostgres.builder().start();
    }

    @AfterAll
    static void stopPostgres() throws IOException {
        postgres.close();
    }

    @Test
    void aStoppedContextResumesFromPostgreSql() throws Exception {
        RestartTest.stopMidStageAndResume(new JdbcRolloutStore(postgres.getPostgresDatabase()), dir);
    }

    @Test
    void aWaitingRetryResumesFromPostgreSql() throws Exception {
        RetryTest.resumesAWaitingRetry(new JdbcRolloutStore(postgres.getPostgresDatabase()), dir);
    }

    @Test
    void zoneGroupsWaitingForTheirWindowResumeFromPostgreSql() throws Exception {
        WindowTest.resumesAWaitingWindow(new JdbcRolloutStore(postgres.getPostgresDatabase()), dir);
    }
}
