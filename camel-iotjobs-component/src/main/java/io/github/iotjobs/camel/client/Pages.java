/*
 * Licensed to the Apache Software Foundation (ASF) under one or more contributor license agreements; and to You
 * under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance with the
 * License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.iotjobs.camel.client;

import java.util.ArrayList;
import java.util.List;

import io.github.iotjobs.camel.IotJobsOperationFailedException;

/**
 * The continuation loop: fetch a page, hand over its items, follow its continuation until there is none. Listings
 * that answer as a whole use it; {@link PagedIterator} is the same walk, pulled one item at a time.
 */
public final class Pages {

    /** Takes one item of a listing. */
    @FunctionalInterface
    public interface ItemAction<T> {
        void accept(T item) throws IotJobsOperationFailedException;
    }

    private Pages() {
    }

    /** Hands every item of every page to {@code action}, in order; one request per page. */
    public static <T> void forEach(PageFetcher<T> fetcher, ItemAction<? super T> action)
            throws IotJobsOperationFailedException {
        String continuation = null;
        do {
            Page<T> page = fetcher.fetch(continuation);
            for (T item : page.items()) {
                action.accept(item);
            }
            continuation = page.continuation();
        } while (continuation != null);
    }

    /** Every item of every page, in order. */
    public static <T> List<T> all(PageFetcher<T> fetcher) throws IotJobsOperationFailedException {
        List<T> items = new ArrayList<>();
        forEach(fetcher, items::add);
        return items;
    }
}
