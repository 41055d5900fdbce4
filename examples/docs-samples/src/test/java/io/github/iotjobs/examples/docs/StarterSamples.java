/*
 * Licensed to the Apache Software Foundation (ASF) under one or more contributor license agreements; and to You
 * under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance with the
 * License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.iotjobs.examples.docs;

import io.github.iotjobs.camel.IotJobsComponent;
import org.apache.camel.spi.ComponentCustomizer;

/** The Java sample of docs/spring-boot-starter.md (its behaviour is tested in the starter's module). */
final class StarterSamples {

    private StarterSamples() {
    }

    static ComponentCustomizer retries() {
        ComponentCustomizer retries = ComponentCustomizer.forType(IotJobsComponent.class,
                component -> component.getConfiguration().setMaxRetries(8));
        return retries;
    }
}
