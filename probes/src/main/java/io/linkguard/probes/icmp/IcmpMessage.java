package io.linkguard.probes.icmp;

/**
 * One decoded ICMP or ICMPv6 message, as returned by {@link IcmpCodec#decodeV4} and
 * {@link IcmpCodec#decodeV6}. Immutable; every "absent" int field is {@code -1}.
 *
 * @param ipv6 true when decoded by {@link IcmpCodec#decodeV6}
 * @param type the ICMP Type octet, 0..255 (see {@link IcmpV4Type} / {@link IcmpV6Type})
 * @param code the ICMP Code octet, 0..255
 * @param identifier the echo Identifier, 0..65535, for echo request/reply; -1 for other types
 * @param sequence the echo Sequence Number, 0..65535, for echo request/reply; -1 for other types
 * @param payloadLength bytes after the 8-byte ICMP header: the echo data for echo messages, the
 *     quoted datagram for error messages
 * @param ipTtl the TTL of the IPv4 header that carried the message; -1 for ICMPv6 (a raw ICMPv6
 *     socket delivers no IPv6 header, the hop limit needs IPV6_RECVHOPLIMIT ancillary data)
 * @param quotedProtocol for error messages: the protocol (v4) or next header (v6) of the quoted
 *     datagram, when its IP header was quoted; -1 otherwise
 * @param quotedIdentifier for error messages quoting an echo request: its Identifier; -1 otherwise
 * @param quotedSequence for error messages quoting an echo request: its Sequence Number; -1
 *     otherwise
 * @param nextHopMtu the next-hop MTU of a v4 "fragmentation needed" (type 3 code 4, RFC 1191 §4;
 *     0 from pre-RFC 1191 routers) or of a v6 Packet Too Big (RFC 4443 §3.2); -1 otherwise
 */
public record IcmpMessage(
        boolean ipv6,
        int type,
        int code,
        int identifier,
        int sequence,
        int payloadLength,
        int ipTtl,
        int quotedProtocol,
        int quotedIdentifier,
        int quotedSequence,
        int nextHopMtu) {

    /** True for an ICMPv4 Echo Reply (type 0) or an ICMPv6 Echo Reply (type 129). */
    public boolean isEchoReply() {
        return ipv6
                ? type == IcmpV6Type.ECHO_REPLY.wireValue()
                : type == IcmpV4Type.ECHO_REPLY.wireValue();
    }

    /**
     * True for the error messages this codec decodes quotes of: destination unreachable, time
     * exceeded, parameter problem, and (v6) packet too big.
     */
    public boolean isError() {
        return ipv6
                ? IcmpV6Type.fromWire(type).map(IcmpV6Type::isError).orElse(false)
                : IcmpV4Type.fromWire(type).map(IcmpV4Type::isError).orElse(false);
    }

    /** True when this is an error message that quoted one of our echo requests. */
    public boolean quotesEchoRequest() {
        return quotedIdentifier >= 0;
    }
}
