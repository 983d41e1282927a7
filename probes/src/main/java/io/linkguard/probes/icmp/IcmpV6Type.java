package io.linkguard.probes.icmp;

import java.util.Optional;

/**
 * The ICMPv6 message types linkguard sends or interprets, each owning its wire value
 * (RFC 4443; assignments in the IANA "ICMPv6 Parameters" registry).
 *
 * <p>RFC 4443 §2.1: error messages have types 0..127 (high-order bit clear), informational
 * messages 128..255. Neighbour discovery and other types a raw ICMPv6 socket may also see decode
 * as unknown types.
 */
public enum IcmpV6Type {
    /** RFC 4443 §3.1, "Destination Unreachable Message". */
    DESTINATION_UNREACHABLE(1),
    /** RFC 4443 §3.2, "Packet Too Big Message": carries the MTU of the next-hop link. */
    PACKET_TOO_BIG(2),
    /** RFC 4443 §3.3, "Time Exceeded Message": hop limit ran out on the path. */
    TIME_EXCEEDED(3),
    /** RFC 4443 §3.4, "Parameter Problem Message". */
    PARAMETER_PROBLEM(4),
    /** RFC 4443 §4.1, "Echo Request Message": the probe itself. */
    ECHO_REQUEST(128),
    /** RFC 4443 §4.2, "Echo Reply Message": the answer to our probe. */
    ECHO_REPLY(129);

    /** RFC 4443 §2.1: types below this value are error messages. */
    private static final int FIRST_INFORMATIONAL_TYPE = 128;

    private static final IcmpV6Type[] BY_WIRE_VALUE = new IcmpV6Type[256];

    static {
        for (IcmpV6Type t : values()) {
            BY_WIRE_VALUE[t.wireValue] = t;
        }
    }

    private final int wireValue;

    IcmpV6Type(int wireValue) {
        this.wireValue = wireValue;
    }

    /** The value of the ICMPv6 Type octet, 0..255. */
    public int wireValue() {
        return wireValue;
    }

    /** True for error messages (RFC 4443 §2.1), which quote the offending packet after 8 bytes. */
    public boolean isError() {
        return wireValue < FIRST_INFORMATIONAL_TYPE;
    }

    /** The type with this wire value, or empty for values this enum does not name (any int). */
    public static Optional<IcmpV6Type> fromWire(int wireValue) {
        if (wireValue < 0 || wireValue >= BY_WIRE_VALUE.length) {
            return Optional.empty();
        }
        return Optional.ofNullable(BY_WIRE_VALUE[wireValue]);
    }
}
