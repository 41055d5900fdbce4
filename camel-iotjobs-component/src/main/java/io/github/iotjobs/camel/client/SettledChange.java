/*
 * Licensed to the Apache Software Foundation (ASF) under one or more contributor license agreements; and to You
 * under the Apache License, Version 2.0 (the "License"); you may not use this file except in compliance with the
 * License. You may obtain a copy of the License at http://www.apache.org/licenses/LICENSE-2.0
 */
package io.github.iotjobs.camel.client;

import java.util.function.Predicate;

import io.github.iotjobs.camel.IotJobsOperationFailedException;
import io.github.iotjobs.camel.model.IotJob;
import io.github.iotjobs.camel.transport.AmbiguousOutcomeException;
import io.github.iotjobs.camel.transport.JsonBodies;
import io.github.iotjobs.camel.transport.RetryLaterException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one way a change that is not idempotent (create, cancel, stop, resume, rerun, delete) is sent: send it, and when
 * its outcome is unknown read the state to settle it. The same request, with the same id, is sent again only when the
 * read proves the change did not happen; nothing else is ever sent.
 * <p>
 * The outcome is unknown when the answer was lost (connection dropped, timeout, 5xx: {@link AmbiguousOutcomeException}),
 * when a 2xx answer cannot be read (the change happened, its result is read back), and when a {@code 409 Conflict}
 * answers a change that was sent before (a re-send here, or a repeat the caller declares: a redelivered message), since
 * the earlier send may have done it and the read tells whether what exists is this change. When the read fails too,
 * the {@link AmbiguousOutcomeException} stands, with the read's failure attached.
 */
public final class SettledChange {

    private static final Logger LOG = LoggerFactory.getLogger(SettledChange.class);

    /** Sends the change once. */
    @FunctionalInterface
    public interface Send<T> {
        T send() throws IotJobsOperationFailedException;
    }

    /** Why the outcome is being settled. */
    public enum Reason {
        /** The answer was lost. */
        NO_ANSWER,
        /** A 2xx answer could not be read. */
        UNREADABLE_ANSWER,
        /** A 409 answered a change sent before: only the same change found there settles it. */
        CONFLICT
    }

    /** Reads the state the change was meant to produce and judges it. */
    @FunctionalInterface
    public interface Check<T> {
        Outcome<T> check(Reason reason) throws IotJobsOperationFailedException;
    }

    /** What a read proved. */
    public sealed interface Outcome<T> {
    }

    /** The change happened; {@code result} is what the call returns. */
    public record Done<T>(T result) implements Outcome<T> {
    }

    /** The change did not happen and sending it again is safe. */
    public record NotDone<T>() implements Outcome<T> {
    }

    /** Something else is there (another job under the id, a state the change cannot reach): the failure stands. */
    public record Other<T>() implements Outcome<T> {
    }

    private SettledChange() {
    }

    /**
     * @param what       the change, for messages, such as {@code create of job j1}
     * @param repeated   whether the caller may have sent this very change before (a redelivered message)
     * @param maxResends how many times the change is sent again after a read proved the last one did not happen
     */
    public static <T> T apply(String what, boolean repeated, Send<T> send, Check<T> check, int maxResends)
            throws IotJobsOperationFailedException {
        for (int resends = 0;; resends++) {
            IotJobsOperationFailedException failure;
            Reason reason;
            try {
                return send.send();
            } catch (AmbiguousOutcomeException e) {
                failure = e;
                reason = Reason.NO_ANSWER;
            } catch (IotJobsOperationFailedException e) {
                if (isUnreadableSuccess(e)) {
                    reason = Reason.UNREADABLE_ANSWER;
                } else if (e.getStatusCode() == 409 && (repeated || resends > 0)) {
                    reason = Reason.CONFLICT;
                } else {
                    throw e;
                }
                failure = e;
            }
            Outcome<T> outcome;
            try {
                outcome = check.check(reason);
            } catch (RetryLaterException waitFirst) {
                // The read must wait (throttled): the caller runs the change again later, as a repeat.
                throw waitFirst;
            } catch (IotJobsOperationFailedException readFailed) {
                AmbiguousOutcomeException unknown = unknown(failure);
                unknown.addSuppressed(readFailed);
                throw unknown;
            }
            if (outcome instanceof Done<T> done) {
                return done.result();
            }
            boolean mayResend = outcome instanceof NotDone<T> && reason == Reason.NO_ANSWER;
            if (!mayResend || resends >= maxResends) {
                throw reason == Reason.CONFLICT ? failure : unknown(failure);
            }
            LOG.warn("{} had no answer and a read shows it did not happen; sending it again", what);
        }
    }

    /** A 2xx whose body is not what the API documents: the change happened. */
    private static boolean isUnreadableSuccess(IotJobsOperationFailedException e) {
        return JsonBodies.MALFORMED_RESPONSE.equals(e.getErrorCode()) && e.getStatusCode() >= 200
               && e.getStatusCode() < 300;
    }

    private static AmbiguousOutcomeException unknown(IotJobsOperationFailedException failure) {
        return failure instanceof AmbiguousOutcomeException ambiguous ? ambiguous
                : new AmbiguousOutcomeException(failure);
    }

    /**
     * The check of a job create: absent, it was not created; present after a lost or unreadable answer, it is this
     * create's (the id is); present after a 409, only when {@code ours} recognizes it (same type and target).
     */
    public static Outcome<IotJob> createdJob(Read<IotJob> read, Predicate<IotJob> ours, Reason reason)
            throws IotJobsOperationFailedException {
        IotJob job = readOrNull(read);
        if (job == null) {
            return new NotDone<>();
        }
        return reason != Reason.CONFLICT || ours.test(job) ? new Done<>(job) : new Other<>();
    }

    /** A read for {@link Check}s: the entity, or null when the platform answers 404. */
    @FunctionalInterface
    public interface Read<R> {
        R read() throws IotJobsOperationFailedException;
    }

    public static <R> R readOrNull(Read<R> read) throws IotJobsOperationFailedException {
        try {
            return read.read();
        } catch (IotJobsOperationFailedException e) {
            if (e.getStatusCode() == 404) {
                return null;
            }
            throw e;
        }
    }
}
