/*
 * Licensed to the Apache Software Foundation (ASF) under one or more contributor license agreements; and to You
 * under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance with the
 * License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.iotjobs.emulator.query;

import java.util.List;

/** A compiled WHERE condition (a job's queryCondition, or the WHERE of a query). "*" selects everything. */
public final class Condition {

    public static final Condition ALL = new Condition(doc -> Values.bool(true), "*");

    private static final int MAX_LENGTH = 8192;

    private final Expr expr;
    private final String text;

    private Condition(Expr expr, String text) {
        this.expr = expr;
        this.text = text;
    }

    /** @throws QueryException on a syntax error */
    public static Condition parse(String text) {
        return parse(text, null);
    }

    static Condition parse(String text, String pathPrefix) {
        if (text == null || text.isBlank()) {
            throw new QueryException("Empty condition", 0);
        }
        if (text.length() > MAX_LENGTH) {
            throw new QueryException("Query expression exceeds " + MAX_LENGTH + " characters", MAX_LENGTH);
        }
        if (text.trim().equals("*")) {
            return ALL;
        }
        return parse(Lexer.tokenize(text), 0, pathPrefix, text);
    }

    static Condition parse(List<Token> tokens, int start, String pathPrefix, String text) {
        return new Condition(new Parser(tokens, start, pathPrefix).parseCondition(), text);
    }

    public boolean test(Document doc) {
        return Values.isTrue(expr.eval(doc));
    }

    @Override
    public String toString() {
        return text;
    }
}
