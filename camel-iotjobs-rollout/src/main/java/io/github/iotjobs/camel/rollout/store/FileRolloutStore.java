/*
 * Licensed to the Apache Software Foundation (ASF) under one or more contributor license agreements; and to You
 * under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance with the
 * License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.iotjobs.camel.rollout.store;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import io.github.iotjobs.camel.rollout.stage.FrozenStage;
import io.github.iotjobs.camel.rollout.stage.RolloutJobIds;

/**
 * Keeps each rollout in its own directory: {@code rollout.json} (id, plan), {@code stage-N.txt} (the stage's device
 * ids, one per line: device ids hold no line breaks), {@code progress.json} (replaced atomically),
 * {@code decisions.jsonl} (appended), {@code command.json} and {@code doc-<name>.json} (previous values, rollback
 * jobs).
 * <p>
 * Writes survive the JVM (a killed process loses nothing the store was given) but are not forced to the disk on each
 * turn: a store that must survive the machine's power loss belongs in a database ({@link JdbcRolloutStore}).
 */
public final class FileRolloutStore implements RolloutStore {

    private final Path directory;

    public FileRolloutStore(Path directory) {
        this.directory = directory;
    }

    public Path directory() {
        return directory;
    }

    @Override
    public synchronized boolean create(RolloutRecord record, RolloutProgress progress) {
        Path dir = dir(record.rolloutId());
        try {
            Files.createDirectories(directory);
            Path staging = Files.createTempDirectory(directory, ".new-");
            for (FrozenStage stage : record.stages()) {
                try (BufferedWriter out = Files.newBufferedWriter(staging.resolve("stage-" + stage.index() + ".txt"),
                        StandardCharsets.UTF_8)) {
                    for (String id : stage.deviceIds()) {
                        out.write(id);
                        out.write('\n');
                    }
                }
            }
            Files.writeString(staging.resolve("progress.json"), StoredJson.write(progress));
            // Written last: a directory without it is an interrupted create and is not listed.
            Files.writeString(staging.resolve("rollout.json"), StoredJson.head(record));
            try {
                Files.move(staging, dir, StandardCopyOption.ATOMIC_MOVE);
                return true;
            } catch (FileAlreadyExistsException | java.nio.file.DirectoryNotEmptyException exists) {
                deleteTree(staging);
                return false;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot store rollout " + record.rolloutId() + " in " + directory, e);
        }
    }

    @Override
    public Optional<RolloutRecord> record(String rolloutId) {
        Path dir = dir(rolloutId);
        Path head = dir.resolve("rollout.json");
        if (!Files.exists(head)) {
            return Optional.empty();
        }
        try {
            StoredJson.Head read = StoredJson.readHead(Files.readString(head));
            List<List<String>> stages = new ArrayList<>(read.stages());
            for (int i = 0; i < read.stages(); i++) {
                stages.add(Files.readAllLines(dir.resolve("stage-" + i + ".txt"), StandardCharsets.UTF_8));
            }
            return Optional.of(StoredJson.record(read, stages));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read rollout " + rolloutId, e);
        }
    }

    @Override
    public Optional<RolloutProgress> progress(String rolloutId) {
        return readFile(dir(rolloutId).resolve("progress.json"))
                .map(json -> StoredJson.read(json, RolloutProgress.class));
    }

    @Override
    public synchronized void saveProgress(String rolloutId, RolloutProgress progress) {
        replace(dir(rolloutId).resolve("progress.json"), StoredJson.write(progress));
    }

    @Override
    public synchronized void appendDecision(String rolloutId, RolloutDecision decision) {
        try {
            Files.writeString(dir(rolloutId).resolve("decisions.jsonl"), StoredJson.write(decision) + "\n",
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot record a decision of rollout " + rolloutId, e);
        }
    }

    @Override
    public List<RolloutDecision> decisions(String rolloutId) {
        Path file = dir(rolloutId).resolve("decisions.jsonl");
        if (!Files.exists(file)) {
            return List.of();
        }
        try (Stream<String> lines = Files.lines(file, StandardCharsets.UTF_8)) {
            return lines.filter(line -> !line.isBlank()).map(line -> StoredJson.read(line, RolloutDecision.class))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the decisions of rollout " + rolloutId, e);
        }
    }

    @Override
    public List<String> rolloutIds() {
        if (!Files.isDirectory(directory)) {
            return List.of();
        }
        List<String> ids = new ArrayList<>();
        try (Stream<Path> dirs = Files.list(directory)) {
            for (Path dir : (Iterable<Path>) dirs::iterator) {
                if (dir.getFileName().toString().startsWith(".")) {
                    continue; // a create in progress
                }
                Path head = dir.resolve("rollout.json");
                if (Files.exists(head)) {
                    ids.add(StoredJson.readHead(Files.readString(head)).rolloutId());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list the rollouts in " + directory, e);
        }
        return ids;
    }

    @Override
    public synchronized void saveDocument(String rolloutId, String name, String json) {
        replace(dir(rolloutId).resolve(documentFile(name)), json);
    }

    @Override
    public Optional<String> document(String rolloutId, String name) {
        return readFile(dir(rolloutId).resolve(documentFile(name)));
    }

    private static String documentFile(String name) {
        if (!name.matches("[A-Za-z0-9-]{1,64}")) {
            throw new IllegalArgumentException("document name: letters, digits and dashes, not " + name);
        }
        return "doc-" + name + ".json";
    }

    @Override
    public synchronized void requestCommand(String rolloutId, RolloutCommand command) {
        replace(dir(rolloutId).resolve("command.json"), "\"" + command.name() + "\"");
    }

    @Override
    public synchronized Optional<RolloutCommand> takeCommand(String rolloutId) {
        Path file = dir(rolloutId).resolve("command.json");
        Optional<String> text = readFile(file);
        if (text.isEmpty()) {
            return Optional.empty();
        }
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot take the command of rollout " + rolloutId, e);
        }
        return Optional.of(RolloutCommand.valueOf(text.get().replace("\"", "").trim()));
    }

    private Path dir(String rolloutId) {
        return directory.resolve(RolloutJobIds.key(rolloutId));
    }

    private static Optional<String> readFile(Path file) {
        try {
            return Optional.of(Files.readString(file));
        } catch (java.nio.file.NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file, e);
        }
    }

    private static void replace(Path file, String content) {
        try {
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            Files.writeString(tmp, content, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING);
            try {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + file, e);
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
