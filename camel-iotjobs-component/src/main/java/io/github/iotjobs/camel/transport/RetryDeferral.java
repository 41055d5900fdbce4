/*
 * Licensed to the Apache Software Foundation (ASF) under one or more contributor license agreements; and to You
 * under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance with the
 * License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.iotjobs.camel.transport;

/**
 * Lets a caller that must not block (an asynchronous producer) take over the waits of the calls it makes: inside
 * {@link #run}, a request that would sleep before a retry, or wait for its request budget, throws
 * {@link RetryLaterException} instead, and the caller schedules the call again. Elsewhere requests wait in their
 * thread, which is what polling consumers and plain Java callers want.
 */
public final class RetryDeferral {

    /** The retry number of the attempt under way on this thread, or null when waits are not deferred. */
    private static final ThreadLocal<Integer> RETRY = new ThreadLocal<>();

    private RetryDeferral() {
    }

    /** A call that may fail. */
    @FunctionalInterface
    public interface Call<T> {
        T call() throws Exception;
    }

    /**
     * Runs the call with its waits deferred.
     *
     * @param retry the retry number this attempt counts as: 0 at first, then {@link RetryLaterException#getNextRetry()}
     */
    public static <T> T run(int retry, Call<T> call) throws Exception {
        Integer outer = RETRY.get();
        RETRY.set(retry);
        try {
            return call.call();
        } finally {
            if (outer == null) {
                RETRY.remove();
            } else {
                RETRY.set(outer);
            }
        }
    }

    /** The retry number to start counting from on this thread, or -1 when waits happen in the thread. */
    static int deferredRetry() {
        Integer retry = RETRY.get();
        return retry == null ? -1 : retry;
    }
}
