/*
 * Licensed to the Apache Software Foundation (ASF) under one or more contributor license agreements; and to You
 * under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance with the
 * License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.iotjobs.camel.consumer;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * Spaces out the device listings of a job that found nothing new: while the index lags, a job's statistics count
 * final rows the index does not show yet, and listing again on every poll would spend the query quota on the same
 * rows. A job is listed again at once when its statistics count more final rows than when it was last listed, or
 * else after a pause. Kept in memory: after a restart the first listing simply comes at once.
 */
public final class ListingPacer {

    private record Idle(long doneCount, Instant until) {
    }

    private final Duration pause;
    private final Map<JobKey, Idle> idle = new HashMap<>();

    /** @param indexLag the lag bound; a tenth of it, between 1 and 30 seconds, is the pause */
    public ListingPacer(Duration indexLag) {
        Duration tenth = indexLag.dividedBy(10);
        this.pause = tenth.compareTo(Duration.ofSeconds(1)) < 0 ? Duration.ofSeconds(1)
                : tenth.compareTo(Duration.ofSeconds(30)) > 0 ? Duration.ofSeconds(30) : tenth;
    }

    /** @param doneCount the final rows the job's statistics count now (-1 when it has none) */
    public boolean mayList(JobKey job, long doneCount, Instant now) {
        Idle last = idle.get(job);
        return last == null || doneCount > last.doneCount() || !now.isBefore(last.until());
    }

    /** A listing of the job reached its last page; {@code tookRows}: it found rows not taken before. */
    public void listed(JobKey job, long doneCount, boolean tookRows, Instant now) {
        if (tookRows) {
            idle.remove(job);
        } else {
            idle.put(job, new Idle(doneCount, now.plus(pause)));
        }
    }

    /** Forgets the jobs that have no rows pending any more. */
    public void retain(Set<JobKey> pending) {
        idle.keySet().retainAll(pending);
    }
}
