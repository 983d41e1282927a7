package io.linkguard.bfd.session;

/**
 * The configured timers of one session (RFC 5880 §6.8.1), in microseconds.
 *
 * @param desiredMinTxMicros      bfd.DesiredMinTxInterval while Up (raised to one second while not
 *                                Up, §6.8.3); 1..2^32-1, zero is reserved (§4.1)
 * @param requiredMinRxMicros     bfd.RequiredMinRxInterval; 0..2^32-1, zero asks the peer for no
 *                                periodic packets
 * @param detectMult              bfd.DetectMult; 1..255
 * @param requiredMinEchoRxMicros advertised Required Min Echo RX Interval; 0 = this system does
 *                                not loop back Echo packets
 * @param passive                 the Passive role of §6.1: send nothing until the peer has spoken
 */
public record SessionParameters(long desiredMinTxMicros, long requiredMinRxMicros, int detectMult,
                                long requiredMinEchoRxMicros, boolean passive) {
    static final long MAX_INTERVAL_MICROS = 0xFFFF_FFFFL;

    public SessionParameters {
        validateTimers(desiredMinTxMicros, requiredMinRxMicros, detectMult);
        requireRange("requiredMinEchoRxMicros", requiredMinEchoRxMicros, 0, MAX_INTERVAL_MICROS);
    }

    static void validateTimers(long desiredMinTxMicros, long requiredMinRxMicros, int detectMult) {
        requireRange("desiredMinTxMicros", desiredMinTxMicros, 1, MAX_INTERVAL_MICROS);
        requireRange("requiredMinRxMicros", requiredMinRxMicros, 0, MAX_INTERVAL_MICROS);
        requireRange("detectMult", detectMult, 1, 255);
    }

    private static void requireRange(String name, long value, long min, long max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(
                    name + " " + value + " (expected: " + min + ".." + max + ")");
        }
    }
}
