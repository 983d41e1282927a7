package io.linkguard.core.supervise;

import java.util.function.LongSupplier;

/**
 * The proof of life of one long-lived loop: the loop calls {@link #beat()} on
 * every iteration, including after each bounded idle wait, and the systemd
 * watchdog pings only while every registered loop has beaten within its own
 * {@code maxSilenceNanos}. Times are monotonic (System.nanoTime scale).
 * Closing it unregisters the loop: do that only on an orderly stop, so that a
 * loop that ended any other way stays registered and goes stale.
 */
public final class Heartbeat implements AutoCloseable {
    /** What the watchdog sees of one loop. */
    public record Beat(String thread, long lastNanos, long maxSilenceNanos) {
    }

    private final String thread;
    private final long maxSilenceNanos;
    private final LongSupplier nanoTime;
    private final Runnable unregister;
    private volatile long lastNanos;

    Heartbeat(String thread, long maxSilenceNanos, LongSupplier nanoTime, Runnable unregister) {
        this.thread = thread;
        this.maxSilenceNanos = maxSilenceNanos;
        this.nanoTime = nanoTime;
        this.unregister = unregister;
        this.lastNanos = nanoTime.getAsLong();
    }

    public void beat() {
        lastNanos = nanoTime.getAsLong();
    }

    public String thread() {
        return thread;
    }

    public Beat view() {
        return new Beat(thread, lastNanos, maxSilenceNanos);
    }

    @Override
    public void close() {
        unregister.run();
    }
}
