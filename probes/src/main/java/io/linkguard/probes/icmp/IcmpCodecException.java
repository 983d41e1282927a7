package io.linkguard.probes.icmp;

/**
 * The one exception of the ICMP / ICMPv6 codec: the bytes handed to {@link IcmpCodec#decodeV4}
 * or {@link IcmpCodec#decodeV6} are not a message this codec accepts.
 *
 * <p>It is checked on purpose: a raw socket receives whatever the network delivers, so a
 * malformed datagram is an expected event the probe engine must count and drop, not a bug.
 *
 * <p>Messages read {@code "<what was found> (expected: <what was required>)"}, for example
 * {@code "ICMP checksum 0x1a2b (expected: 0x3c4d)"} or
 * {@code "truncated ICMP message: 5 bytes (expected: >= 8)"}.
 */
public final class IcmpCodecException extends Exception {

    private static final long serialVersionUID = 1L;

    /**
     * @param message the full message, in the form {@code "actual (expected: ...)"}
     */
    public IcmpCodecException(String message) {
        super(message);
    }

    /** Builds the message {@code actual + " (expected: " + expected + ")"}. */
    static IcmpCodecException of(String actual, String expected) {
        return new IcmpCodecException(actual + " (expected: " + expected + ")");
    }
}
