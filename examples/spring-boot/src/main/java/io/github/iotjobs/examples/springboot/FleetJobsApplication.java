/*
 * Licensed to the Apache Software Foundation (ASF) under one or more contributor license agreements; and to You
 * under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance with the
 * License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.iotjobs.examples.springboot;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** A fleet-jobs service: Camel routes in a Spring Boot application, the component configured by properties. */
@SpringBootApplication
public class FleetJobsApplication {

    public static void main(String[] args) {
        SpringApplication.run(FleetJobsApplication.class, args);
    }
}
