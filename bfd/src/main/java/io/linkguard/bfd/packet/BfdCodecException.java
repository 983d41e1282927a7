package io.linkguard.bfd.packet;

/**
 * The one exception of the BFD Control packet codec: the bytes handed to
 * {@link ControlPacketCodec#decode} are not structurally a BFD Control packet (RFC 5880 §4.1,
 * §6.8.6 length rules, or a malformed authentication section, §4.2–§4.4).
 *
 * <p>It is checked on purpose: a UDP socket receives whatever the network delivers, so a
 * malformed datagram is an expected event that the receive path counts
 * ({@code BfdDropReason.MALFORMED}) and drops, not a bug.
 *
 * <p>Messages read {@code "<what was found> (expected: <what was required>)"}, for example
 * {@code "BFD length 20 (expected: >= 24)"}.
 */
public final class BfdCodecException extends Exception {

    private static final long serialVersionUID = 1L;

    /**
     * @param message the full message, in the form {@code "actual (expected: ...)"}
     */
    public BfdCodecException(String message) {
        super(message);
    }

    /** Builds the message {@code actual + " (expected: " + expected + ")"}. */
    static BfdCodecException of(String actual, String expected) {
        return new BfdCodecException(actual + " (expected: " + expected + ")");
    }
}
