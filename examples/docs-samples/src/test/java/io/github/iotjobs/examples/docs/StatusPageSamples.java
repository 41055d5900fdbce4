/*
 * Licensed to the Apache Software Foundation (ASF) under one or more contributor license agreements; and to You
 * under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance with the
 * License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.iotjobs.examples.docs;

import io.github.iotjobs.camel.rollout.status.RolloutStatusPage;
import org.apache.camel.CamelContext;

/** The Java sample of the status page section of docs/rollout-guide.md (RolloutStatusPageTest runs the page). */
final class StatusPageSamples {

    private StatusPageSamples() {
    }

    static void addStatusPage(CamelContext context) throws Exception {
        RolloutStatusPage page = new RolloutStatusPage();
        page.setPath("/iotrollout");       // the default
        page.setRefreshInterval(2000);     // ms between the page's reads of its JSON, the default
        context.addRoutes(page);           // with Spring Boot: return it from a @Bean method
    }
}
