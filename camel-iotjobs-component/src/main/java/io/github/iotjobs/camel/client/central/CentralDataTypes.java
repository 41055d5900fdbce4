/*
 * Licensed to the Apache Software Foundation (ASF) under one or more contributor license agreements; and to You
 * under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance with the
 * License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.iotjobs.camel.client.central;

import java.util.List;

/**
 * IoT Central job data types (protocol.md §10.4) in both spellings: the swagger's words ({@code property},
 * {@code command}, {@code cloudProperty}, {@code deviceTemplateMigration}), which are sent, and the how-to
 * document's ({@code PropertyJobData}, ...), which are read as the same.
 */
public final class CentralDataTypes {

    public static final String PROPERTY = "property";
    public static final String COMMAND = "command";
    public static final String CLOUD_PROPERTY = "cloudProperty";
    public static final String TEMPLATE_MIGRATION = "deviceTemplateMigration";

    /** The swagger words, in the order messages name them. */
    public static final List<String> WORDS = List.of(PROPERTY, COMMAND, CLOUD_PROPERTY, TEMPLATE_MIGRATION);

    private CentralDataTypes() {
    }

    /** The swagger word for either spelling, or null for a type IoT Central does not have. */
    public static String swaggerWord(String type) {
        if (type == null) {
            return null;
        }
        return switch (type) {
            case PROPERTY, "PropertyJobData" -> PROPERTY;
            case COMMAND, "CommandJobData" -> COMMAND;
            case CLOUD_PROPERTY, "CloudPropertyJobData" -> CLOUD_PROPERTY;
            case TEMPLATE_MIGRATION, "DeviceTemplateMigrationJobData" -> TEMPLATE_MIGRATION;
            default -> null;
        };
    }

    /** Whether the type targets a capability (target, path, value) rather than a template. */
    static boolean isCapability(String swaggerWord) {
        return PROPERTY.equals(swaggerWord) || COMMAND.equals(swaggerWord) || CLOUD_PROPERTY.equals(swaggerWord);
    }
}
