/*
 * Licensed to the Apache Software Foundation (ASF) under one or more contributor license agreements; and to You
 * under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance with the
 * License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.iotjobs.examples.springboot;

import java.util.LinkedHashMap;
import java.util.Map;

import io.github.iotjobs.camel.IotJobsComponent;
import org.apache.camel.CamelContext;
import org.apache.camel.spi.PropertyConfigurer;
import org.apache.camel.spring.boot.CamelContextConfiguration;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.PropertyBindingSupport;
import org.apache.camel.util.StringHelper;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * Applies the Spring properties under camel.component.iotjobs.* to the iotjobs component before Camel starts, with
 * the component's generated configurer: the part of a Camel Spring Boot starter this example needs, until the project
 * publishes a camel-iotjobs-starter. Names may be kebab-case (connection-string) or camelCase (connectionString).
 */
@Configuration(proxyBeanMethods = false)
public class IotJobsComponentProperties {

    static final String PREFIX = "camel.component.iotjobs";

    @Bean
    CamelContextConfiguration iotJobsComponentConfiguration(Environment environment) {
        return new CamelContextConfiguration() {
            @Override
            public void beforeApplicationStart(CamelContext camelContext) {
                Map<String, String> raw = Binder.get(environment)
                        .bind(PREFIX, Bindable.mapOf(String.class, String.class)).orElse(Map.of());
                Map<String, Object> options = new LinkedHashMap<>();
                raw.forEach((name, value) -> options.put(StringHelper.dashToCamelCase(name), value));
                if (options.isEmpty()) {
                    return;
                }
                IotJobsComponent component = camelContext.getComponent("iotjobs", IotJobsComponent.class);
                PropertyConfigurer configurer = PluginHelper.getConfigurerResolver(camelContext)
                        .resolvePropertyConfigurer("iotjobs-component", camelContext);
                PropertyBindingSupport.build()
                        .withCamelContext(camelContext)
                        .withTarget(component)
                        .withConfigurer(configurer)
                        .withProperties(options)
                        .withIgnoreCase(true)
                        .withMandatory(true)
                        .withRemoveParameters(false)
                        .bind();
            }

            @Override
            public void afterApplicationStart(CamelContext camelContext) {
            }
        };
    }
}
