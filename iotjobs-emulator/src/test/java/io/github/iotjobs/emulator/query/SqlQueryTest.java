/*
 * Licensed to the Apache Software Foundation (ASF) under one or more contributor license agreements; and to You
 * under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance with the
 * License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.iotjobs.emulator.query;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Which devices.jobs queries may read one job's rows only: a required jobId only where the logic proves it. */
class SqlQueryTest {

    private static String required(String where) {
        return SqlQuery.parse("SELECT * FROM devices.jobs WHERE " + where).requiredJobId().orElse(null);
    }

    @Test
    void aJobIdConjunctIsRequired() {
        assertThat(required("devices.jobs.jobId = 'j1'")).isEqualTo("j1");
        assertThat(required("jobId = 'j1' AND status = 'failed'")).isEqualTo("j1");
        assertThat(required("status = 'failed' AND (devices.jobs.jobId = 'j2')")).isEqualTo("j2");
    }

    @Test
    void disjunctionsNegationsAndExpressionsAreNot() {
        assertThat(required("jobId = 'j1' OR status = 'failed'")).isNull();
        assertThat(required("NOT (jobId = 'j1')")).isNull();
        assertThat(required("jobId NIN ['j1']")).isNull();
        assertThat(required("jobId = 'j' + 'x'")).isNull();
        assertThat(required("outcome.jobId = 'j1'")).isNull();
        assertThat(required("status = 'failed'")).isNull();
        assertThat(SqlQuery.parse("SELECT * FROM devices WHERE jobId = 'j1'").requiredJobId()).isEmpty();
    }
}
