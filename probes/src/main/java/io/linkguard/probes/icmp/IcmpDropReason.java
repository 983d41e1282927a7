package io.linkguard.probes.icmp;

import java.util.Locale;

/** Why a received ICMP message was not counted as an answer to one of our probes. */
public enum IcmpDropReason {
    /** Failed to decode (truncated, bad checksum, bad header). */
    MALFORMED,
    /** A reply with an identifier none of our targets uses: another pinger on this host. */
    FOREIGN_IDENTIFIER,
    /** A reply with our identifier but from an address that is not the target. */
    WRONG_SOURCE,
    /** A reply to a sequence number we never sent, or sent too long ago. */
    UNKNOWN_SEQUENCE,
    /** The kernel truncated the datagram or its control data. */
    TRUNCATED,
    /**
     * A reply whose realtime and monotonic elapsed times since its request
     * disagree: the wall clock stepped in between, so it is no RTT (and no loss).
     */
    CLOCK_STEP;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
