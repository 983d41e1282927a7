package io.linkguard.bfd;

import java.util.Locale;

/**
 * Why a received BFD packet was discarded. Every discard is counted
 * ({@code linkguard_bfd_rx_dropped_total{reason}}); the RFC 5880 §6.8.6 rule
 * or RFC 5881/5883 section is named on each.
 */
public enum BfdDropReason {
    /** The codec rejected it: truncated, bad length fields, bad auth section. */
    MALFORMED,
    /** §6.8.6: version is not 1. */
    BAD_VERSION,
    /** §6.8.6: Detect Mult is zero. */
    ZERO_DETECT_MULT,
    /** §6.8.6: Multipoint (M) bit is set. */
    MULTIPOINT,
    /** §6.8.6: My Discriminator is zero. */
    ZERO_MY_DISCRIMINATOR,
    /** §6.8.6: Your Discriminator is nonzero and matches no session. */
    UNKNOWN_DISCRIMINATOR,
    /** §6.3: Your Discriminator selects a session, but the packet came from another address, port kind or interface. */
    SOURCE_MISMATCH,
    /** §6.8.6: Your Discriminator is zero and no session matches source, destination and interface. */
    NO_SESSION_FOR_SOURCE,
    /** §6.8.6: Your Discriminator is zero and the packet's State is neither Down nor AdminDown. */
    ZERO_YOUR_DISCRIMINATOR_NOT_DOWN,
    /** §6.8.6: the A bit is set but the session uses no authentication, or the reverse. */
    AUTH_MISMATCH,
    /** §6.7: wrong type, key ID, password or digest. */
    AUTH_FAILED,
    /** §6.7.3/§6.7.4: sequence number outside the accepted window (replay). */
    AUTH_REPLAY,
    /** RFC 5881 §5 (GTSM): received TTL/hop limit is not 255; RFC 5883 §5: below the configured minimum. */
    TTL,
    /** The datagram or its control data was truncated by the kernel. */
    TRUNCATED,
    /** A datagram on the echo port (3785) that is not one of our echoes: too short or wrong magic. */
    ECHO_MALFORMED,
    /** RFC 5881 §4: our echoes go from our own address to our own address (EchoPacket); this one's source is another. */
    ECHO_SOURCE,
    /** We send echoes with TTL 255 and one forwarding hop returns them (GTSM reasoning, RFC 5881 §5); this one arrived below 254. */
    ECHO_TTL,
    /** RFC 5880 §6.4: its discriminator names no session running the Echo function. */
    ECHO_UNKNOWN_SESSION,
    /** RFC 5880 §6.4, §6.8.9: its sequence number was not sent lately, or it already came back (forged, replayed). */
    ECHO_UNKNOWN_SEQUENCE;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
