/*
 * Licensed to the Apache Software Foundation (ASF) under one or more contributor license agreements; and to You
 * under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance with the
 * License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.iotjobs.examples.docs;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

import org.apache.camel.catalog.CamelCatalog;
import org.apache.camel.catalog.DefaultCamelCatalog;
import org.apache.camel.catalog.EndpointValidationResult;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Camel's own catalog, given the components' JSON, accepts every iotjobs and iotrollout URI of the docs and examples.
 */
class CatalogUriTest {

    private static CamelCatalog catalog;

    @BeforeAll
    static void catalogWithTheComponent() throws IOException {
        catalog = new DefaultCamelCatalog();
        addComponent("iotjobs", "io.github.iotjobs.camel.IotJobsComponent",
                "/META-INF/io/github/iotjobs/camel/iotjobs.json");
        addComponent("iotrollout", "io.github.iotjobs.camel.rollout.IotRolloutComponent",
                "/META-INF/io/github/iotjobs/camel/rollout/iotrollout.json");
    }

    private static void addComponent(String scheme, String className, String json) throws IOException {
        try (InputStream in = CatalogUriTest.class.getResourceAsStream(json)) {
            catalog.addComponent(scheme, className, new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    @Test
    void everyIotJobsUriOfTheDocsAndExamplesValidates() throws IOException {
        // Java, YAML, XML and Markdown pages all hold some: a finder that lost one kind would show here.
        assertValid(urisOf("iotjobs"), "java", "yaml", "xml", "md");
    }

    @Test
    void everyIotRolloutUriOfTheDocsAndExamplesValidates() throws IOException {
        assertValid(urisOf("iotrollout"), "java", "yaml", "md");
    }

    private static List<EndpointUris.Found> urisOf(String scheme) throws IOException {
        Path project = Path.of(System.getProperty("iotjobs.docs")).getParent();
        return new EndpointUris(scheme).in(project.resolve("docs"), project.resolve("examples"),
                project.resolve("README.md"));
    }

    private static void assertValid(List<EndpointUris.Found> uris, String... kinds) {
        assertThat(uris).extracting(found -> found.file().getFileName().toString().replaceAll(".*\\.", ""))
                .contains(kinds);
        for (EndpointUris.Found found : uris) {
            EndpointValidationResult result = catalog.validateEndpointProperties(found.uri());
            assertThat(result.isSuccess()).as("%s%n%s", found, result.summaryErrorMessage(false)).isTrue();
        }
    }

    @Test
    void aMisspeltOptionIsRejected() {
        // Built from parts, so that the scan of this file does not find it.
        String uri = String.join(":", "iotjobs", "hub?operaton=getJob");

        EndpointValidationResult result = catalog.validateEndpointProperties(uri);

        assertThat(result.isSuccess()).isFalse();
        assertThat(result.getUnknown()).containsExactly("operaton");
    }

    @Test
    void aValueOutsideAnEnumIsRejected() {
        EndpointValidationResult result = catalog.validateEndpointProperties(
                String.join(":", "iotjobs", "hub?operation=rebootEverything"));

        assertThat(result.isSuccess()).isFalse();
        assertThat(result.getInvalidEnum()).containsKey("operation");
    }

    @Test
    void theFinderReadsEveryForm() {
        EndpointUris finder = new EndpointUris("iotjobs");
        // (The samples are valid URIs: the scan of this file finds them too.)
        String java = "from(\"iotjobs:hub?jobId=1\" + \"&pageSize=2\");\n.to(\"iotjobs:hub?delay=\" + millis);"
                      + "\n.to(\"iotjobs:\" + platform);";
        assertThat(finder.in("java", java)).containsExactly("iotjobs:hub?jobId=1&pageSize=2",
                "iotjobs:hub?delay=" + EndpointUris.DYNAMIC, "iotjobs:" + EndpointUris.DYNAMIC);
        String yaml = "- from:\n    uri: iotjobs:hub\n    parameters:\n      delay: 5\n    steps:\n"
                      + "      - to: iotjobs:hub?jobId=1\n";
        assertThat(finder.in("yaml", yaml)).containsExactly("iotjobs:hub?delay=5", "iotjobs:hub?jobId=1");
        assertThat(finder.in("xml", "<camel><route><to uri=\"iotjobs:hub?jobId=1&amp;pageSize=2\"/></route></camel>"))
                .containsExactly("iotjobs:hub?jobId=1&pageSize=2");
        assertThat(finder.in("properties", "route.to = iotjobs:hub?jobId=1\nother = timer:x"))
                .containsExactly("iotjobs:hub?jobId=1");
    }
}
