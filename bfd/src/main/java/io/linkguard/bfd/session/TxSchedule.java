package io.linkguard.bfd.session;

import java.util.random.RandomGenerator;

/**
 * When the next periodic Control packet is due (RFC 5880 §6.8.7). A new
 * interval is jittered only when a packet goes out or when the negotiated
 * interval changes, so repeated calls do not re-draw the jitter. Times are
 * monotonic nanoseconds compared by subtraction, so they may wrap.
 *
 * <p>Not thread-safe: owned by one {@link BfdSession}, on the thread that drives it.
 */
final class TxSchedule {
    private final RandomGenerator random;
    private boolean scheduled;
    private long nextTxNanos;
    private long intervalMicros;
    private boolean everSent;
    private long lastTxNanos;

    TxSchedule(RandomGenerator random) {
        this.random = random;
    }

    /**
     * The first packet is due at once (a choice: RFC 5880 §6.8.7 only bounds the intervals between
     * packets); the interval is the one that will follow it.
     */
    void startNow(long nowNanos, long intervalMicros) {
        this.scheduled = intervalMicros != Timers.NO_PERIODIC_TX;
        this.nextTxNanos = nowNanos;
        this.intervalMicros = intervalMicros;
    }

    /**
     * Adopt the negotiated interval now in effect: {@link Timers#NO_PERIODIC_TX} stops periodic
     * transmission; a different interval re-plans the next packet from the last one sent.
     */
    void adopt(long newIntervalMicros, int detectMult, long nowNanos) {
        if (newIntervalMicros == Timers.NO_PERIODIC_TX) {
            scheduled = false;
            return;
        }
        if (scheduled && newIntervalMicros == intervalMicros) {
            return;
        }
        // RFC 5880 §6.8.7: "The transmit interval MUST be recalculated whenever
        // bfd.DesiredMinTxInterval changes, or whenever bfd.RemoteMinRxInterval changes"; the next
        // packet is one jittered new interval after the last one sent.
        long base = everSent ? lastTxNanos : nowNanos;
        intervalMicros = newIntervalMicros;
        nextTxNanos = base + Timers.microsToNanos(Timers.jitteredMicros(newIntervalMicros, detectMult, random));
        scheduled = true;
    }

    /** A packet went out at {@code nowNanos}: the periodic timer restarts from it. */
    void sent(long nowNanos, int detectMult) {
        everSent = true;
        lastTxNanos = nowNanos;
        if (scheduled) {
            // RFC 5880 §6.8.7: each interval between transmitted packets is jittered afresh, 75-100%
            // of the negotiated interval (75-90% when bfd.DetectMult is 1).
            nextTxNanos = nowNanos + Timers.microsToNanos(Timers.jitteredMicros(intervalMicros, detectMult, random));
        }
    }

    boolean due(long nowNanos) {
        return scheduled && nowNanos - nextTxNanos >= 0;
    }

    boolean scheduled() {
        return scheduled;
    }

    long nextTxNanos() {
        return nextTxNanos;
    }

    /** The interval in effect, or {@link Timers#NO_PERIODIC_TX}. */
    long intervalMicros() {
        return scheduled ? intervalMicros : Timers.NO_PERIODIC_TX;
    }
}
