/*
 * Licensed to the Apache Software Foundation (ASF) under one or more contributor license agreements; and to You
 * under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance with the
 * License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.iotjobs.emulator.query;

/** A syntax error in a query or condition; the message mimics the hub's "Line 1:N ..." parse errors. */
public final class QueryException extends RuntimeException {

    public QueryException(String message, int position) {
        super("Line 1:" + position + " " + message);
    }
}
