package io.linkguard.bfd.echo;

/**
 * The timing of the Echo function for one session (RFC 5880 §6.4, §6.8.9),
 * pure: the caller passes monotonic nanoseconds. Echoes are sent at the
 * slower of our configured interval and the peer's Required Min Echo RX
 * Interval, only while the session is Up and the peer allows them; the echo
 * has failed when nothing came back for DetectMult x that interval.
 */
public final class EchoFunction {
    private final long configuredIntervalMicros;
    private final int detectMult;
    private boolean active;
    private long intervalMicros;
    private long nextTxNanos;
    private long lastRxNanos;
    private long sequence;

    public EchoFunction(long configuredIntervalMicros, int detectMult) {
        this.configuredIntervalMicros = configuredIntervalMicros;
        this.detectMult = detectMult;
    }

    /**
     * Starts or stops the function. RFC 5880 §6.8.9: echo packets only when the
     * session is Up and the remote's Required Min Echo RX Interval is nonzero,
     * and never faster than that interval.
     */
    public void update(boolean sessionUp, long remoteMinEchoRxMicros, long nowNanos) {
        boolean shouldRun = sessionUp && remoteMinEchoRxMicros > 0;
        intervalMicros = Math.max(configuredIntervalMicros, remoteMinEchoRxMicros);
        if (shouldRun && !active) {
            active = true;
            nextTxNanos = nowNanos;
            lastRxNanos = nowNanos; // the detection clock starts with the function
        } else if (!shouldRun) {
            active = false;
        }
    }

    public boolean active() {
        return active;
    }

    /** Whether an echo is due; if so, the next one is scheduled and a sequence number returned via {@link #sequence()}. */
    public boolean txDue(long nowNanos) {
        if (!active || nowNanos - nextTxNanos < 0) {
            return false;
        }
        sequence = (sequence + 1) & 0xFFFF_FFFFL;
        nextTxNanos = nowNanos + intervalMicros * 1000;
        return true;
    }

    public long sequence() {
        return sequence;
    }

    public void received(long nowNanos) {
        lastRxNanos = nowNanos;
    }

    /** RFC 5880 §6.8.5: the echo function failed when nothing returned within its detection time. */
    public boolean failed(long nowNanos) {
        return active && nowNanos - lastRxNanos >= detectionNanos();
    }

    public long detectionNanos() {
        return detectMult * intervalMicros * 1000;
    }

    /** The next time the caller must look at this function; Long.MAX_VALUE when inactive. */
    public long nextDeadline() {
        return active ? Math.min(nextTxNanos, lastRxNanos + detectionNanos()) : Long.MAX_VALUE;
    }

    public long intervalMicros() {
        return intervalMicros;
    }
}
