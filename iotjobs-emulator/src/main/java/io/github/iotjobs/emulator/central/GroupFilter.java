/*
 * Licensed to the Apache Software Foundation (ASF) under one or more contributor license agreements; and to You
 * under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance with the
 * License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.iotjobs.emulator.central;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.github.iotjobs.emulator.fleet.DeviceTwin;

/**
 * A device-group filter (protocol.md §13.3): {@code SELECT * FROM devices [WHERE term (AND term)*]}, a term being
 * {@code $template|$id = "..."}, {@code $provisioned|$simulated|$connected = true|false}, with {@code =} or
 * {@code !=}. Every emulated device is provisioned and simulated.
 */
public final class GroupFilter {

    private static final Pattern SELECT = Pattern.compile("(?i)\\s*SELECT\\s+\\*\\s+FROM\\s+devices\\s*(?:WHERE\\s+(.+))?");
    private static final Pattern TERM = Pattern.compile(
            "\\s*(\\$[A-Za-z]+)\\s*(=|!=)\\s*(\"[^\"]*\"|'[^']*'|true|false)\\s*", Pattern.CASE_INSENSITIVE);

    private record Term(String field, boolean equal, String value) {
    }

    private final List<Term> terms;

    private GroupFilter(List<Term> terms) {
        this.terms = terms;
    }

    /** @throws IllegalArgumentException naming what is wrong */
    public static GroupFilter parse(String filter) {
        if (filter == null) {
            throw new IllegalArgumentException("filter is required");
        }
        Matcher select = SELECT.matcher(filter);
        if (!select.matches()) {
            throw new IllegalArgumentException("filter must read SELECT * FROM devices [WHERE ...]");
        }
        List<Term> terms = new ArrayList<>();
        if (select.group(1) != null) {
            for (String part : select.group(1).split("(?i)\\s+AND\\s+")) {
                Matcher m = TERM.matcher(part);
                if (!m.matches()) {
                    throw new IllegalArgumentException("unsupported filter term: " + part.trim());
                }
                String field = m.group(1).toLowerCase(Locale.ROOT);
                String value = m.group(3);
                boolean quoted = value.startsWith("\"") || value.startsWith("'");
                boolean text = field.equals("$template") || field.equals("$id");
                if (!field.matches("\\$(template|id|provisioned|simulated|connected)") || text != quoted) {
                    throw new IllegalArgumentException("unsupported filter term: " + part.trim());
                }
                terms.add(new Term(field, m.group(2).equals("="), quoted ? value.substring(1, value.length() - 1)
                        : value.toLowerCase(Locale.ROOT)));
            }
        }
        return new GroupFilter(terms);
    }

    public boolean test(DeviceTwin twin) {
        for (Term term : terms) {
            String actual = switch (term.field) {
                case "$template" -> DeviceTemplates.template(twin);
                case "$id" -> twin.deviceId();
                case "$connected" -> String.valueOf(twin.connected());
                default -> "true";
            };
            if (actual.equals(term.value) != term.equal) {
                return false;
            }
        }
        return true;
    }
}
