/*
 * Licensed to the Apache Software Foundation (ASF) under one or more contributor license agreements; and to You
 * under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance with the
 * License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.iotjobs.emulator.query;

import com.fasterxml.jackson.databind.JsonNode;

/** A node of a parsed condition; evaluation yields a JSON value, or null for "undefined". */
@FunctionalInterface
interface Expr {
    JsonNode eval(Document doc);
}
