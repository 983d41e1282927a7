package io.linkguard.probes.icmp;

import java.util.Optional;

/**
 * The ICMPv4 message types linkguard sends or interprets, each owning its wire value
 * (RFC 792; assignments in the IANA "ICMP Type Numbers" registry).
 *
 * <p>Source Quench (4) is deliberately absent: RFC 6633 deprecated it and hosts must ignore it,
 * so it decodes as an unknown type.
 */
public enum IcmpV4Type {
    /** RFC 792, "Echo or Echo Reply Message": the answer to our probe. */
    ECHO_REPLY(0, false),
    /** RFC 792, "Destination Unreachable Message"; code 4 carries the next-hop MTU (RFC 1191 §4). */
    DESTINATION_UNREACHABLE(3, true),
    /** RFC 792, "Echo or Echo Reply Message": the probe itself. */
    ECHO_REQUEST(8, false),
    /** RFC 792, "Time Exceeded Message": TTL ran out on the path (or reassembly timed out). */
    TIME_EXCEEDED(11, true),
    /** RFC 792, "Parameter Problem Message". */
    PARAMETER_PROBLEM(12, true);

    private static final IcmpV4Type[] BY_WIRE_VALUE = new IcmpV4Type[256];

    static {
        for (IcmpV4Type t : values()) {
            BY_WIRE_VALUE[t.wireValue] = t;
        }
    }

    private final int wireValue;
    private final boolean error;

    IcmpV4Type(int wireValue, boolean error) {
        this.wireValue = wireValue;
        this.error = error;
    }

    /** The value of the ICMP Type octet, 0..255. */
    public int wireValue() {
        return wireValue;
    }

    /** True for error messages, which quote the offending datagram after the 8-byte header. */
    public boolean isError() {
        return error;
    }

    /** The type with this wire value, or empty for values this enum does not name (any int). */
    public static Optional<IcmpV4Type> fromWire(int wireValue) {
        if (wireValue < 0 || wireValue >= BY_WIRE_VALUE.length) {
            return Optional.empty();
        }
        return Optional.ofNullable(BY_WIRE_VALUE[wireValue]);
    }
}
