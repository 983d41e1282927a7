package io.linkguard.alerts;

import java.time.Duration;
import java.util.function.DoubleSupplier;

/**
 * Exponential backoff with "full jitter" (AWS Architecture Blog, "Exponential Backoff And Jitter",
 * 2015): the n-th retry waits a uniformly random time in [0, min(cap, initial × 2^n)). Jitter spreads
 * the retries of many agents that lost the same endpoint at the same moment, so they do not return
 * in lockstep. Pure: the random source is passed in.
 */
final class Backoff {
    private final long initialNanos;
    private final long capNanos;
    private final DoubleSupplier random;

    /** @param random uniform in [0, 1) */
    Backoff(Duration initial, Duration cap, DoubleSupplier random) {
        this.initialNanos = initial.toNanos();
        this.capNanos = cap.toNanos();
        this.random = random;
    }

    /** The ceiling for retry number {@code failures} (1 after the first failed attempt). */
    long ceilingNanos(int failures) {
        int doublings = Math.max(0, Math.min(failures - 1, 62));
        long ceiling = initialNanos;
        for (int i = 0; i < doublings && ceiling < capNanos; i++) {
            ceiling = ceiling > Long.MAX_VALUE / 2 ? Long.MAX_VALUE : ceiling * 2;
        }
        return Math.min(ceiling, capNanos);
    }

    /** How long to wait before the next attempt after {@code failures} failed attempts in a row. */
    long delayNanos(int failures) {
        return (long) (random.getAsDouble() * ceilingNanos(failures));
    }
}
