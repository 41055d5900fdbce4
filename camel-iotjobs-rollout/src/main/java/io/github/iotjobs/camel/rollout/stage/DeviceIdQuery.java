/*
 * Licensed to the Apache Software Foundation (ASF) under one or more contributor license agreements; and to You
 * under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance with the
 * License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.iotjobs.camel.rollout.stage;

import java.util.ArrayList;
import java.util.List;

import io.github.iotjobs.camel.validation.QueryConditionSyntax;

/**
 * Turns a list of device ids into {@code deviceId IN ['a','b',...]} conditions, each within the hub's 8,192-character
 * query limit. Device ids may contain {@code '}, which a query string literal escapes as {@code \'}.
 */
public final class DeviceIdQuery {

    private static final String PREFIX = "deviceId IN [";
    private static final String SUFFIX = "]";

    private DeviceIdQuery() {
    }

    /** Where each chunk of {@code ids} ends (exclusive), in order; every chunk's condition fits the limit. */
    public static List<Integer> chunkEnds(List<String> ids) {
        return chunkEnds(ids, QueryConditionSyntax.MAX_LENGTH);
    }

    /** As {@link #chunkEnds(List)}, for conditions of at most {@code maxLength} characters. */
    public static List<Integer> chunkEnds(List<String> ids, int maxLength) {
        List<Integer> ends = new ArrayList<>();
        int length = PREFIX.length() + SUFFIX.length();
        int inChunk = 0;
        for (int i = 0; i < ids.size(); i++) {
            int added = literalLength(ids.get(i)) + (inChunk > 0 ? 1 : 0);
            if (inChunk > 0 && length + added > maxLength) {
                ends.add(i);
                length = PREFIX.length() + SUFFIX.length();
                inChunk = 0;
                added = literalLength(ids.get(i));
            }
            length += added;
            inChunk++;
        }
        if (inChunk > 0) {
            ends.add(ids.size());
        }
        return ends;
    }

    /** The condition that selects exactly these devices. */
    public static String condition(List<String> ids) {
        StringBuilder sb = new StringBuilder(PREFIX.length() + ids.size() * 16);
        sb.append(PREFIX);
        for (int i = 0; i < ids.size(); i++) {
            if (i > 0) {
                sb.append(',');
            }
            appendLiteral(sb, ids.get(i));
        }
        return sb.append(SUFFIX).toString();
    }

    private static int literalLength(String id) {
        int quotes = 0;
        for (int i = 0; i < id.length(); i++) {
            if (id.charAt(i) == '\'') {
                quotes++;
            }
        }
        return id.length() + quotes + 2;
    }

    private static void appendLiteral(StringBuilder sb, String id) {
        sb.append('\'');
        for (int i = 0; i < id.length(); i++) {
            char c = id.charAt(i);
            if (c == '\'') {
                sb.append('\\');
            }
            sb.append(c);
        }
        sb.append('\'');
    }
}
