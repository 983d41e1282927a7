package io.linkguard.probes.sched;

/**
 * The pure arithmetic of a fixed-rate schedule: given when a firing was due
 * and when it actually ran, when is the next one due. Firings are anchored
 * to the original phase, so lateness does not accumulate; when a firing ran
 * more than a whole period late, the missed slots are skipped, not burst.
 */
public final class FixedRate {
    private FixedRate() {
    }

    /** The next due time after a firing due at {@code dueNanos} that ran at {@code ranNanos}. */
    public static long nextDue(long dueNanos, long ranNanos, long periodNanos) {
        long next = dueNanos + periodNanos;
        if (next > ranNanos) {
            return next;
        }
        long missed = (ranNanos - next) / periodNanos + 1;
        return next + missed * periodNanos;
    }

    /** Slots skipped between a firing due at {@code dueNanos} and the next due time. */
    public static long skipped(long dueNanos, long nextDueNanos, long periodNanos) {
        return Math.max(0, (nextDueNanos - dueNanos) / periodNanos - 1);
    }
}
