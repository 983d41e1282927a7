package io.linkguard.probes.icmp;

import java.nio.ByteBuffer;

import static io.linkguard.probes.icmp.IcmpCodec.ABSENT;
import static io.linkguard.probes.icmp.IcmpCodec.ECHO_HEADER_BYTES;
import static io.linkguard.probes.icmp.IcmpCodec.ECHO_IDENTIFIER;
import static io.linkguard.probes.icmp.IcmpCodec.ECHO_SEQUENCE;
import static io.linkguard.probes.icmp.IcmpCodec.ICMP_TYPE;
import static io.linkguard.probes.icmp.IcmpCodec.IPV4_MIN_HEADER_BYTES;
import static io.linkguard.probes.icmp.IcmpCodec.IPV4_PROTOCOL;
import static io.linkguard.probes.icmp.IcmpCodec.IPV4_VERSION;
import static io.linkguard.probes.icmp.IcmpCodec.IPV4_VERSION_IHL;
import static io.linkguard.probes.icmp.IcmpCodec.PROTOCOL_ICMP;
import static io.linkguard.probes.icmp.IcmpCodec.u16;
import static io.linkguard.probes.icmp.IcmpCodec.u8;

/**
 * The invoking packet an ICMP error quotes after its 8-byte header (RFC 792; RFC 4443 §3), as far
 * as {@link IcmpCodec} needs it: the quoted protocol and, when our echo request is quoted, its
 * identifier and sequence. Fields the quote does not carry are absent (-1): a short or odd quote
 * is no error, it just tells less.
 *
 * @param protocol   IPv4 protocol or IPv6 next header of the quoted packet
 * @param identifier the quoted echo request's identifier
 * @param sequence   the quoted echo request's sequence number
 */
record IcmpQuote(int protocol, int identifier, int sequence) {
    static final IcmpQuote NONE = new IcmpQuote(ABSENT, ABSENT, ABSENT);

    // IPv4 header (RFC 791 §3.1): flags and fragment offset share 16 bits.
    private static final int IPV4_FLAGS_FRAGMENT_OFFSET = 6;
    private static final int IPV4_FRAGMENT_OFFSET_MASK = 0x1fff;
    // IPv6 header (RFC 8200 §3), offsets relative to the start of the header.
    private static final int IPV6_VERSION_CLASS = 0;
    private static final int IPV6_NEXT_HEADER = 6;
    private static final int IPV6_HEADER_BYTES = 40;
    private static final int IPV6_VERSION = 6;
    /** IANA next-header value of ICMPv6. */
    private static final int NEXT_HEADER_ICMPV6 = 58;

    /**
     * RFC 792: v4 errors quote "Internet Header + 64 bits of Original Data Datagram" (RFC 1812
     * §4.3.2.3 lets routers quote more). A short or odd quote just leaves fields absent.
     */
    static IcmpQuote v4(ByteBuffer b, int ip, int length) {
        if (length < IPV4_MIN_HEADER_BYTES || u8(b, ip + IPV4_VERSION_IHL) >>> 4 != IPV4_VERSION) {
            return NONE;
        }
        int headerLength = (u8(b, ip + IPV4_VERSION_IHL) & 0x0f) * 4;
        if (headerLength < IPV4_MIN_HEADER_BYTES) {
            return NONE;
        }
        int protocol = u8(b, ip + IPV4_PROTOCOL);
        // Only the first fragment (offset 0) starts with the ICMP header.
        boolean firstFragment =
                (u16(b, ip + IPV4_FLAGS_FRAGMENT_OFFSET) & IPV4_FRAGMENT_OFFSET_MASK) == 0;
        if (protocol != PROTOCOL_ICMP || !firstFragment
                || length < headerLength + ECHO_HEADER_BYTES) {
            return new IcmpQuote(protocol, ABSENT, ABSENT);
        }
        return echo(b, ip + headerLength, protocol, IcmpV4Type.ECHO_REQUEST.wireValue());
    }

    /**
     * RFC 4443 §3: v6 errors quote "as much of invoking packet as possible" without exceeding the
     * minimum MTU. Extension headers are not walked: our probes send none, so an ICMPv6 echo
     * request is quoted with next header 58 right after the 40-byte header.
     */
    static IcmpQuote v6(ByteBuffer b, int ip, int length) {
        if (length < IPV6_HEADER_BYTES || u8(b, ip + IPV6_VERSION_CLASS) >>> 4 != IPV6_VERSION) {
            return NONE;
        }
        int nextHeader = u8(b, ip + IPV6_NEXT_HEADER);
        if (nextHeader != NEXT_HEADER_ICMPV6 || length < IPV6_HEADER_BYTES + ECHO_HEADER_BYTES) {
            return new IcmpQuote(nextHeader, ABSENT, ABSENT);
        }
        return echo(
                b, ip + IPV6_HEADER_BYTES, nextHeader, IcmpV6Type.ECHO_REQUEST.wireValue());
    }

    /** The quoted ICMP header at {@code icmp} (8 bytes known present) if it is an echo request. */
    private static IcmpQuote echo(ByteBuffer b, int icmp, int protocol, int echoRequestType) {
        if (u8(b, icmp + ICMP_TYPE) != echoRequestType) {
            return new IcmpQuote(protocol, ABSENT, ABSENT);
        }
        return new IcmpQuote(protocol, u16(b, icmp + ECHO_IDENTIFIER), u16(b, icmp + ECHO_SEQUENCE));
    }
}
