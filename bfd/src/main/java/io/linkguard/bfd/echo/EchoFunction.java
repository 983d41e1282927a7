package io.linkguard.bfd.echo;

/**
 * The timing of the Echo function for one session (RFC 5880 §6.4, §6.8.9),
 * pure: the caller passes monotonic nanoseconds. Echoes are sent at the
 * slower of our configured interval and the peer's Required Min Echo RX
 * Interval, only while the session is Up and the peer allows them; the echo
 * has failed when nothing came back for DetectMult x that interval.
 *
 * <p>Only a returned echo that carries a sequence number among the last
 * {@link #RECENT_SEQUENCES} sent, and not already returned, counts
 * ({@link #returned}): anyone can send a UDP packet to port 3785, and an
 * accepted forgery would keep the function alive and hide exactly the
 * forwarding failure it exists to detect (RFC 5880 §6.4, §6.8.9). The sequence
 * starts at a random value so an off-path sender cannot guess it.
 */
public final class EchoFunction {
    /**
     * How many of the latest sequence numbers a returning echo may carry. Echoes come back
     * within the detection time, DetectMult intervals, or the function has failed anyway.
     */
    public static final int RECENT_SEQUENCES = 32;

    private final long configuredIntervalMicros;
    private final int detectMult;
    private boolean active;
    private long intervalMicros;
    private long nextTxNanos;
    private long lastRxNanos;
    private long sequence;
    /** The sequence numbers sent lately, each at index sequence % RECENT_SEQUENCES; -1 when free. */
    private final long[] recent = new long[RECENT_SEQUENCES];
    /** When each of {@link #recent} was sent (monotonic): an RTT is only believed if both clocks agree on it. */
    private final long[] sentNanos = new long[RECENT_SEQUENCES];
    private long lastReturnedSentNanos;

    public EchoFunction(long configuredIntervalMicros, int detectMult) {
        this(configuredIntervalMicros, detectMult, 0);
    }

    /** @param initialSequence the sequence number before the first echo (unsigned 32-bit): random at run time */
    public EchoFunction(long configuredIntervalMicros, int detectMult, long initialSequence) {
        this.configuredIntervalMicros = configuredIntervalMicros;
        this.detectMult = detectMult;
        this.sequence = initialSequence & 0xFFFF_FFFFL;
        java.util.Arrays.fill(recent, -1);
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
        recent[slot(sequence)] = sequence;
        sentNanos[slot(sequence)] = nowNanos;
        nextTxNanos = nowNanos + intervalMicros * 1000;
        return true;
    }

    public long sequence() {
        return sequence;
    }

    /**
     * A returned echo carrying {@code sequence}: it counts (restarts the detection clock) only if
     * that number was sent lately and has not come back before; otherwise it is a forgery, a
     * duplicate or too old, and the caller drops it.
     *
     * @return whether the echo was accepted
     */
    public boolean returned(long sequence, long nowNanos) {
        int slot = slot(sequence);
        if (!active || sequence < 0 || recent[slot] != sequence) {
            return false;
        }
        recent[slot] = -1; // once: a copy replayed later does not count again
        lastRxNanos = nowNanos;
        lastReturnedSentNanos = sentNanos[slot];
        return true;
    }

    /**
     * The monotonic time the echo last accepted by {@link #returned} was sent at. Its RTT comes from
     * realtime stamps (the kernel's receive stamp minus the stamp it carried); the caller compares
     * that with the monotonic round trip and drops the RTT if the wall clock stepped in between.
     */
    public long lastReturnedSentNanos() {
        return lastReturnedSentNanos;
    }

    private static int slot(long sequence) {
        return (int) Long.remainderUnsigned(sequence, RECENT_SEQUENCES);
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
