/*
 * Licensed to the Apache Software Foundation (ASF) under one or more contributor license agreements; and to You
 * under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance with the
 * License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.iotjobs.camel.rollout.store;

/**
 * A run of a frozen stage's devices that share a time zone (plan field {@code window}): the stage's device ids are
 * stored grouped by zone, and these segments say where each group ends, so its chunks never mix zones.
 *
 * @param zone    the IANA time zone of the group
 * @param devices how many devices, in stored order, it holds
 */
public record ZoneSegment(String zone, int devices) {
}
