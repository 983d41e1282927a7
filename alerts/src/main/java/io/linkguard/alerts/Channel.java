package io.linkguard.alerts;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * What differs between channel types: how a message becomes a request and what the answer means.
 * Implementations do no I/O of their own (except {@link #delivered}'s state write); the
 * {@link ChannelWorker} sends, retries, rate-limits and spools.
 */
interface Channel {

    /** The configured name: the only identification that goes into logs, metrics and status. */
    String name();

    /** {@code slack}, {@code telegram}, {@code webhook}, {@code alertmanager}. */
    String type();

    /**
     * The request delivering {@code m}, or empty if there is nothing to send for it (it then counts as
     * delivered). Must give the same body for the same message on every attempt.
     */
    Optional<Request> request(Message m, Instant now);

    /** What the endpoint's answer means; details never contain secrets. */
    DeliveryOutcome outcome(Response r, Instant now);

    /** Called once {@code m} was delivered, before it leaves the spool. */
    default void delivered(Message m) throws IOException {
    }

    /**
     * For channels that replace rather than accumulate: events of a group with the same key replace
     * each other (only the latest matters). Empty keeps every event.
     */
    default Optional<String> replaceKey(AlertEvent e) {
        return Optional.empty();
    }

    /** How often {@link #repeat} is due, if this channel re-posts its state. */
    default Optional<Duration> repeatInterval() {
        return Optional.empty();
    }

    /** The periodic re-post of current state; empty when there is nothing to say. */
    default Optional<Request> repeat(Instant now) {
        return Optional.empty();
    }

    /** {@code HTTP 503} plus the start of the body, for status and logs; the caller redacts. */
    static String detail(Response r, String what) {
        String text = what == null || what.isBlank() ? "" : ": " + EventText.cut(what.strip().replace('\n', ' '), 200);
        return "HTTP " + r.status() + text;
    }
}
