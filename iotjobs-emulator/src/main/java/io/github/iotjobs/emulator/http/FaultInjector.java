/*
 * Licensed to the Apache Software Foundation (ASF) under one or more contributor license agreements; and to You
 * under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance with the
 * License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.iotjobs.emulator.http;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** The active faults, first match wins; used faults with no uses left are skipped. */
public final class FaultInjector {

    private final List<Fault> faults = new CopyOnWriteArrayList<>();

    public void add(Fault fault) {
        faults.add(fault);
    }

    public void clear() {
        faults.clear();
    }

    Fault match(String method, String path) {
        for (Fault fault : faults) {
            if (fault.claim(method, path)) {
                return fault;
            }
        }
        return null;
    }
}
