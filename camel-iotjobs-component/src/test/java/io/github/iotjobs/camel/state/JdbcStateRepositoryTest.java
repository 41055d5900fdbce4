/*
 * Licensed to the Apache Software Foundation (ASF) under one or more contributor license agreements; and to You
 * under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance with the
 * License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.iotjobs.camel.state;

import java.sql.Connection;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import javax.sql.DataSource;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The repository on a real PostgreSQL and on H2: the table made when missing, any text kept, writers racing. */
class JdbcStateRepositoryTest {

    @ParameterizedTest
    @ValueSource(strings = { "postgresql", "h2" })
    void createsItsTableOnceAndAnotherInstanceReadsWhatOneWrote(String database) throws Exception {
        DataSource dataSource = TestDatabases.named(database);
        String table = TestDatabases.newTable();
        assertThat(tableExists(dataSource, table)).isFalse();

        JdbcStateRepository first = new JdbcStateRepository(dataSource, table);
        first.start();
        assertThat(tableExists(dataSource, table)).isTrue();
        assertThat(first.getState("missing")).isNull();
        first.setState("iotjobs/v2/hub-1/jobs/7", "one");
        first.setState("iotjobs/v2/hub-1/jobs/7", "two");
        first.stop();

        // A second node (or a restart) finds the table and the value; starting does not recreate the table.
        JdbcStateRepository second = new JdbcStateRepository(dataSource, table);
        second.start();
        assertThat(second.getState("iotjobs/v2/hub-1/jobs/7")).isEqualTo("two");
        second.stop();
    }

    @ParameterizedTest
    @ValueSource(strings = { "postgresql", "h2" })
    void keepsAnyTextWhole(String database) {
        JdbcStateRepository repository = new JdbcStateRepository(TestDatabases.named(database),
                TestDatabases.newTable());
        repository.start();
        String odd = "dev=1\nline two;'quoted' %25 ünïcødé $(),@#*?!";
        repository.setState(odd, odd);
        assertThat(repository.getState(odd)).isEqualTo(odd);
        // A bucket of a large state: far beyond any VARCHAR limit.
        String large = "x".repeat(3_000_000);
        repository.setState("large", large);
        assertThat(repository.getState("large")).isEqualTo(large);
        repository.setState("large", "");
        assertThat(repository.getState("large")).isEmpty();
        repository.stop();
    }

    @ParameterizedTest
    @ValueSource(strings = { "postgresql", "h2" })
    void writersRacingOnANewKeyAllSucceed(String database) throws Exception {
        DataSource dataSource = TestDatabases.named(database);
        String table = TestDatabases.newTable();
        List<JdbcStateRepository> nodes = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            JdbcStateRepository node = new JdbcStateRepository(dataSource, table);
            node.start();
            nodes.add(node);
        }
        ExecutorService pool = Executors.newFixedThreadPool(nodes.size());
        try {
            for (int round = 0; round < 20; round++) {
                String key = "key-" + round;
                CountDownLatch go = new CountDownLatch(1);
                List<Future<?>> writes = new ArrayList<>();
                for (int i = 0; i < nodes.size(); i++) {
                    JdbcStateRepository node = nodes.get(i);
                    String value = "node-" + i;
                    writes.add(pool.submit(() -> {
                        go.await();
                        node.setState(key, value);
                        return null;
                    }));
                }
                go.countDown();
                for (Future<?> write : writes) {
                    write.get();
                }
                assertThat(nodes.get(0).getState(key)).matches("node-[0-3]");
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = { "postgresql", "h2" })
    void namesTheProblemOfBadInput(String database) {
        DataSource dataSource = TestDatabases.named(database);
        assertThatThrownBy(() -> new JdbcStateRepository(dataSource, "state; DROP TABLE x"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("table");
        assertThatThrownBy(() -> new JdbcStateRepository(null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("dataSource");
        JdbcStateRepository repository = new JdbcStateRepository(dataSource, TestDatabases.newTable());
        repository.start();
        assertThatThrownBy(() -> repository.setState("key", null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("key");
        assertThatThrownBy(() -> repository.getState("k".repeat(JdbcStateRepository.MAX_KEY_LENGTH + 1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("state key");
        repository.stop();
    }

    private static boolean tableExists(DataSource dataSource, String table) throws Exception {
        try (Connection connection = dataSource.getConnection();
             ResultSet tables = connection.getMetaData().getTables(null, null, null, new String[] { "TABLE" })) {
            while (tables.next()) {
                if (tables.getString("TABLE_NAME").equalsIgnoreCase(table)) {
                    return true;
                }
            }
            return false;
        }
    }
}
