/*
 * Licensed to the Apache Software Foundation (ASF) under one or more contributor license agreements; and to You
 * under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance with the
 * License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.iotjobs.camel.springboot;

import java.util.Map;

import org.apache.camel.CamelContext;
import org.apache.camel.spring.boot.util.CamelPropertiesHelper;
import org.apache.camel.util.StringHelper;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.core.env.Environment;

/**
 * Copies onto a component the options the application configured, and only those. The generated properties classes
 * carry the catalog defaults (for the IDE metadata); copying those too would overwrite what a user's
 * ComponentCustomizer or a "#bean:" configuration object had set.
 */
public final class ConfiguredOptions {

    private ConfiguredOptions() {
    }

    /**
     * @param prefix     the properties' prefix, such as camel.component.iotjobs
     * @param properties the bound properties object of that prefix
     * @param target     the component to configure; an option it does not accept fails the start
     */
    public static void copy(CamelContext camelContext, Environment environment, String prefix, Object properties,
                            Object target) {
        Map<String, Object> options = CamelPropertiesHelper.getNonNullProperties(camelContext, properties);
        // Settings of the auto-configuration itself, not options of the component.
        options.remove("enabled");
        options.remove("customizer");
        Iterable<ConfigurationPropertySource> sources = ConfigurationPropertySources.get(environment);
        options.keySet().removeIf(option -> !isSet(sources, prefix + "." + StringHelper.camelCaseToDash(option)));
        if (!options.isEmpty()) {
            CamelPropertiesHelper.setCamelProperties(camelContext, target, options, true);
        }
    }

    private static boolean isSet(Iterable<ConfigurationPropertySource> sources, String property) {
        ConfigurationPropertyName name = ConfigurationPropertyName.of(property);
        for (ConfigurationPropertySource source : sources) {
            if (source.getConfigurationProperty(name) != null) {
                return true;
            }
        }
        return false;
    }
}
