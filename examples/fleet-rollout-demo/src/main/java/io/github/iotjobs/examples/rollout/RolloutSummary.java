/*
 * Licensed to the Apache Software Foundation (ASF) under one or more contributor license agreements; and to You
 * under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance with the
 * License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.iotjobs.examples.rollout;

import io.github.iotjobs.camel.rollout.RolloutView;
import io.github.iotjobs.camel.rollout.stage.RolloutPreview;

/**
 * What the demo did.
 *
 * @param preview  the dry run of the firmware rollout
 * @param firmware the firmware rollout as it ended
 * @param failing  the rollout whose canary failed, as it ended; null when it did not run
 */
public record RolloutSummary(RolloutPreview preview, RolloutView firmware, RolloutView failing) {
}
