/*
 * Licensed to the Apache Software Foundation (ASF) under one or more contributor license agreements; and to You
 * under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance with the
 * License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.iotjobs.camel.rollout.plan;

import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/** Refuses a plan's {@code targets} that could not run, naming the field ({@code targets[1].jobsEndpoint}). */
final class TargetsValidator {

    /** Letters and digits only: a dash would make two rollouts' job ids meet ({@code a-b} + {@code c}). */
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9]{1," + PlanTarget.MAX_NAME + "}");

    /** The iotjobs endpoint options that are secrets. */
    private static final Set<String> SECRETS = Set.of("connectionstring", "apitoken", "accesstoken", "proxyusername",
            "proxypassword");
    private static final Pattern PLACEHOLDER = Pattern.compile("(RAW\\()?\\{\\{[^}]+}}\\)?");

    private TargetsValidator() {
    }

    /** The name of a secret option the URI holds as a value rather than a placeholder; null when none. */
    private static String secretOption(String uri) {
        int query = uri.indexOf('?');
        if (query < 0) {
            return null;
        }
        for (String option : uri.substring(query + 1).split("&")) {
            int eq = option.indexOf('=');
            String key = eq < 0 ? option : option.substring(0, eq);
            String value = eq < 0 ? "" : option.substring(eq + 1);
            if (SECRETS.contains(key.toLowerCase(Locale.ROOT)) && !value.isEmpty()
                    && !PLACEHOLDER.matcher(value).matches()) {
                return key;
            }
        }
        return null;
    }

    static void validate(RolloutPlan plan) {
        if (plan.target() != null) {
            throw new RolloutPlanException("target", "set either target or targets, not both");
        }
        List<PlanTarget> targets = plan.targets();
        if (targets.isEmpty()) {
            throw new RolloutPlanException("targets", "the list is empty: name at least one hub");
        }
        Set<String> names = new HashSet<>();
        for (int i = 0; i < targets.size(); i++) {
            String field = "targets[" + i + "]";
            PlanTarget target = targets.get(i);
            if (target == null) {
                throw new RolloutPlanException(field, "a target such as {name: eu, jobsEndpoint: \"eu:hub\","
                                                      + " query: \"*\"}");
            }
            if (target.name() == null || !NAME.matcher(target.name()).matches()) {
                throw new RolloutPlanException(field + ".name", "required: letters and digits, at most "
                        + PlanTarget.MAX_NAME + " characters (it goes into the target's job ids)");
            }
            // Job ids may be compared without case by a platform: eu and EU would share them.
            if (!names.add(target.name().toLowerCase(Locale.ROOT))) {
                throw new RolloutPlanException(field + ".name", "target " + target.name() + " is named twice");
            }
            if (target.jobsEndpoint() == null || target.jobsEndpoint().isBlank()) {
                throw new RolloutPlanException(field + ".jobsEndpoint", "required: the iotjobs endpoint URI of the"
                                                                        + " hub, e.g. iotjobs:hub or eu:hub");
            }
            String secret = secretOption(target.jobsEndpoint());
            if (secret != null) {
                throw new RolloutPlanException(field + ".jobsEndpoint", "carries " + secret + " in clear, and the plan"
                        + " is stored and answered by get: configure the connection on an iotjobs component (a bean"
                        + " such as eu, then eu:hub) or as a property placeholder ({{eu.connection}})");
            }
            if (target.units() != null && target.units() < 1) {
                throw new RolloutPlanException(field + ".units", "at least 1, not " + target.units());
            }
            PlanValidator.target(field, target.selection());
        }
        if (plan.converge() != null) {
            throw new RolloutPlanException("converge", "not yet with targets: convergence reads one hub's twins");
        }
        if (plan.canRollBack()) {
            throw new RolloutPlanException(plan.rollback() != null ? "rollback" : "onFailure", "rollback is not yet"
                    + " available with targets: use onFailure pause or abort");
        }
        if (plan.retries() != null) {
            throw new RolloutPlanException("retries", "not yet with targets: a retry job is kept under one hub's"
                    + " concurrent-job limit");
        }
        if (plan.window() != null) {
            throw new RolloutPlanException("window", "not yet with targets: the devices' zones are read from one"
                    + " hub's twins");
        }
        PlanValidator.positive("unreachableAfter", plan.unreachableAfter());
    }
}
