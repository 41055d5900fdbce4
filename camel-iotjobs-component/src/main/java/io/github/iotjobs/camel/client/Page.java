/*
 * Licensed to the Apache Software Foundation (ASF) under one or more contributor license agreements; and to You
 * under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance with the
 * License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.iotjobs.camel.client;

import java.util.List;

/**
 * One page of a listing.
 *
 * @param items        the items of this page
 * @param continuation where the next page starts, opaque to callers; null on the last page
 */
public record Page<T>(List<T> items, String continuation) {

    public boolean isLast() {
        return continuation == null;
    }
}
