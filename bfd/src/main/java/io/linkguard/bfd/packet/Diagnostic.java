package io.linkguard.bfd.packet;

import java.util.Locale;

/**
 * Diagnostic code, RFC 5880 §4.1 "Diag" (5 bits): why the sender's session
 * last left Up. Codes 9..31 are reserved; they decode to {@link #RESERVED}
 * rather than failing, since the RFC gives no reason to discard such a packet.
 */
public enum Diagnostic {
    NONE(0, "no diagnostic"),
    CONTROL_DETECTION_TIME_EXPIRED(1, "control detection time expired"),
    ECHO_FUNCTION_FAILED(2, "echo function failed"),
    NEIGHBOR_SIGNALED_SESSION_DOWN(3, "neighbor signaled session down"),
    FORWARDING_PLANE_RESET(4, "forwarding plane reset"),
    PATH_DOWN(5, "path down"),
    CONCATENATED_PATH_DOWN(6, "concatenated path down"),
    ADMINISTRATIVELY_DOWN(7, "administratively down"),
    REVERSE_CONCATENATED_PATH_DOWN(8, "reverse concatenated path down"),
    RESERVED(-1, "reserved diagnostic");

    private final int wire;
    private final String description;

    Diagnostic(int wire, String description) {
        this.wire = wire;
        this.description = description;
    }

    /** The wire value; RESERVED has none and encodes as 0. */
    public int wire() {
        return Math.max(0, wire);
    }

    public String description() {
        return description;
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** values() clones its array on every call, and this runs for every received packet. */
    private static final Diagnostic[] ALL = values();

    public static Diagnostic fromWire(int value) {
        int v = value & 0x1f;
        for (Diagnostic d : ALL) {
            if (d.wire == v) {
                return d;
            }
        }
        return RESERVED;
    }
}
