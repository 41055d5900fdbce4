/*
 * Licensed to the Apache Software Foundation (ASF) under one or more contributor license agreements; and to You
 * under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance with the
 * License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.iotjobs.emulator.query;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.DoubleNode;

/** Comparison and arithmetic semantics of the query language (protocol.md §7.2-7.3). */
final class Values {

    private Values() {
    }

    static boolean isTrue(JsonNode value) {
        return value != null && value.isBoolean() && value.booleanValue();
    }

    static JsonNode bool(boolean value) {
        return BooleanNode.valueOf(value);
    }

    /** Comparisons only between primitives of the same kind; anything involving undefined is false. */
    static boolean compare(String op, JsonNode left, JsonNode right) {
        if (left == null || right == null) {
            return false;
        }
        Integer order = order(left, right);
        return switch (op) {
            case "=" -> order != null && order == 0 || left.isNull() && right.isNull();
            case "!=", "<>" -> order != null && order != 0
                    || order == null && isPrimitive(left) && isPrimitive(right) && !(left.isNull() && right.isNull());
            case "<" -> order != null && !left.isBoolean() && order < 0;
            case ">" -> order != null && !left.isBoolean() && order > 0;
            case "<=" -> order != null && !left.isBoolean() && order <= 0;
            case ">=" -> order != null && !left.isBoolean() && order >= 0;
            default -> false;
        };
    }

    private static boolean isPrimitive(JsonNode n) {
        return n.isNumber() || n.isTextual() || n.isBoolean() || n.isNull();
    }

    private static Integer order(JsonNode left, JsonNode right) {
        if (left.isNumber() && right.isNumber()) {
            return Double.compare(left.doubleValue(), right.doubleValue());
        }
        if (left.isTextual() && right.isTextual()) {
            return Integer.signum(left.textValue().compareTo(right.textValue()));
        }
        if (left.isBoolean() && right.isBoolean()) {
            return Boolean.compare(left.booleanValue(), right.booleanValue());
        }
        return null;
    }

    static JsonNode arithmetic(String op, JsonNode left, JsonNode right) {
        if (left == null || right == null || !left.isNumber() || !right.isNumber()) {
            return null;
        }
        double a = left.doubleValue();
        double b = right.doubleValue();
        double r = switch (op) {
            case "+" -> a + b;
            case "-" -> a - b;
            case "*" -> a * b;
            case "/" -> b == 0 ? Double.NaN : a / b;
            case "%" -> b == 0 ? Double.NaN : a % b;
            default -> Double.NaN;
        };
        return Double.isNaN(r) || Double.isInfinite(r) ? null : DoubleNode.valueOf(r);
    }
}
