/*
 * Licensed to the Apache Software Foundation (ASF) under one or more contributor license agreements; and to You
 * under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance with the
 * License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.iotjobs.camel.rollout.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import javax.sql.DataSource;

import io.github.iotjobs.camel.rollout.stage.FrozenStage;

/**
 * Keeps rollouts in a database every node of a cluster reaches (PostgreSQL, H2, any JDBC database), in three tables
 * it creates when missing: {@code <prefix>_rollout} (id, plan, progress, pending command), {@code <prefix>_stage}
 * (each stage's device ids, newline-separated, in parts of {@value #PART} ids) and {@code <prefix>_decision}.
 */
public final class JdbcRolloutStore implements RolloutStore {

    static final int PART = 10_000;
    private static final String UNIQUE_VIOLATION = "23505";

    private final DataSource dataSource;
    private final String rollouts;
    private final String stages;
    private final String decisions;
    private final String documents;
    private volatile boolean tablesReady;

    public JdbcRolloutStore(DataSource dataSource) {
        this(dataSource, "iotrollout");
    }

    /** @param prefix the tables' name prefix: letters, digits and underscores */
    public JdbcRolloutStore(DataSource dataSource, String prefix) {
        if (!prefix.matches("[A-Za-z][A-Za-z0-9_]{0,40}")) {
            throw new IllegalArgumentException("prefix: letters, digits and underscores, not " + prefix);
        }
        this.dataSource = dataSource;
        this.rollouts = prefix + "_rollout";
        this.stages = prefix + "_stage";
        this.decisions = prefix + "_decision";
        this.documents = prefix + "_document";
    }

    @Override
    public boolean create(RolloutRecord record, RolloutProgress progress) {
        return inTransaction(connection -> {
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO " + rollouts + " (rollout_id, head, progress) VALUES (?, ?, ?)")) {
                insert.setString(1, record.rolloutId());
                insert.setString(2, StoredJson.head(record));
                insert.setString(3, StoredJson.write(progress));
                insert.executeUpdate();
            } catch (SQLException e) {
                if (UNIQUE_VIOLATION.equals(e.getSQLState())) {
                    connection.rollback();
                    return false;
                }
                throw e;
            }
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO " + stages + " (rollout_id, stage, part, devices) VALUES (?, ?, ?, ?)")) {
                for (FrozenStage stage : record.stages()) {
                    List<String> ids = stage.deviceIds();
                    for (int from = 0, part = 0; from < ids.size(); from += PART, part++) {
                        insert.setString(1, record.rolloutId());
                        insert.setInt(2, stage.index());
                        insert.setInt(3, part);
                        insert.setString(4, String.join("\n", ids.subList(from, Math.min(ids.size(), from + PART))));
                        insert.addBatch();
                    }
                }
                insert.executeBatch();
            }
            return true;
        });
    }

    @Override
    public Optional<RolloutRecord> record(String rolloutId) {
        return inTransaction(connection -> {
            String head = queryString(connection, "SELECT head FROM " + rollouts + " WHERE rollout_id = ?",
                    rolloutId);
            if (head == null) {
                return Optional.empty();
            }
            StoredJson.Head read = StoredJson.readHead(head);
            List<List<String>> devices = new ArrayList<>();
            for (int i = 0; i < read.stages(); i++) {
                devices.add(new ArrayList<>());
            }
            try (PreparedStatement select = connection.prepareStatement("SELECT stage, devices FROM " + stages
                    + " WHERE rollout_id = ? ORDER BY stage, part")) {
                select.setString(1, rolloutId);
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        devices.get(rows.getInt(1)).addAll(Arrays.asList(rows.getString(2).split("\n")));
                    }
                }
            }
            return Optional.of(StoredJson.record(read, devices));
        });
    }

    @Override
    public Optional<RolloutProgress> progress(String rolloutId) {
        return inTransaction(connection -> Optional.ofNullable(queryString(connection,
                "SELECT progress FROM " + rollouts + " WHERE rollout_id = ?", rolloutId))
                .map(json -> StoredJson.read(json, RolloutProgress.class)));
    }

    @Override
    public void saveProgress(String rolloutId, RolloutProgress progress) {
        update("UPDATE " + rollouts + " SET progress = ? WHERE rollout_id = ?", StoredJson.write(progress), rolloutId);
    }

    @Override
    public void appendDecision(String rolloutId, RolloutDecision decision) {
        update("INSERT INTO " + decisions + " (rollout_id, seq, decision) SELECT ?, COALESCE(MAX(seq), 0) + 1, ? FROM "
               + decisions + " WHERE rollout_id = ?", rolloutId, StoredJson.write(decision), rolloutId);
    }

    @Override
    public List<RolloutDecision> decisions(String rolloutId) {
        return inTransaction(connection -> {
            List<RolloutDecision> list = new ArrayList<>();
            try (PreparedStatement select = connection.prepareStatement("SELECT decision FROM " + decisions
                    + " WHERE rollout_id = ? ORDER BY seq")) {
                select.setString(1, rolloutId);
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        list.add(StoredJson.read(rows.getString(1), RolloutDecision.class));
                    }
                }
            }
            return list;
        });
    }

    @Override
    public List<String> rolloutIds() {
        return inTransaction(connection -> {
            List<String> ids = new ArrayList<>();
            try (Statement select = connection.createStatement();
                    ResultSet rows = select.executeQuery("SELECT rollout_id FROM " + rollouts
                                                         + " ORDER BY rollout_id")) {
                while (rows.next()) {
                    ids.add(rows.getString(1));
                }
            }
            return ids;
        });
    }

    @Override
    public void saveDocument(String rolloutId, String name, String json) {
        inTransaction(connection -> {
            try (PreparedStatement delete = connection.prepareStatement("DELETE FROM " + documents
                    + " WHERE rollout_id = ? AND name = ?");
                    PreparedStatement insert = connection.prepareStatement("INSERT INTO " + documents
                            + " (rollout_id, name, body) VALUES (?, ?, ?)")) {
                delete.setString(1, rolloutId);
                delete.setString(2, name);
                delete.executeUpdate();
                insert.setString(1, rolloutId);
                insert.setString(2, name);
                insert.setString(3, json);
                return insert.executeUpdate();
            }
        });
    }

    @Override
    public Optional<String> document(String rolloutId, String name) {
        return inTransaction(connection -> {
            try (PreparedStatement select = connection.prepareStatement("SELECT body FROM " + documents
                    + " WHERE rollout_id = ? AND name = ?")) {
                select.setString(1, rolloutId);
                select.setString(2, name);
                try (ResultSet rows = select.executeQuery()) {
                    return rows.next() ? Optional.of(rows.getString(1)) : Optional.<String>empty();
                }
            }
        });
    }

    @Override
    public void requestCommand(String rolloutId, RolloutCommand command) {
        update("UPDATE " + rollouts + " SET command = ? WHERE rollout_id = ?", command.name(), rolloutId);
    }

    @Override
    public Optional<RolloutCommand> takeCommand(String rolloutId) {
        return inTransaction(connection -> {
            String command = queryString(connection, "SELECT command FROM " + rollouts
                                                     + " WHERE rollout_id = ? FOR UPDATE", rolloutId);
            if (command == null) {
                return Optional.empty();
            }
            try (PreparedStatement clear = connection.prepareStatement("UPDATE " + rollouts
                    + " SET command = NULL WHERE rollout_id = ?")) {
                clear.setString(1, rolloutId);
                clear.executeUpdate();
            }
            return Optional.of(RolloutCommand.valueOf(command));
        });
    }

    private void update(String sql, String... values) {
        inTransaction(connection -> {
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                for (int i = 0; i < values.length; i++) {
                    statement.setString(i + 1, values[i]);
                }
                return statement.executeUpdate();
            }
        });
    }

    private static String queryString(Connection connection, String sql, String key) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(sql)) {
            select.setString(1, key);
            try (ResultSet rows = select.executeQuery()) {
                return rows.next() ? rows.getString(1) : null;
            }
        }
    }

    @FunctionalInterface
    private interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    private <T> T inTransaction(Work<T> work) {
        try (Connection connection = dataSource.getConnection()) {
            createTables(connection);
            boolean autoCommit = connection.getAutoCommit();
            connection.setAutoCommit(false);
            try {
                T result = work.run(connection);
                connection.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            } finally {
                connection.setAutoCommit(autoCommit);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Rollout store " + rollouts + ": " + e.getMessage(), e);
        }
    }

    private void createTables(Connection connection) throws SQLException {
        if (tablesReady) {
            return;
        }
        try (Statement ddl = connection.createStatement()) {
            ddl.execute("CREATE TABLE IF NOT EXISTS " + rollouts + " (rollout_id VARCHAR(128) PRIMARY KEY,"
                        + " head TEXT NOT NULL, progress TEXT NOT NULL, command VARCHAR(16))");
            ddl.execute("CREATE TABLE IF NOT EXISTS " + stages + " (rollout_id VARCHAR(128) NOT NULL, stage INT NOT NULL,"
                        + " part INT NOT NULL, devices TEXT NOT NULL, PRIMARY KEY (rollout_id, stage, part))");
            ddl.execute("CREATE TABLE IF NOT EXISTS " + decisions + " (rollout_id VARCHAR(128) NOT NULL, seq INT NOT NULL,"
                        + " decision TEXT NOT NULL, PRIMARY KEY (rollout_id, seq))");
            ddl.execute("CREATE TABLE IF NOT EXISTS " + documents + " (rollout_id VARCHAR(128) NOT NULL,"
                        + " name VARCHAR(64) NOT NULL, body TEXT NOT NULL, PRIMARY KEY (rollout_id, name))");
        }
        tablesReady = true;
    }
}
