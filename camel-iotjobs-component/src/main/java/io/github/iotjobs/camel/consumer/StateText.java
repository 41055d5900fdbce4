/*
 * Licensed to the Apache Software Foundation (ASF) under one or more contributor license agreements; and to You
 * under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance with the
 * License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.iotjobs.camel.consumer;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Escapes free text (job ids, device ids, the consumer's scope) for the consumer's state: every character outside
 * {@code A-Z a-z 0-9 - _ .} becomes {@code %XX} of its UTF-8 bytes. What remains can never contain the separators the
 * state uses ({@code | ; , : /}) nor what a repository's own format reserves (FileStateRepository splits lines on
 * {@code =} and newline), so any id IoT Hub allows (protocol.md §4.4) is safe in any {@code StateRepository}.
 */
final class StateText {

    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private StateText() {
    }

    static String escape(String text) {
        int i = 0;
        while (i < text.length() && plain(text.charAt(i))) {
            i++;
        }
        if (i == text.length()) {
            // The common case (letters, digits, dashes): no copy.
            return text;
        }
        StringBuilder out = new StringBuilder(text.length() + 16).append(text, 0, i);
        for (byte b : text.substring(i).getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xFF);
            if (c < 0x80 && plain(c)) {
                out.append(c);
            } else {
                out.append('%').append(HEX[(b >> 4) & 0xF]).append(HEX[b & 0xF]);
            }
        }
        return out.toString();
    }

    static String unescape(String text) {
        if (text.indexOf('%') < 0) {
            return text;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '%') {
                bytes.write(Integer.parseInt(text, i + 1, i + 3, 16));
                i += 2;
            } else {
                bytes.write(c);
            }
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    private static boolean plain(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '_'
               || c == '.';
    }
}
