/*
 * Licensed to the Apache Software Foundation (ASF) under one or more contributor license agreements; and to You
 * under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance with the
 * License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.iotjobs.examples.docs;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import javax.xml.parsers.DocumentBuilderFactory;

import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;

/**
 * Finds the endpoint URIs of one scheme in the project's sources and pages: Java string literals (joined across
 * "a" + "b"), YAML DSL ("to: uri", or "uri:" with its "parameters:"), XML DSL uri attributes, property values, and
 * the fenced java, yaml, xml and properties blocks of Markdown pages.
 */
final class EndpointUris {

    /** Stands for a value computed at run time, such as "...delay=" + settings.pollMillis(). */
    static final String DYNAMIC = "{{dynamic}}";

    private static final Pattern FENCE = Pattern.compile("```(java|yaml|xml|properties)\\n(.*?)```", Pattern.DOTALL);
    private static final Pattern LITERAL = Pattern.compile("\"((?:[^\"\\\\]|\\\\.)*)\"");
    private static final Pattern PLUS_LITERAL = Pattern.compile("\\G\\s*\\+\\s*\"((?:[^\"\\\\]|\\\\.)*)\"");
    private static final Pattern PLUS_OTHER = Pattern.compile("\\G\\s*\\+");

    private final String scheme;

    EndpointUris(String scheme) {
        this.scheme = scheme;
    }

    /** Every URI of the scheme in the files under the given roots, as "file: uri" pairs. */
    List<Found> in(Path... roots) throws IOException {
        List<Found> found = new ArrayList<>();
        for (Path root : roots) {
            try (Stream<Path> files = Files.walk(root)) {
                for (Path file : files.filter(Files::isRegularFile).filter(EndpointUris::isSource).sorted().toList()) {
                    String text = Files.readString(file);
                    String name = file.getFileName().toString();
                    String type = name.substring(name.lastIndexOf('.') + 1);
                    for (String uri : "md".equals(type) ? inMarkdown(text) : in(type, text)) {
                        found.add(new Found(file, uri));
                    }
                }
            }
        }
        return found;
    }

    List<String> in(String type, String text) {
        return switch (type) {
            case "java" -> inJava(text);
            case "yaml" -> inYaml(text);
            case "xml" -> inXml(text);
            case "properties" -> inProperties(text);
            default -> throw new IllegalArgumentException(type);
        };
    }

    private List<String> inMarkdown(String text) {
        List<String> uris = new ArrayList<>();
        Matcher m = FENCE.matcher(text);
        while (m.find()) {
            uris.addAll(in(m.group(1), m.group(2)));
        }
        return uris;
    }

    private List<String> inJava(String text) {
        List<String> uris = new ArrayList<>();
        Matcher literal = LITERAL.matcher(text);
        int from = 0;
        while (literal.find(from)) {
            from = literal.end();
            if (!literal.group(1).startsWith(scheme + ":")) {
                continue;
            }
            StringBuilder uri = new StringBuilder(literal.group(1));
            Matcher next = PLUS_LITERAL.matcher(text);
            while (next.find(from)) {
                uri.append(next.group(1));
                from = next.end();
            }
            if (PLUS_OTHER.matcher(text).region(from, text.length()).lookingAt()) {
                // An option's value or the path, computed: validated as a placeholder would be.
                char last = uri.charAt(uri.length() - 1);
                uri.append(last == '=' || last == ':' ? DYNAMIC : "");
            }
            uris.add(uri.toString());
        }
        return uris;
    }

    private List<String> inYaml(String text) {
        List<String> uris = new ArrayList<>();
        for (Object document : new Load(LoadSettings.builder().build()).loadAllFromString(text)) {
            collectYaml(document, uris);
        }
        return uris;
    }

    private void collectYaml(Object node, List<String> uris) {
        if (node instanceof Map<?, ?> map) {
            Object uri = map.get("uri");
            if (uri instanceof String s && s.startsWith(scheme + ":")) {
                uris.add(withParameters(s, map.get("parameters")));
            }
            map.forEach((key, value) -> {
                if (!"uri".equals(key) && value instanceof String s && s.startsWith(scheme + ":")) {
                    uris.add(s);
                }
                collectYaml(value, uris);
            });
        } else if (node instanceof List<?> list) {
            list.forEach(item -> collectYaml(item, uris));
        }
    }

    private static String withParameters(String uri, Object parameters) {
        if (!(parameters instanceof Map<?, ?> map) || map.isEmpty()) {
            return uri;
        }
        String query = map.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining("&"));
        return uri + (uri.contains("?") ? "&" : "?") + query;
    }

    private List<String> inXml(String text) {
        List<String> uris = new ArrayList<>();
        try {
            NodeList all = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                    .parse(new InputSource(new StringReader(text))).getElementsByTagName("*");
            for (int i = 0; i < all.getLength(); i++) {
                String uri = ((Element) all.item(i)).getAttribute("uri");
                if (uri.startsWith(scheme + ":")) {
                    uris.add(uri);
                }
            }
        } catch (Exception e) {
            throw new IllegalArgumentException("not well-formed XML: " + e.getMessage(), e);
        }
        return uris;
    }

    private List<String> inProperties(String text) {
        return text.lines().map(line -> line.replaceFirst("^[^#!=:\\s]+\\s*[=:]\\s*", ""))
                .filter(value -> value.startsWith(scheme + ":")).toList();
    }

    private static boolean isSource(Path file) {
        String path = file.toString().replace('\\', '/');
        return !path.contains("/target/") && path.matches(".*\\.(java|yaml|xml|properties|md)$")
               && !path.endsWith("/pom.xml") && !path.endsWith("log4j2-test.properties");
    }

    record Found(Path file, String uri) {
        @Override
        public String toString() {
            return file.getFileName() + ": " + uri;
        }
    }
}
