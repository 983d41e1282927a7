package io.linkguard.bfd.session;

import java.util.random.RandomGenerator;

/**
 * The timer formulas of RFC 5880 §6.8.2–§6.8.4 and §6.8.7, as pure functions.
 * Every interval is in microseconds, as on the wire.
 */
public final class Timers {
    /** RFC 5880 §6.8.3: the floor of bfd.DesiredMinTxInterval while the session is not Up. */
    public static final long SLOW_DESIRED_MIN_TX_MICROS = 1_000_000L;
    /** Returned by {@link #negotiatedTxIntervalMicros} when no periodic packet may be sent. */
    public static final long NO_PERIODIC_TX = 0L;

    private Timers() {
    }

    /**
     * The value of bfd.DesiredMinTxInterval for a configured value: the configured one while Up,
     * at least one second otherwise.
     */
    public static long effectiveDesiredMinTxMicros(long configuredDesiredMinTxMicros, boolean sessionUp) {
        // RFC 5880 §6.8.3: "When bfd.SessionState is not Up, the system MUST set
        // bfd.DesiredMinTxInterval to a value of not less than one second (1,000,000 microseconds)."
        return sessionUp ? configuredDesiredMinTxMicros
                : Math.max(configuredDesiredMinTxMicros, SLOW_DESIRED_MIN_TX_MICROS);
    }

    /**
     * The interval between periodic transmissions before jitter, or {@link #NO_PERIODIC_TX} when
     * the peer asked for no periodic packets.
     */
    public static long negotiatedTxIntervalMicros(long desiredMinTxMicros, long remoteMinRxMicros,
                                                  boolean sessionUp) {
        // RFC 5880 §6.8.7: "A system MUST NOT periodically transmit BFD Control packets if
        // bfd.RemoteMinRxInterval is zero."
        if (remoteMinRxMicros == 0) {
            return NO_PERIODIC_TX;
        }
        // RFC 5880 §6.8.2, §6.8.7: the transmit interval is the greater of
        // bfd.DesiredMinTxInterval and bfd.RemoteMinRxInterval (with the §6.8.3 floor when not Up).
        return Math.max(effectiveDesiredMinTxMicros(desiredMinTxMicros, sessionUp), remoteMinRxMicros);
    }

    /**
     * The Detection Time in Asynchronous mode, measured from the last packet received.
     *
     * @param remoteDetectMult         Detect Mult of the last packet received
     * @param requiredMinRxMicros      bfd.RequiredMinRxInterval (the value in effect, see §6.8.3)
     * @param remoteDesiredMinTxMicros Desired Min TX Interval of the last packet received
     */
    public static long detectionTimeMicros(int remoteDetectMult, long requiredMinRxMicros,
                                           long remoteDesiredMinTxMicros) {
        // RFC 5880 §6.8.4: "In Asynchronous mode, the Detection Time calculated in the local system
        // is equal to the value of Detect Mult received from the remote system, multiplied by the
        // agreed transmit interval of the remote system (the greater of bfd.RequiredMinRxInterval
        // and the last received Desired Min TX Interval)."
        return remoteDetectMult * Math.max(requiredMinRxMicros, remoteDesiredMinTxMicros);
    }

    /**
     * One jittered transmit interval: 75–100% of {@code intervalMicros}, or 75–90% when
     * {@code detectMult} (bfd.DetectMult, the local multiplier) is 1. Both ends are inclusive.
     */
    public static long jitteredMicros(long intervalMicros, int detectMult, RandomGenerator random) {
        if (intervalMicros <= 0) {
            return 0;
        }
        // RFC 5880 §6.8.7: "The periodic transmission of BFD Control packets MUST be jittered on a
        // per-packet basis by up to 25%, that is, the interval MUST be reduced by a random value of
        // 0 to 25%".
        long lowMicros = Math.ceilDiv(Math.multiplyExact(intervalMicros, 3L), 4L);
        long highMicros = intervalMicros;
        if (detectMult == 1) {
            // RFC 5880 §6.8.7: "If bfd.DetectMult is equal to 1, the interval between transmitted
            // BFD Control packets MUST be no more than 90% of the negotiated transmission interval,
            // and MUST be no less than 75% of the negotiated transmission interval."
            highMicros = Math.floorDiv(Math.multiplyExact(intervalMicros, 9L), 10L);
        }
        if (highMicros <= lowMicros) {
            return lowMicros;
        }
        return random.nextLong(lowMicros, highMicros + 1);
    }

    /** Microseconds to nanoseconds, saturating instead of overflowing. */
    public static long microsToNanos(long micros) {
        long nanos = micros * 1_000L;
        return Math.abs(micros) <= Long.MAX_VALUE / 1_000L ? nanos
                : (micros < 0 ? Long.MIN_VALUE : Long.MAX_VALUE);
    }
}
