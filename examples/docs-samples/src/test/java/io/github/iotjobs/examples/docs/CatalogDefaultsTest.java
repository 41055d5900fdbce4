/*
 * Licensed to the Apache Software Foundation (ASF) under one or more contributor license agreements; and to You
 * under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance with the
 * License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.iotjobs.examples.docs;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.iotjobs.camel.IotJobsComponent;
import org.apache.camel.CamelContext;
import org.apache.camel.Consumer;
import org.apache.camel.Endpoint;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.spi.BeanIntrospection;
import org.apache.camel.spi.PropertyConfigurerGetter;
import org.apache.camel.support.PluginHelper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The defaults the catalog (and so the docs, IDE tooling and the Spring Boot metadata) states are the values a new
 * component and a new endpoint really have.
 */
class CatalogDefaultsTest {

    /** Row of an options table of docs/component-reference.md: name and default. */
    private static final Pattern ROW = Pattern.compile("^\\| `(\\w+)` \\| [^|]+ \\| (?:`([^`]*)`)? \\|", Pattern.MULTILINE);

    private static JsonNode catalog;

    @BeforeAll
    static void readCatalog() throws IOException {
        try (InputStream in = CatalogDefaultsTest.class.getResourceAsStream("/META-INF/io/github/iotjobs/camel/iotjobs.json")) {
            catalog = new ObjectMapper().readTree(in);
        }
    }

    @Test
    void componentDefaultsAreTheComponentsValues() throws Exception {
        try (CamelContext camel = new DefaultCamelContext()) {
            IotJobsComponent component = camel.getComponent("iotjobs", IotJobsComponent.class);
            PropertyConfigurerGetter configurer = (PropertyConfigurerGetter) component.getComponentPropertyConfigurer();
            assertDefaults("componentProperties", (name, group) -> configurer.getOptionValue(component, name, false));
        }
    }

    @Test
    void endpointDefaultsAreTheEndpointsValues() throws Exception {
        try (CamelContext camel = new DefaultCamelContext()) {
            Endpoint endpoint = camel.getEndpoint("iotjobs:hub");
            PropertyConfigurerGetter configurer = (PropertyConfigurerGetter) camel.getComponent("iotjobs")
                    .getEndpointPropertyConfigurer();
            // Scheduler options are what the consumer polls with; the endpoint may hold "unset" (initialDelay -1).
            Consumer consumer = endpoint.createConsumer(exchange -> {
            });
            BeanIntrospection beans = PluginHelper.getBeanIntrospection(camel);
            assertDefaults("properties", (name, group) -> {
                Object polled = "scheduler".equals(group) ? beans.getOrElseProperty(consumer, name, null, false) : null;
                return polled != null ? polled : configurer.getOptionValue(endpoint, name, false);
            });
        }
    }

    @Test
    void theReferenceTablesRepeatTheCatalogDefaults() throws IOException {
        String reference = Files.readString(Path.of(System.getProperty("iotjobs.docs"), "component-reference.md"));
        Map<String, String> documented = new HashMap<>();
        Matcher row = ROW.matcher(reference);
        while (row.find()) {
            documented.merge(row.group(1), row.group(2) == null ? "" : row.group(2), (a, b) -> {
                assertThat(b).as("%s has two defaults in the reference", row.group(1)).isEqualToIgnoringCase(a);
                return a;
            });
        }
        for (String section : new String[] { "componentProperties", "properties" }) {
            catalog.get(section).properties().forEach(option -> {
                JsonNode value = option.getValue().get("defaultValue");
                assertThat(documented).as("options table row of %s", option.getKey()).containsKey(option.getKey());
                assertThat(documented.get(option.getKey())).as("default of %s in the reference", option.getKey())
                        .isEqualToIgnoringCase(value == null ? "" : value.asText());
            });
        }
    }

    private static void assertDefaults(String section, BiFunction<String, String, Object> valueOfOptionInGroup) {
        int checked = 0;
        for (Map.Entry<String, JsonNode> option : catalog.get(section).properties()) {
            JsonNode declared = option.getValue().get("defaultValue");
            if (declared == null) {
                continue;
            }
            Object actual = valueOfOptionInGroup.apply(option.getKey(), option.getValue().path("group").asText());
            assertThat(actual == null ? "none" : String.valueOf(actual))
                    .as("%s: catalog default %s", option.getKey(), declared)
                    .isEqualTo(declared.asText());
            checked++;
        }
        assertThat(checked).as("options with a default in %s", section).isGreaterThan(10);
    }
}
