/*
 * Licensed to the Apache Software Foundation (ASF) under one or more contributor license agreements; and to You
 * under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance with the
 * License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.iotjobs.emulator.query;

import java.util.ArrayList;
import java.util.List;

/** Splits query text into tokens: identifiers (may start with $), quoted strings, numbers and symbols. */
final class Lexer {

    private final String text;
    private int pos;

    private Lexer(String text) {
        this.text = text;
    }

    static List<Token> tokenize(String text) {
        return new Lexer(text).run();
    }

    private List<Token> run() {
        List<Token> tokens = new ArrayList<>();
        while (true) {
            while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
                pos++;
            }
            if (pos >= text.length()) {
                tokens.add(new Token(Token.Kind.EOF, "", pos));
                return tokens;
            }
            char c = text.charAt(pos);
            int start = pos;
            if (c == '\'' || c == '"') {
                tokens.add(new Token(Token.Kind.STRING, string(c), start));
            } else if (Character.isDigit(c) || (c == '.' && pos + 1 < text.length()
                    && Character.isDigit(text.charAt(pos + 1)))) {
                tokens.add(new Token(Token.Kind.NUMBER, number(), start));
            } else if (Character.isLetter(c) || c == '$' || c == '_') {
                while (pos < text.length() && (Character.isLetterOrDigit(text.charAt(pos))
                        || text.charAt(pos) == '$' || text.charAt(pos) == '_')) {
                    pos++;
                }
                tokens.add(new Token(Token.Kind.IDENT, text.substring(start, pos), start));
            } else {
                tokens.add(new Token(Token.Kind.SYMBOL, symbol(), start));
            }
        }
    }

    private String string(char quote) {
        StringBuilder sb = new StringBuilder();
        int start = pos;
        pos++;
        while (pos < text.length()) {
            char c = text.charAt(pos++);
            if (c == quote) {
                return sb.toString();
            }
            if (c == '\\') {
                if (pos >= text.length()) {
                    break;
                }
                char e = text.charAt(pos++);
                switch (e) {
                    case 'u' -> {
                        if (pos + 4 > text.length()) {
                            throw new QueryException("Invalid unicode escape", pos);
                        }
                        try {
                            sb.append((char) Integer.parseInt(text.substring(pos, pos + 4), 16));
                        } catch (NumberFormatException ex) {
                            throw new QueryException("Invalid unicode escape", pos);
                        }
                        pos += 4;
                    }
                    case 'n' -> sb.append('\n');
                    case 't' -> sb.append('\t');
                    case 'r' -> sb.append('\r');
                    default -> sb.append(e);
                }
            } else {
                sb.append(c);
            }
        }
        throw new QueryException("Unterminated string literal", start);
    }

    private String number() {
        int start = pos;
        if (text.startsWith("0x", pos) || text.startsWith("0X", pos)) {
            pos += 2;
            while (pos < text.length() && Character.digit(text.charAt(pos), 16) >= 0) {
                pos++;
            }
            if (pos == start + 2) {
                throw new QueryException("Invalid hexadecimal literal", start);
            }
            return text.substring(start, pos);
        }
        while (pos < text.length() && (Character.isDigit(text.charAt(pos)) || text.charAt(pos) == '.')) {
            pos++;
        }
        if (pos < text.length() && (text.charAt(pos) == 'e' || text.charAt(pos) == 'E')) {
            int save = pos;
            pos++;
            if (pos < text.length() && (text.charAt(pos) == '+' || text.charAt(pos) == '-')) {
                pos++;
            }
            int digits = pos;
            while (pos < text.length() && Character.isDigit(text.charAt(pos))) {
                pos++;
            }
            if (pos == digits) {
                pos = save;
            }
        }
        String n = text.substring(start, pos);
        if (n.indexOf('.') != n.lastIndexOf('.')) {
            throw new QueryException("Invalid number '" + n + "'", start);
        }
        return n;
    }

    private String symbol() {
        for (String two : new String[] {"!=", "<>", "<=", ">="}) {
            if (text.startsWith(two, pos)) {
                pos += 2;
                return two;
            }
        }
        char c = text.charAt(pos);
        if ("()[],.=<>+-*/%".indexOf(c) >= 0) {
            pos++;
            return String.valueOf(c);
        }
        throw new QueryException("Unexpected character at input '" + c + "'", pos);
    }
}
