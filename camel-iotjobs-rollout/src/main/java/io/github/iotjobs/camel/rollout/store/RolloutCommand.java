/*
 * Licensed to the Apache Software Foundation (ASF) under one or more contributor license agreements; and to You
 * under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance with the
 * License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.iotjobs.camel.rollout.store;

/** What a user asked of a running rollout; the orchestrator that owns it carries it out on its next turn. */
public enum RolloutCommand {
    pause,
    resume,
    abort,
    rollback,
    approve
}
