/*
 * Licensed to the Apache Software Foundation (ASF) under one or more contributor license agreements; and to You
 * under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance with the
 * License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.iotjobs.camel.rollout.store;

/** How a finished stage ended: its counts and the gate's decision ({@code passed}, {@code failed}, {@code accepted}). */
public record StageOutcome(int stage, int devices, int succeeded, int failed, String gate) {
}
