/*
 * Licensed to the Apache Software Foundation (ASF) under one or more contributor license agreements; and to You
 * under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance with the
 * License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.iotjobs.camel.state;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.regex.Pattern;

import javax.sql.DataSource;

import org.apache.camel.spi.StateRepository;
import org.apache.camel.support.service.ServiceSupport;

/**
 * A Camel {@link StateRepository} in a database table, for state that several Camel instances share: the nodes of a
 * cluster, where the new leader continues where the old one stopped. Works on any {@link DataSource} (PostgreSQL, H2,
 * MySQL, SQL Server, Oracle, ...); the table ({@value #DEFAULT_TABLE} unless named) is created when missing, with the
 * columns {@code state_key} (primary key, up to {@value #MAX_KEY_LENGTH} characters) and {@code state_value} (text of
 * any length). Every call is one statement on a connection taken from the data source and committed at once; nothing is
 * cached, so what one node wrote is what the next reads.
 */
public class JdbcStateRepository extends ServiceSupport implements StateRepository<String, String> {

    public static final String DEFAULT_TABLE = "iotjobs_state";
    public static final int MAX_KEY_LENGTH = 512;

    private static final Pattern TABLE_NAME
            = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,62}(\\.[A-Za-z_][A-Za-z0-9_]{0,62})?");

    private final DataSource dataSource;
    private final String table;
    private final String select;
    private final String update;
    private final String insert;

    public JdbcStateRepository(DataSource dataSource) {
        this(dataSource, DEFAULT_TABLE);
    }

    /** @param table the table's name, optionally schema-qualified: letters, digits and underscores */
    public JdbcStateRepository(DataSource dataSource, String table) {
        if (dataSource == null) {
            throw new IllegalArgumentException("dataSource is required");
        }
        if (table == null || !TABLE_NAME.matcher(table).matches()) {
            throw new IllegalArgumentException("table must be a plain SQL name (letters, digits, underscores,"
                                               + " optionally schema.table), got: " + table);
        }
        this.dataSource = dataSource;
        this.table = table;
        this.select = "SELECT state_value FROM " + table + " WHERE state_key = ?";
        this.update = "UPDATE " + table + " SET state_value = ? WHERE state_key = ?";
        this.insert = "INSERT INTO " + table + " (state_key, state_value) VALUES (?, ?)";
    }

    public String getTable() {
        return table;
    }

    @Override
    protected void doStart() throws Exception {
        try (Connection connection = dataSource.getConnection()) {
            if (!tableExists(connection)) {
                createTable(connection);
            }
        }
    }

    private boolean tableExists(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.executeQuery("SELECT state_key FROM " + table + " WHERE 1 = 0").close();
            return true;
        } catch (SQLException missing) {
            // PostgreSQL aborts the transaction on a failed statement; start clean for the CREATE.
            if (!connection.getAutoCommit()) {
                connection.rollback();
            }
            return false;
        }
    }

    private void createTable(Connection connection) throws SQLException {
        String ddl = "CREATE TABLE " + table + " (state_key VARCHAR(" + MAX_KEY_LENGTH + ") NOT NULL PRIMARY KEY, "
                     + "state_value " + textType(connection) + ")";
        try (Statement statement = connection.createStatement()) {
            statement.executeUpdate(ddl);
            commit(connection);
        } catch (SQLException e) {
            // Another node may have created it in between.
            if (!connection.getAutoCommit()) {
                connection.rollback();
            }
            if (!tableExists(connection)) {
                throw new SQLException("Cannot create state table " + table + ": " + e.getMessage(), e.getSQLState(),
                        e);
            }
        }
    }

    /** A column type for text of any length: there is no portable one. */
    private static String textType(Connection connection) throws SQLException {
        String product = connection.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT);
        if (product.contains("postgres")) {
            return "TEXT";
        }
        if (product.contains("mysql") || product.contains("mariadb")) {
            return "LONGTEXT";
        }
        if (product.contains("microsoft")) {
            return "NVARCHAR(MAX)";
        }
        // H2, Oracle, DB2, Derby, HSQLDB.
        return "CLOB";
    }

    @Override
    protected void doStop() {
        // Connections are taken per call and closed at once: nothing to release.
    }

    @Override
    public String getState(String key) {
        checkKey(key);
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(select)) {
            statement.setString(1, key);
            try (ResultSet rows = statement.executeQuery()) {
                String value = rows.next() ? rows.getString(1) : null;
                commit(connection);
                return value;
            }
        } catch (SQLException e) {
            throw failure("read", key, e);
        }
    }

    @Override
    public void setState(String key, String value) {
        checkKey(key);
        if (value == null) {
            throw new IllegalArgumentException("A state value cannot be null (key " + key + ")");
        }
        try (Connection connection = dataSource.getConnection()) {
            if (update(connection, key, value) == 0 && !insert(connection, key, value)) {
                // Inserted by another node since our update: ours is the newer value.
                update(connection, key, value);
            }
            commit(connection);
        } catch (SQLException e) {
            throw failure("write", key, e);
        }
    }

    private int update(Connection connection, String key, String value) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(update)) {
            statement.setString(1, value);
            statement.setString(2, key);
            return statement.executeUpdate();
        }
    }

    /** False when the key exists already (a unique-key violation, SQL state class 23). */
    private boolean insert(Connection connection, String key, String value) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(insert)) {
            statement.setString(1, key);
            statement.setString(2, value);
            statement.executeUpdate();
            return true;
        } catch (SQLException e) {
            if (e.getSQLState() == null || !e.getSQLState().startsWith("23")) {
                throw e;
            }
            if (!connection.getAutoCommit()) {
                connection.rollback();
            }
            return false;
        }
    }

    private static void commit(Connection connection) throws SQLException {
        if (!connection.getAutoCommit()) {
            connection.commit();
        }
    }

    private static void checkKey(String key) {
        if (key == null || key.isEmpty() || key.length() > MAX_KEY_LENGTH) {
            throw new IllegalArgumentException("A state key must have 1 to " + MAX_KEY_LENGTH + " characters, got: "
                                               + (key == null ? "null" : key.length() + " characters"));
        }
    }

    private IllegalStateException failure(String what, String key, SQLException e) {
        return new IllegalStateException("Cannot " + what + " state " + key + " in table " + table + ": "
                                         + e.getMessage(), e);
    }

    @Override
    public String toString() {
        return "JdbcStateRepository[" + table + "]";
    }
}
