/*
 * Licensed to the Apache Software Foundation (ASF) under one or more contributor license agreements; and to You
 * under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance with the
 * License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.iotjobs.camel.springboot;

import java.io.IOException;
import java.io.InputStream;
import java.util.HashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.camel.util.StringHelper;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/** The IDE metadata the starter ships documents every option of both components' catalogs, with its default. */
class SpringConfigurationMetadataTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @ParameterizedTest
    @CsvSource({"iotjobs, META-INF/io/github/iotjobs/camel/iotjobs.json, 30",
            "iotrollout, META-INF/io/github/iotjobs/camel/rollout/iotrollout.json, 8"})
    void everyCatalogComponentOptionIsDocumented(String scheme, String catalogJson, int atLeast) throws IOException {
        JsonNode catalog = read(catalogJson).path("componentProperties");
        Map<String, JsonNode> metadata = new HashMap<>();
        read("META-INF/spring-configuration-metadata.json").path("properties")
                .forEach(p -> metadata.put(p.path("name").asText(), p));

        assertThat(catalog.size()).isGreaterThan(atLeast);
        catalog.properties().forEach(entry -> {
            String property = "camel.component." + scheme + "." + StringHelper.camelCaseToDash(entry.getKey());
            JsonNode option = entry.getValue();
            if (option.path("javaType").asText().equals("javax.sql.DataSource")) {
                return; // Spring Boot's metadata processor leaves DataSource properties out by design
            }
            assertThat(metadata).as(property).containsKey(property);
            JsonNode documented = metadata.get(property);
            assertThat(documented.path("description").asText()).as(property)
                    .startsWith(option.path("description").asText());
            if (option.has("defaultValue")) {
                assertThat(documented.path("defaultValue").asText()).as(property)
                        .isEqualToIgnoringCase(option.path("defaultValue").asText());
            } else {
                assertThat(documented.has("defaultValue")).as(property).isFalse();
            }
        });
        assertThat(metadata).containsKeys("camel.component." + scheme + ".enabled",
                "camel.component." + scheme + ".customizer.enabled");
    }

    private static JsonNode read(String resource) throws IOException {
        try (InputStream in = SpringConfigurationMetadataTest.class.getClassLoader().getResourceAsStream(resource)) {
            assertThat(in).as(resource).isNotNull();
            return JSON.readTree(in);
        }
    }
}
