package io.linkguard.agent.emulator;

import java.time.Duration;

/**
 * A flapping schedule on the monotonic clock: starting at {@code startNanos} the
 * direction is down for {@code downNanos} at the start of every {@code periodNanos},
 * until {@code endNanos}; after that it is up. Pure arithmetic, no timers.
 */
record Flap(long startNanos, long downNanos, long periodNanos, long endNanos) {
    /** No flapping. */
    static final Flap NONE = new Flap(0, 0, 1, 0);

    Flap {
        if (downNanos < 0 || periodNanos <= 0 || downNanos > periodNanos) {
            throw new IllegalArgumentException("flap down " + downNanos + " ns every " + periodNanos
                    + " ns (expected: 0 <= down <= period, period > 0)");
        }
    }

    /** A schedule that begins, with a down phase, at {@code nowNanos} and lasts {@code total}. */
    static Flap starting(long nowNanos, Duration down, Duration period, Duration total) {
        if (total.isNegative()) {
            throw new IllegalArgumentException("flap total " + total + " (expected: not negative)");
        }
        return new Flap(nowNanos, down.toNanos(), period.toNanos(), nowNanos + total.toNanos());
    }

    boolean isDown(long nowNanos) {
        if (nowNanos - startNanos < 0 || nowNanos - endNanos >= 0) {
            return false;
        }
        return (nowNanos - startNanos) % periodNanos < downNanos;
    }
}
