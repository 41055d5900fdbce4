/*
 * Licensed to the Apache Software Foundation (ASF) under one or more contributor license agreements; and to You
 * under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance with the
 * License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.iotjobs.camel.rollout;

/** The producer operations of {@code iotrollout}. */
public enum IotRolloutOperations {
    /** The dry run: the devices and job ids of each stage and the time the quotas allow; nothing is sent. */
    preview,
    /** Resolves the target, freezes the stages, stores the rollout and starts its first stage. */
    start,
    pause,
    resume,
    abort,
    /** Undoes the change on the devices the rollout reached (previous values, or the plan's rollback method). */
    rollback,
    /** Lets a rollout awaiting a manual approval go on; the body is the remark kept in its history. */
    approve,
    get,
    list
}
