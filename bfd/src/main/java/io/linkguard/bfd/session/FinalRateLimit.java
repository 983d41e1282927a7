package io.linkguard.bfd.session;

/**
 * RFC 5880 §6.5, §6.8.7: at most one Final per transmit interval. Every Poll is answered, but a
 * Poll that arrives sooner than the limit allows is owed its Final until the interval is over:
 * each Final is a packet (and, with authentication, a digest) the sender of a Poll flood would
 * otherwise get for free. Part of {@link BfdSession}; the same thread drives both.
 *
 * <p>The interval is bfd.DesiredMinTxInterval in effect, never the negotiated interval: RFC 5880
 * §6.8.7, "If rate limiting is in effect, the advertised value of Desired Min TX Interval MUST be
 * greater than or equal to the interval between transmitted packets imposed by the rate limiting
 * function." A peer's larger Required Min RX would otherwise stretch the limit past what we
 * advertise. The value in effect is never above the advertised one (§6.8.3: an increase waits for
 * the Final), and it is at least one second while not Up.
 */
final class FinalRateLimit {
    private boolean everSent;
    private long lastSentNanos;
    private boolean owed;
    private long deferred;

    /** Whether a Final may go out at {@code nowNanos}. */
    boolean allowed(long nowNanos, long desiredMinTxInEffectMicros) {
        return !everSent || nowNanos - nextAllowedNanos(desiredMinTxInEffectMicros) >= 0;
    }

    /** When the next Final may go out. */
    long nextAllowedNanos(long desiredMinTxInEffectMicros) {
        return lastSentNanos + Timers.microsToNanos(desiredMinTxInEffectMicros);
    }

    /** A Poll came too soon: its Final is owed until {@link #allowed}. */
    void defer() {
        owed = true;
        deferred++;
    }

    /** Whether a Poll still awaits its Final. */
    boolean owed() {
        return owed;
    }

    void sent(long nowNanos) {
        everSent = true;
        lastSentNanos = nowNanos;
        owed = false;
    }

    /** Polls whose Final waited for the limit; each still got one. */
    long deferred() {
        return deferred;
    }
}
