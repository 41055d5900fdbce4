/*
 * Licensed to the Apache Software Foundation (ASF) under one or more contributor license agreements; and to You
 * under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance with the
 * License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.iotjobs.camel.validation;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Checks the syntax of an IoT Hub query condition (the WHERE clause of a twin query, without WHERE) before it is
 * sent: the hub accepts a bad condition when the job is created and fails the job later, so the mistake is caught
 * here instead. Grammar: comparisons, IN/NIN with arrays, AND/OR/NOT, arithmetic, function calls, parentheses; a lone
 * {@code *} means every device.
 */
public final class QueryConditionSyntax {

    /** The hub's limit on a query expression. */
    public static final int MAX_LENGTH = 8192;

    private static final Set<String> COMPARISONS = Set.of("=", "!=", "<>", "<", ">", "<=", ">=");
    private static final Set<String> CLAUSE_KEYWORDS = Set.of("SELECT", "FROM", "WHERE", "GROUP", "ORDER");

    private final String field;
    private final List<Token> tokens;
    private int position;

    private QueryConditionSyntax(String field, List<Token> tokens) {
        this.field = field;
        this.tokens = tokens;
    }

    /** @throws IotJobsValidationException naming the field and what is wrong where */
    public static void check(String field, String condition) {
        if (condition == null || condition.isBlank()) {
            throw new IotJobsValidationException(field, field + " is required: a condition such as"
                                                        + " tags.building = 'b1', or * for every device");
        }
        if (condition.length() > MAX_LENGTH) {
            throw new IotJobsValidationException(field, field + " is " + condition.length()
                                                        + " characters long; the hub takes at most " + MAX_LENGTH);
        }
        if ("*".equals(condition.trim())) {
            return;
        }
        QueryConditionSyntax parser = new QueryConditionSyntax(field, new Tokenizer(field, condition).tokens());
        parser.condition();
        parser.expectEnd();
    }

    private void condition() {
        and();
        while (acceptKeyword("OR")) {
            and();
        }
    }

    private void and() {
        not();
        while (acceptKeyword("AND")) {
            not();
        }
    }

    private void not() {
        if (acceptKeyword("NOT")) {
            not();
            return;
        }
        comparison();
    }

    private void comparison() {
        sum();
        Token next = peek();
        if (next.kind == Kind.OPERATOR && COMPARISONS.contains(next.text)) {
            position++;
            sum();
        } else if (acceptKeyword("IN") || acceptKeyword("NIN")) {
            array();
        }
    }

    private void sum() {
        product();
        while (peek().kind == Kind.OPERATOR && (peek().text.equals("+") || peek().text.equals("-"))) {
            position++;
            product();
        }
    }

    private void product() {
        unary();
        while (peek().kind == Kind.OPERATOR && "*/%".contains(peek().text)) {
            position++;
            unary();
        }
    }

    private void unary() {
        if (peek().kind == Kind.OPERATOR && peek().text.equals("-")) {
            position++;
        }
        primary();
    }

    private void primary() {
        Token token = next();
        switch (token.kind) {
            case STRING, NUMBER -> {
            }
            case PUNCT -> {
                if (token.text.equals("(")) {
                    condition();
                    expect(")");
                } else if (token.text.equals("[")) {
                    position--;
                    array();
                } else {
                    throw error(token, "unexpected '" + token.text + "'");
                }
            }
            case IDENT -> {
                if (CLAUSE_KEYWORDS.contains(token.text.toUpperCase(Locale.ROOT))) {
                    throw error(token, "is a whole query; give only the condition, without SELECT, FROM or WHERE");
                }
                if (peek().kind == Kind.PUNCT && peek().text.equals("(")) {
                    position++;
                    if (!(peek().kind == Kind.PUNCT && peek().text.equals(")"))) {
                        condition();
                        while (acceptPunct(",")) {
                            condition();
                        }
                    }
                    expect(")");
                }
            }
            case END -> throw error(token, "ends where a value was expected");
            default -> throw error(token, "unexpected '" + token.text + "'");
        }
    }

    private void array() {
        expect("[");
        if (acceptPunct("]")) {
            return;
        }
        do {
            sum();
        } while (acceptPunct(","));
        expect("]");
    }

    private void expectEnd() {
        Token token = peek();
        if (token.kind != Kind.END) {
            throw error(token, "unexpected '" + token.text + "'");
        }
    }

    private void expect(String punct) {
        Token token = next();
        if (token.kind != Kind.PUNCT || !token.text.equals(punct)) {
            throw error(token, token.kind == Kind.END ? "ends where '" + punct + "' was expected"
                    : "expected '" + punct + "' but found '" + token.text + "'");
        }
    }

    private boolean acceptKeyword(String keyword) {
        Token token = peek();
        if (token.kind == Kind.IDENT && token.text.equalsIgnoreCase(keyword)) {
            position++;
            return true;
        }
        return false;
    }

    private boolean acceptPunct(String punct) {
        Token token = peek();
        if (token.kind == Kind.PUNCT && token.text.equals(punct)) {
            position++;
            return true;
        }
        return false;
    }

    private Token peek() {
        return tokens.get(position);
    }

    private Token next() {
        Token token = tokens.get(position);
        if (token.kind != Kind.END) {
            position++;
        }
        return token;
    }

    private IotJobsValidationException error(Token token, String what) {
        return new IotJobsValidationException(field, field + " is not a valid query condition: at character "
                                                     + (token.offset + 1) + ", " + what);
    }

    private enum Kind {
        IDENT,
        STRING,
        NUMBER,
        OPERATOR,
        PUNCT,
        END
    }

    private record Token(Kind kind, String text, int offset) {
    }

    /** Splits a condition into identifiers (dotted paths, $-names), strings, numbers, operators and punctuation. */
    private static final class Tokenizer {

        private final String field;
        private final String text;
        private int at;

        Tokenizer(String field, String text) {
            this.field = field;
            this.text = text;
        }

        List<Token> tokens() {
            List<Token> tokens = new ArrayList<>();
            while (true) {
                while (at < text.length() && Character.isWhitespace(text.charAt(at))) {
                    at++;
                }
                if (at >= text.length()) {
                    tokens.add(new Token(Kind.END, "", at));
                    return tokens;
                }
                tokens.add(token());
            }
        }

        private Token token() {
            int start = at;
            char c = text.charAt(at);
            if (c == '\'' || c == '"') {
                return string(c);
            }
            if (Character.isDigit(c) || c == '.' && at + 1 < text.length() && Character.isDigit(text.charAt(at + 1))) {
                while (at < text.length() && (Character.isLetterOrDigit(text.charAt(at)) || text.charAt(at) == '.')) {
                    at++;
                }
                return new Token(Kind.NUMBER, text.substring(start, at), start);
            }
            if (Character.isLetter(c) || c == '$' || c == '_') {
                while (at < text.length() && isPathChar(text.charAt(at))) {
                    at++;
                }
                String path = text.substring(start, at);
                if (path.endsWith(".") || path.contains("..")) {
                    throw new IotJobsValidationException(field, field + " is not a valid query condition: at"
                                                                + " character " + (start + 1) + ", '" + path
                                                                + "' is not a property path");
                }
                return new Token(Kind.IDENT, path, start);
            }
            for (String operator : List.of("<=", ">=", "<>", "!=", "=", "<", ">", "+", "-", "*", "/", "%")) {
                if (text.startsWith(operator, at)) {
                    at += operator.length();
                    return new Token(Kind.OPERATOR, operator, start);
                }
            }
            if ("()[],".indexOf(c) >= 0) {
                at++;
                return new Token(Kind.PUNCT, String.valueOf(c), start);
            }
            throw new IotJobsValidationException(field, field + " is not a valid query condition: at character "
                                                        + (start + 1) + ", unexpected '" + c + "'");
        }

        private Token string(char quote) {
            int start = at++;
            while (at < text.length()) {
                char c = text.charAt(at++);
                if (c == '\\') {
                    at++;
                } else if (c == quote) {
                    return new Token(Kind.STRING, text.substring(start, at), start);
                }
            }
            throw new IotJobsValidationException(field, field + " is not a valid query condition: the string"
                                                        + " starting at character " + (start + 1)
                                                        + " is not terminated");
        }

        private static boolean isPathChar(char c) {
            return Character.isLetterOrDigit(c) || c == '_' || c == '$' || c == '.';
        }
    }
}
