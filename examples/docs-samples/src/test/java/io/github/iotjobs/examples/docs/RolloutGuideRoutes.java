/*
 * Licensed to the Apache Software Foundation (ASF) under one or more contributor license agreements; and to You
 * under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance with the
 * License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.iotjobs.examples.docs;

import org.apache.camel.builder.RouteBuilder;

/** The routes of docs/rollout-guide.md, compiled. */
public class RolloutGuideRoutes extends RouteBuilder {

    @Override
    public void configure() {
        // the connection is the iotjobs component's (camel.component.iotjobs.connectionString)
        from("direct:firmware")
            .setHeader("CamelIotRolloutOperation", constant("start"))
            .setBody(constant("""
                target: {query: "tags.model = 'x1'"}
                action:
                  twinPatch:
                    properties: {desired: {firmware: "2.1.0"}}
                stages: [{devices: 20}, {percent: 10}, {percent: 50}, {percent: 100}]
                successThreshold: 95%
                failureThreshold: 5%
                onFailure: pause
                """))
            .to("iotrollout:firmware-2-1-0");

        from("iotrollout:firmware-2-1-0?deviceResults=false")
            .log("${header.CamelIotRolloutEvent} stage ${header.CamelIotRolloutStage}: ${body.detail}");
    }
}
