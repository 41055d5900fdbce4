/*
 * Licensed to the Apache Software Foundation (ASF) under one or more contributor license agreements; and to You
 * under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance with the
 * License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.iotjobs.camel.rollout.stage;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * Hub job ids derived from the rollout, the stage and the chunk ({@code ro-fw42-s1-c0}), so a rollout that resumes
 * after a crash asks for the same ids and the hub's duplicate check settles what was already created. Job ids are
 * at most 64 letters, digits and dashes; a rollout id that does not fit is shortened and hashed.
 */
public final class RolloutJobIds {

    /** Rollout ids users may choose: what a URI path and a file name carry safely. */
    public static final Pattern ROLLOUT_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");

    private static final Pattern KEY_AS_IS = Pattern.compile("[A-Za-z0-9-]{1,40}");
    private static final int HASHED_PREFIX = 20;
    private static final int MAX_JOB_ID = 64;

    private RolloutJobIds() {
    }

    /** A key for the rollout made of letters, digits and dashes, at most 40 characters; distinct ids, distinct keys. */
    public static String key(String rolloutId) {
        if (KEY_AS_IS.matcher(rolloutId).matches()) {
            return rolloutId;
        }
        String readable = rolloutId.replaceAll("[^A-Za-z0-9-]", "-");
        if (readable.length() > HASHED_PREFIX) {
            readable = readable.substring(0, HASHED_PREFIX);
        }
        return readable + "-" + sha256(rolloutId).substring(0, 16);
    }

    /** The job id of a chunk of a stage (both counted from 0). */
    public static String jobId(String rolloutId, int stage, int chunk) {
        return "ro-" + key(rolloutId) + "-s" + stage + "-c" + chunk;
    }

    /** The job id of retry {@code attempt} (from 1) of a chunk's failed devices: {@code ro-fw42-s1-c0-r1}. */
    public static String retryJobId(String chunkJobId, int attempt) {
        return chunkJobId + "-r" + attempt;
    }

    /**
     * The job id of a chunk of a stage on one target of a plan over several ({@code rt-eu-fw42-s1-c0}): another
     * prefix than single-target ids and a name without dashes, so no two rollouts' ids meet. An id that would pass
     * 64 characters carries a shorter hash of the rollout id instead of its key.
     */
    public static String targetJobId(String rolloutId, String target, int stage, int chunk) {
        String tail = "-s" + stage + "-c" + chunk;
        String id = "rt-" + target + "-" + key(rolloutId) + tail;
        return id.length() <= MAX_JOB_ID ? id : "rt-" + target + "-" + sha256(rolloutId).substring(0, 16) + tail;
    }

    /** The target a job id of {@link #targetJobId} names; null for any other job id. */
    public static String targetOf(String jobId) {
        if (!jobId.startsWith("rt-")) {
            return null;
        }
        int dash = jobId.indexOf('-', 3);
        return dash < 0 ? null : jobId.substring(3, dash);
    }

    /** The job id of a chunk of the rollback (counted from 0). */
    public static String rollbackJobId(String rolloutId, int chunk) {
        return "ro-" + key(rolloutId) + "-rb-c" + chunk;
    }

    private static String sha256(String text) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(digest.digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
