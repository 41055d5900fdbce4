/*
 * Licensed to the Apache Software Foundation (ASF) under one or more contributor license agreements; and to You
 * under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance with the
 * License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.iotjobs.emulator.query;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.DecimalNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.github.iotjobs.emulator.json.Json;

/** Recursive-descent parser for the condition grammar of protocol.md §7.3. */
final class Parser {

    private static final int MAX_DEPTH = 64;

    private final List<Token> tokens;
    private final String pathPrefix;
    private int index;
    private int depth;

    /** @param pathPrefix a lower-case collection prefix stripped from paths, e.g. "devices.jobs." (or null) */
    Parser(List<Token> tokens, int start, String pathPrefix) {
        this.tokens = tokens;
        this.index = start;
        this.pathPrefix = pathPrefix;
    }

    Expr parseCondition() {
        Expr expr = or();
        Token end = peek();
        if (end.kind() != Token.Kind.EOF) {
            throw new QueryException("Unexpected token '" + end.text() + "'", end.position());
        }
        return expr;
    }

    private Token peek() {
        return tokens.get(index);
    }

    private Token next() {
        Token t = tokens.get(index);
        if (t.kind() != Token.Kind.EOF) {
            index++;
        }
        return t;
    }

    private void expect(String symbol) {
        Token t = next();
        if (!t.is(symbol)) {
            throw new QueryException("Expected '" + symbol + "' but found '" + t.text() + "'", t.position());
        }
    }

    private void enter() {
        if (++depth > MAX_DEPTH) {
            throw new QueryException("Expression nested too deeply", peek().position());
        }
    }

    private Expr or() {
        Expr left = and();
        while (peek().isKeyword("OR")) {
            next();
            Expr l = left;
            Expr r = and();
            left = doc -> Values.bool(Values.isTrue(l.eval(doc)) || Values.isTrue(r.eval(doc)));
        }
        return left;
    }

    private Expr and() {
        Expr left = not();
        while (peek().isKeyword("AND")) {
            next();
            Expr l = left;
            Expr r = not();
            left = doc -> Values.bool(Values.isTrue(l.eval(doc)) && Values.isTrue(r.eval(doc)));
        }
        return left;
    }

    private Expr not() {
        if (peek().isKeyword("NOT")) {
            next();
            enter();
            Expr inner = not();
            depth--;
            return doc -> Values.bool(!Values.isTrue(inner.eval(doc)));
        }
        return comparison();
    }

    private Expr comparison() {
        Expr left = sum();
        Token t = peek();
        if (t.kind() == Token.Kind.SYMBOL && List.of("=", "!=", "<>", "<", ">", "<=", ">=").contains(t.text())) {
            next();
            Expr right = sum();
            String op = t.text();
            return doc -> Values.bool(Values.compare(op, left.eval(doc), right.eval(doc)));
        }
        if (t.isKeyword("IN") || t.isKeyword("NIN")) {
            next();
            boolean negate = t.isKeyword("NIN");
            ArrayNode values = array();
            return doc -> {
                JsonNode v = left.eval(doc);
                if (v == null) {
                    return Values.bool(false);
                }
                boolean found = false;
                for (JsonNode candidate : values) {
                    if (Values.compare("=", v, candidate)) {
                        found = true;
                        break;
                    }
                }
                return Values.bool(found != negate);
            };
        }
        return left;
    }

    private Expr sum() {
        Expr left = product();
        while (peek().is("+") || peek().is("-")) {
            String op = next().text();
            Expr l = left;
            Expr r = product();
            left = doc -> Values.arithmetic(op, l.eval(doc), r.eval(doc));
        }
        return left;
    }

    private Expr product() {
        Expr left = unary();
        while (peek().is("*") || peek().is("/") || peek().is("%")) {
            String op = next().text();
            Expr l = left;
            Expr r = unary();
            left = doc -> Values.arithmetic(op, l.eval(doc), r.eval(doc));
        }
        return left;
    }

    private Expr unary() {
        if (peek().is("-")) {
            next();
            enter();
            Expr inner = unary();
            depth--;
            return doc -> Values.arithmetic("-", LongNode.valueOf(0), inner.eval(doc));
        }
        return primary();
    }

    private Expr primary() {
        Token t = peek();
        switch (t.kind()) {
            case STRING -> {
                next();
                JsonNode v = TextNode.valueOf(t.text());
                return doc -> v;
            }
            case NUMBER -> {
                next();
                JsonNode v = number(t);
                return doc -> v;
            }
            case SYMBOL -> {
                if (t.is("(")) {
                    next();
                    enter();
                    Expr inner = or();
                    depth--;
                    expect(")");
                    return inner;
                }
                if (t.is("[")) {
                    ArrayNode v = array();
                    return doc -> v;
                }
                throw new QueryException("Unexpected token '" + t.text() + "'", t.position());
            }
            case IDENT -> {
                return identifier();
            }
            default -> throw new QueryException("Unexpected end of input", t.position());
        }
    }

    private Expr identifier() {
        Token t = next();
        String lower = t.text().toLowerCase(Locale.ROOT);
        if (peek().is("(")) {
            return function(t, lower);
        }
        switch (lower) {
            case "true":
                return doc -> BooleanNode.TRUE;
            case "false":
                return doc -> BooleanNode.FALSE;
            case "null":
                return doc -> NullNode.instance;
            case "undefined":
                return doc -> null;
            case "and": case "or": case "not": case "in": case "nin":
                throw new QueryException("Unexpected keyword '" + t.text() + "'", t.position());
            default:
                List<String> path = path(t);
                return doc -> doc.resolve(path);
        }
    }

    private List<String> path(Token first) {
        List<String> path = new ArrayList<>();
        path.add(first.text());
        while (peek().is(".")) {
            next();
            Token part = next();
            if (part.kind() != Token.Kind.IDENT) {
                throw new QueryException("Expected a property name after '.'", part.position());
            }
            path.add(part.text());
        }
        return stripPrefix(path);
    }

    private List<String> stripPrefix(List<String> path) {
        if (pathPrefix == null) {
            return List.copyOf(path);
        }
        String[] prefix = pathPrefix.split("\\.");
        if (path.size() > prefix.length) {
            for (int i = 0; i < prefix.length; i++) {
                if (!path.get(i).equalsIgnoreCase(prefix[i])) {
                    return List.copyOf(path);
                }
            }
            return List.copyOf(path.subList(prefix.length, path.size()));
        }
        return List.copyOf(path);
    }

    private Expr function(Token name, String lower) {
        expect("(");
        List<Expr> args = new ArrayList<>();
        List<List<String>> paths = new ArrayList<>();
        if (!peek().is(")")) {
            do {
                Token argStart = peek();
                if (lower.equals("is_defined")) {
                    if (argStart.kind() != Token.Kind.IDENT) {
                        throw new QueryException("IS_DEFINED expects a property path", argStart.position());
                    }
                    paths.add(path(next()));
                } else {
                    enter();
                    args.add(or());
                    depth--;
                }
            } while (peek().is(",") && next() != null);
        }
        expect(")");
        switch (lower) {
            case "is_defined":
                requireArgs(name, paths.size(), 1);
                List<String> p = paths.get(0);
                return doc -> Values.bool(doc.resolve(p) != null);
            case "is_null":
                requireArgs(name, args.size(), 1);
                return doc -> {
                    JsonNode v = args.get(0).eval(doc);
                    return Values.bool(v != null && v.isNull());
                };
            case "starts_with":
            case "ends_with":
            case "contains":
                requireArgs(name, args.size(), 2);
                return doc -> {
                    JsonNode a = args.get(0).eval(doc);
                    JsonNode b = args.get(1).eval(doc);
                    if (a == null || b == null || !a.isTextual() || !b.isTextual()) {
                        return Values.bool(false);
                    }
                    return Values.bool(switch (lower) {
                        case "starts_with" -> a.textValue().startsWith(b.textValue());
                        case "ends_with" -> a.textValue().endsWith(b.textValue());
                        default -> a.textValue().contains(b.textValue());
                    });
                };
            default:
                throw new QueryException("Unknown function '" + name.text() + "'", name.position());
        }
    }

    private static void requireArgs(Token name, int actual, int expected) {
        if (actual != expected) {
            throw new QueryException(name.text() + " expects " + expected + " argument(s)", name.position());
        }
    }

    private ArrayNode array() {
        Token open = next();
        if (!open.is("[")) {
            throw new QueryException("Expected '[' but found '" + open.text() + "'", open.position());
        }
        ArrayNode array = Json.NODES.arrayNode();
        if (peek().is("]")) {
            next();
            return array;
        }
        do {
            array.add(constant());
        } while (peek().is(",") && next() != null);
        expect("]");
        return array;
    }

    private JsonNode constant() {
        Token t = next();
        boolean negative = false;
        if (t.is("-")) {
            negative = true;
            t = next();
        }
        if (t.kind() == Token.Kind.NUMBER) {
            JsonNode n = number(t);
            return negative ? Values.arithmetic("-", LongNode.valueOf(0), n) : n;
        }
        if (!negative && t.kind() == Token.Kind.STRING) {
            return TextNode.valueOf(t.text());
        }
        if (!negative && t.kind() == Token.Kind.IDENT) {
            switch (t.text().toLowerCase(Locale.ROOT)) {
                case "true": return BooleanNode.TRUE;
                case "false": return BooleanNode.FALSE;
                case "null": return NullNode.instance;
                default: break;
            }
        }
        throw new QueryException("Expected a constant but found '" + t.text() + "'", t.position());
    }

    private static JsonNode number(Token t) {
        String s = t.text();
        try {
            if (s.startsWith("0x") || s.startsWith("0X")) {
                return DecimalNode.valueOf(new BigDecimal(new BigInteger(s.substring(2), 16)));
            }
            return DoubleNode.valueOf(Double.parseDouble(s));
        } catch (NumberFormatException e) {
            throw new QueryException("Invalid number '" + s + "'", t.position());
        }
    }
}
