/*
 * Licensed to the Apache Software Foundation (ASF) under one or more contributor license agreements; and to You
 * under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance with the
 * License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.iotjobs.camel.springboot;

import io.github.iotjobs.camel.IotJobsComponent;
import org.apache.camel.CamelContext;
import org.apache.camel.spi.ComponentCustomizer;
import org.apache.camel.spi.StateRepository;
import org.apache.camel.spring.boot.CamelAutoConfiguration;
import org.apache.camel.support.processor.state.MemoryStateRepository;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/** When the auto-configuration applies, and how users adjust it: enabled flags, customizers, bean references. */
class IotJobsAutoConfigurationTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(CamelAutoConfiguration.class, IotJobsComponentConverter.class,
                    IotJobsComponentAutoConfiguration.class))
            .withPropertyValues("camel.main.run-controller=false", "camel.component.iotjobs.base-url=http://127.0.0.1:1");

    @Test
    void propertiesApplyByDefault() {
        runner.withPropertyValues("camel.component.iotjobs.page-size=7").run(context -> {
            assertThat(context).hasSingleBean(IotJobsComponentAutoConfiguration.class);
            assertThat(iotjobs(context.getBean(CamelContext.class)).getConfiguration().getPageSize()).isEqualTo(7);
        });
    }

    @Test
    void camelCaseNamesBindToo() {
        runner.withPropertyValues("camel.component.iotjobs.pageSize=7", "camel.component.iotjobs.startFrom=now")
                .run(context -> {
                    IotJobsComponent component = iotjobs(context.getBean(CamelContext.class));
                    assertThat(component.getConfiguration().getPageSize()).isEqualTo(7);
                    assertThat(component.getConfiguration().getStartFrom()).isEqualTo("now");
                });
    }

    @Test
    void enabledFalseSkipsTheAutoConfiguration() {
        runner.withPropertyValues("camel.component.iotjobs.enabled=false", "camel.component.iotjobs.page-size=7")
                .run(context -> {
                    assertThat(context).doesNotHaveBean(IotJobsComponentAutoConfiguration.class);
                    assertThat(iotjobs(context.getBean(CamelContext.class)).getConfiguration().getPageSize())
                            .isEqualTo(100);
                });
    }

    @Test
    void allComponentsCanBeSwitchedOffAtOnce() {
        runner.withPropertyValues("camel.component.enabled=false")
                .run(context -> assertThat(context).doesNotHaveBean(IotJobsComponentAutoConfiguration.class));
    }

    @Test
    void absentComponentClassSkipsTheAutoConfiguration() {
        runner.withClassLoader(new FilteredClassLoader(IotJobsComponent.class))
                .run(context -> assertThat(context).doesNotHaveBean(IotJobsComponentAutoConfiguration.class));
    }

    @Test
    void customizerFalseLeavesTheComponentAlone() {
        runner.withPropertyValues("camel.component.iotjobs.customizer.enabled=false",
                "camel.component.iotjobs.page-size=7")
                .run(context -> assertThat(iotjobs(context.getBean(CamelContext.class)).getConfiguration().getPageSize())
                        .isEqualTo(100));
    }

    @Test
    void userCustomizersRunToo() {
        runner.withBean("retries", ComponentCustomizer.class,
                () -> ComponentCustomizer.forType(IotJobsComponent.class, c -> c.getConfiguration().setMaxRetries(9)))
                .run(context -> assertThat(iotjobs(context.getBean(CamelContext.class)).getConfiguration().getMaxRetries())
                        .isEqualTo(9));
    }

    @Test
    void objectOptionsTakeBeanReferences() {
        MemoryStateRepository state = new MemoryStateRepository();
        runner.withBean("jobState", StateRepository.class, () -> state)
                .withPropertyValues("camel.component.iotjobs.state-repository=#bean:jobState")
                .run(context -> assertThat(iotjobs(context.getBean(CamelContext.class)).getConfiguration()
                        .getStateRepository()).isSameAs(state));
    }

    private static IotJobsComponent iotjobs(CamelContext camel) {
        return camel.getComponent("iotjobs", IotJobsComponent.class);
    }
}
