/*
 * Licensed to the Apache Software Foundation (ASF) under one or more contributor license agreements; and to You
 * under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance with the
 * License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.iotjobs.camel.client;

import java.util.Iterator;
import java.util.NoSuchElementException;

import io.github.iotjobs.camel.IotJobsOperationFailedException;
import org.apache.camel.RuntimeCamelException;

/**
 * Iterates a listing page by page: the next page is fetched only when the current one is used up, so a listing of a
 * million rows never sits in memory and a streaming splitter can consume it.
 */
public final class PagedIterator<T> implements Iterator<T> {

    private final PageFetcher<T> fetcher;
    private Iterator<T> current;
    private String continuation;
    private boolean lastPageFetched;

    public PagedIterator(PageFetcher<T> fetcher) {
        this.fetcher = fetcher;
    }

    @Override
    public boolean hasNext() {
        while ((current == null || !current.hasNext()) && !lastPageFetched) {
            Page<T> page = fetch();
            current = page.items().iterator();
            continuation = page.continuation();
            lastPageFetched = page.isLast();
        }
        return current != null && current.hasNext();
    }

    @Override
    public T next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        return current.next();
    }

    private Page<T> fetch() {
        try {
            return fetcher.fetch(continuation);
        } catch (IotJobsOperationFailedException e) {
            // Iterator cannot throw checked exceptions; the splitter reports the wrapped cause.
            throw new RuntimeCamelException(e);
        }
    }
}
