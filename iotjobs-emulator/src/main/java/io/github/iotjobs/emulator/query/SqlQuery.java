/*
 * Licensed to the Apache Software Foundation (ASF) under one or more contributor license agreements; and to You
 * under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance with the
 * License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.iotjobs.emulator.query;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The query forms the emulator serves on POST /devices/query: SELECT * or a projection (SELECT deviceId, tags.x)
 * FROM devices [WHERE ...], and SELECT * FROM devices.jobs [WHERE ...] (only SELECT * is allowed on devices.jobs, §3).
 */
public final class SqlQuery {

    public enum Source { DEVICES, DEVICE_JOBS }

    private final Source source;
    private final List<String> projection;
    private final Condition where;
    private final String requiredJobId;

    private SqlQuery(Source source, List<String> projection, Condition where, String requiredJobId) {
        this.source = source;
        this.projection = projection;
        this.where = where;
        this.requiredJobId = requiredJobId;
    }

    /**
     * For devices.jobs: the job id every matching row must have, when the WHERE is a pure conjunction (no OR, NOT
     * or NIN) containing {@code jobId = 'X'}; lets a page read one job's rows instead of every job's.
     */
    public Optional<String> requiredJobId() {
        return Optional.ofNullable(requiredJobId);
    }

    /** The selected property paths, or an empty list for SELECT *. */
    public List<String> projection() {
        return projection;
    }

    public Source source() {
        return source;
    }

    public Condition where() {
        return where;
    }

    /** @throws QueryException when the text is not one of the supported forms */
    public static SqlQuery parse(String text) {
        if (text == null || text.isBlank()) {
            throw new QueryException("Empty query", 0);
        }
        if (text.length() > 8192) {
            throw new QueryException("Query expression exceeds 8192 characters", 8192);
        }
        List<Token> tokens = Lexer.tokenize(text);
        int i = 0;
        expectKeyword(tokens.get(i++), "SELECT");
        List<String> projection = new ArrayList<>();
        if (tokens.get(i).is("*")) {
            i++;
        } else {
            i = projection(tokens, i, projection);
        }
        expectKeyword(tokens.get(i++), "FROM");
        Token collection = tokens.get(i++);
        expectKeyword(collection, "devices");
        Source source = Source.DEVICES;
        if (tokens.get(i).is(".")) {
            Token sub = tokens.get(i + 1);
            expectKeyword(sub, "jobs");
            i += 2;
            source = Source.DEVICE_JOBS;
            if (!projection.isEmpty()) {
                throw new QueryException("Only SELECT * is allowed on devices.jobs", sub.position());
            }
        }
        Token next = tokens.get(i);
        if (next.kind() == Token.Kind.EOF) {
            return new SqlQuery(source, projection, Condition.ALL, null);
        }
        expectKeyword(next, "WHERE");
        String prefix = source == Source.DEVICE_JOBS ? "devices.jobs" : "devices";
        Condition where = Condition.parse(tokens, i + 1, prefix, text);
        return new SqlQuery(source, projection, where, source == Source.DEVICE_JOBS
                ? requiredJobId(tokens, i + 1) : null);
    }

    private static boolean opensTerm(List<Token> tokens, int i, int start) {
        return i == start || tokens.get(i - 1).isKeyword("AND") || tokens.get(i - 1).is("(");
    }

    private static String requiredJobId(List<Token> tokens, int start) {
        for (int i = start; i < tokens.size(); i++) {
            Token t = tokens.get(i);
            if (t.isKeyword("OR") || t.isKeyword("NOT") || t.isKeyword("NIN")) {
                return null;
            }
        }
        for (int i = start; i + 3 < tokens.size(); i++) {
            boolean bare = tokens.get(i).isKeyword("jobId") && opensTerm(tokens, i, start);
            boolean qualified = bare || i >= start + 4 && tokens.get(i).isKeyword("jobId") && tokens.get(i - 1).is(".")
                    && tokens.get(i - 2).isKeyword("jobs") && tokens.get(i - 3).is(".")
                    && tokens.get(i - 4).isKeyword("devices") && opensTerm(tokens, i - 4, start);
            Token after = tokens.get(i + 3);
            if (qualified && tokens.get(i + 1).is("=") && tokens.get(i + 2).kind() == Token.Kind.STRING
                    && (after.kind() == Token.Kind.EOF || after.isKeyword("AND") || after.is(")"))) {
                return tokens.get(i + 2).text();
            }
        }
        return null;
    }

    /** Reads {@code path [, path]...} into the list; returns the index of the token after it. */
    private static int projection(List<Token> tokens, int start, List<String> paths) {
        int i = start;
        while (true) {
            Token name = tokens.get(i++);
            if (name.kind() != Token.Kind.IDENT || name.isKeyword("FROM")) {
                throw new QueryException("Expected a property name but found '" + name.text() + "'", name.position());
            }
            StringBuilder path = new StringBuilder(name.text());
            while (tokens.get(i).is(".") && tokens.get(i + 1).kind() == Token.Kind.IDENT) {
                path.append('.').append(tokens.get(i + 1).text());
                i += 2;
            }
            paths.add(path.toString());
            if (!tokens.get(i).is(",")) {
                return i;
            }
            i++;
        }
    }

    private static void expectKeyword(Token t, String keyword) {
        if (!t.isKeyword(keyword)) {
            throw new QueryException("Expected '" + keyword + "' but found '" + t.text() + "'", t.position());
        }
    }
}
