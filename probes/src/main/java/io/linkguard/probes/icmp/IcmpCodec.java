package io.linkguard.probes.icmp;

import java.nio.BufferOverflowException;
import java.nio.ByteBuffer;

/**
 * Encodes ICMP (RFC 792) and ICMPv6 (RFC 4443) Echo Requests and decodes what raw sockets
 * receive: echo replies and the error messages that quote our requests.
 *
 * <p>The echo message, identical in both protocols apart from the type values (RFC 792 "Echo or
 * Echo Reply Message"; RFC 4443 §4.1 and §4.2):
 *
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |     Type      |     Code      |          Checksum             |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |           Identifier          |        Sequence Number        |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |     Data ...
 * +-+-+-+-+-
 *
 * Type: ICMPv4 8 = Echo Request, 0 = Echo Reply; ICMPv6 128 = Echo Request, 129 = Echo Reply.
 * Code: 0.
 * </pre>
 *
 * <p>Byte order: every field is written and read byte by byte in network order, so the byte order
 * configured on the caller's {@link ByteBuffer} does not matter.
 *
 * <p>Buffer handling: the encoders write at {@code out.position()} and advance it past the
 * message. The decoders read {@code [position, limit)} with absolute indices and never change the
 * buffer's position, limit or mark, whether they return or throw. Every offset is bounds-checked
 * before it is read, so malformed input only ever yields {@link IcmpCodecException}.
 */
public final class IcmpCodec {

    /** Type, code, checksum, identifier, sequence number: RFC 792 / RFC 4443 §4.1. */
    public static final int ECHO_HEADER_BYTES = 8;

    // ICMP header offsets (RFC 792; RFC 4443 §2.1), relative to the start of the ICMP message.
    static final int ICMP_TYPE = 0;
    private static final int ICMP_CODE = 1;
    private static final int ICMP_CHECKSUM = 2;
    static final int ECHO_IDENTIFIER = 4;
    static final int ECHO_SEQUENCE = 6;
    /** RFC 792 Destination Unreachable code 4: "fragmentation needed and DF set". */
    private static final int V4_CODE_FRAGMENTATION_NEEDED = 4;
    /** RFC 1191 §4: "fragmentation needed" puts the next-hop MTU in the low 16 bits of word 1. */
    private static final int V4_NEXT_HOP_MTU = 6;
    /** RFC 4443 §3.2: Packet Too Big carries a 32-bit MTU in word 1. */
    private static final int V6_MTU = 4;
    /** RFC 792 / RFC 4443 §3: error messages quote the invoking packet after the 8-byte header. */
    private static final int ERROR_QUOTE = 8;

    // IPv4 header (RFC 791 §3.1), offsets relative to the start of the header.
    static final int IPV4_VERSION_IHL = 0;
    private static final int IPV4_TOTAL_LENGTH = 2;
    private static final int IPV4_TTL = 8;
    static final int IPV4_PROTOCOL = 9;
    static final int IPV4_MIN_HEADER_BYTES = 20;
    static final int IPV4_VERSION = 4;
    /** IANA protocol number of ICMP. */
    static final int PROTOCOL_ICMP = 1;

    /** RFC 791: total length is 16 bits and includes the 20-byte header we send (no options). */
    private static final int MAX_PAYLOAD_V4 = 0xffff - IPV4_MIN_HEADER_BYTES - ECHO_HEADER_BYTES;
    /** RFC 8200 §3: the 16-bit payload length covers the ICMPv6 message (no jumbograms). */
    private static final int MAX_PAYLOAD_V6 = 0xffff - ECHO_HEADER_BYTES;
    /** Echo data byte i is {@code PAYLOAD_PATTERN_BASE + i}: easy to spot in a capture. */
    static final int PAYLOAD_PATTERN_BASE = 0x10;

    /** Absent field value in {@link IcmpMessage}. */
    static final int ABSENT = -1;

    private IcmpCodec() {}

    /**
     * Writes an ICMPv4 Echo Request (type 8, code 0) at {@code out.position()} with its RFC 792
     * checksum, followed by {@code payloadLength} pattern bytes, and advances the position by
     * {@code ECHO_HEADER_BYTES + payloadLength}. Nothing is written if an argument is rejected.
     *
     * @throws IllegalArgumentException if identifier or sequence is outside 0..65535, or the
     *     payload would not fit an IPv4 datagram
     * @throws BufferOverflowException if {@code out} has less room than the message needs
     */
    public static void encodeEchoRequestV4(
            int identifier, int sequence, int payloadLength, ByteBuffer out) {
        int start = out.position();
        int length =
                writeEcho(IcmpV4Type.ECHO_REQUEST.wireValue(), identifier, sequence, payloadLength,
                        MAX_PAYLOAD_V4, out);
        // RFC 792: the checksum covers the whole ICMP message with the checksum field zero.
        putU16(out, start + ICMP_CHECKSUM, InternetChecksum.checksum(out, start, length));
        out.position(start + length);
    }

    /**
     * Writes an ICMPv6 Echo Request (type 128, code 0) at {@code out.position()} followed by
     * {@code payloadLength} pattern bytes and advances the position. The checksum field is left 0:
     * it covers an IPv6 pseudo-header (RFC 4443 §2.3) and the Linux kernel computes it on raw
     * ICMPv6 sockets (RFC 3542 §3.1).
     *
     * @throws IllegalArgumentException if identifier or sequence is outside 0..65535, or the
     *     payload would not fit an IPv6 packet
     * @throws BufferOverflowException if {@code out} has less room than the message needs
     */
    public static void encodeEchoRequestV6(
            int identifier, int sequence, int payloadLength, ByteBuffer out) {
        int start = out.position();
        int length =
                writeEcho(IcmpV6Type.ECHO_REQUEST.wireValue(), identifier, sequence, payloadLength,
                        MAX_PAYLOAD_V6, out);
        out.position(start + length);
    }

    /**
     * Decodes what a raw IPv4 ICMP socket receives: the IPv4 header, as Linux delivers it (total
     * length in network order, including the header), followed by the ICMP message.
     *
     * <p>Checked in order: header present, version 4, IHL at least 5 words and present, protocol 1,
     * total length at least the header and not beyond the buffer, at least 8 ICMP bytes, ICMP
     * checksum. Bytes past the total length are ignored. Because the total length must fit in the
     * buffer, no strict prefix of a valid datagram decodes. The IPv4 header checksum is not checked:
     * the kernel dropped datagrams with a bad one before the socket saw them.
     *
     * @param ipv4Datagram read from position to limit; position and limit are left unchanged
     * @throws IcmpCodecException if any check above fails
     */
    public static IcmpMessage decodeV4(ByteBuffer ipv4Datagram) throws IcmpCodecException {
        ByteBuffer b = ipv4Datagram;
        int base = b.position();
        int available = b.remaining();
        if (available < IPV4_MIN_HEADER_BYTES) {
            throw IcmpCodecException.of(
                    "truncated IPv4 header: " + available + " bytes", ">= " + IPV4_MIN_HEADER_BYTES);
        }
        int versionIhl = u8(b, base + IPV4_VERSION_IHL);
        int version = versionIhl >>> 4;
        if (version != IPV4_VERSION) {
            throw IcmpCodecException.of("IPv4 version " + version, String.valueOf(IPV4_VERSION));
        }
        // RFC 791 §3.1: IHL counts 32-bit words; options make it larger than 5.
        int headerLength = (versionIhl & 0x0f) * 4;
        if (headerLength < IPV4_MIN_HEADER_BYTES) {
            throw IcmpCodecException.of(
                    "IPv4 header length " + headerLength + " bytes", ">= " + IPV4_MIN_HEADER_BYTES);
        }
        if (headerLength > available) {
            throw IcmpCodecException.of(
                    "truncated IPv4 header: " + available + " bytes", ">= " + headerLength);
        }
        int protocol = u8(b, base + IPV4_PROTOCOL);
        if (protocol != PROTOCOL_ICMP) {
            throw IcmpCodecException.of("IPv4 protocol " + protocol, String.valueOf(PROTOCOL_ICMP));
        }
        int totalLength = u16(b, base + IPV4_TOTAL_LENGTH);
        if (totalLength < headerLength) {
            throw IcmpCodecException.of(
                    "IPv4 total length " + totalLength + " bytes", ">= " + headerLength);
        }
        // A short read (MSG_TRUNC, too small a receive buffer) must not pass as a shorter message.
        if (totalLength > available) {
            throw IcmpCodecException.of(
                    "truncated IPv4 datagram: " + available + " bytes", ">= " + totalLength);
        }
        int icmpLength = totalLength - headerLength;
        if (icmpLength < ECHO_HEADER_BYTES) {
            throw IcmpCodecException.of(
                    "truncated ICMP message: " + icmpLength + " bytes", ">= " + ECHO_HEADER_BYTES);
        }
        int icmp = base + headerLength;
        verifyChecksumV4(b, icmp, icmpLength);
        return decodeIcmp(false, b, icmp, icmpLength, u8(b, base + IPV4_TTL));
    }

    /**
     * Decodes what a raw ICMPv6 socket receives: the ICMPv6 message alone, the kernel having removed
     * the IPv6 header. The checksum is not verified: it needs the pseudo-header addresses, and the
     * kernel already dropped messages with a bad checksum. The echo header is 8 bytes and the
     * payload is whatever follows, so any buffer of 8 bytes or more decodes.
     *
     * @param icmpv6Message read from position to limit; position and limit are left unchanged
     * @throws IcmpCodecException if fewer than 8 bytes remain
     */
    public static IcmpMessage decodeV6(ByteBuffer icmpv6Message) throws IcmpCodecException {
        int available = icmpv6Message.remaining();
        if (available < ECHO_HEADER_BYTES) {
            throw IcmpCodecException.of(
                    "truncated ICMPv6 message: " + available + " bytes", ">= " + ECHO_HEADER_BYTES);
        }
        return decodeIcmp(true, icmpv6Message, icmpv6Message.position(), available, ABSENT);
    }

    private static int writeEcho(
            int type, int identifier, int sequence, int payloadLength, int maxPayload, ByteBuffer out) {
        requireU16(identifier, "identifier");
        requireU16(sequence, "sequence");
        if (payloadLength < 0 || payloadLength > maxPayload) {
            throw new IllegalArgumentException(
                    "payload length " + payloadLength + " (expected: 0.." + maxPayload + ")");
        }
        int length = ECHO_HEADER_BYTES + payloadLength;
        if (out.remaining() < length) {
            throw new BufferOverflowException();
        }
        int start = out.position();
        out.put(start + ICMP_TYPE, (byte) type);
        out.put(start + ICMP_CODE, (byte) 0);
        putU16(out, start + ICMP_CHECKSUM, 0);
        putU16(out, start + ECHO_IDENTIFIER, identifier);
        putU16(out, start + ECHO_SEQUENCE, sequence);
        for (int i = 0; i < payloadLength; i++) {
            out.put(start + ECHO_HEADER_BYTES + i, (byte) (PAYLOAD_PATTERN_BASE + i));
        }
        return length;
    }

    /** RFC 792: the one's complement sum over the whole message, checksum included, is 0xffff. */
    private static void verifyChecksumV4(ByteBuffer b, int icmp, int length)
            throws IcmpCodecException {
        if (InternetChecksum.onesComplementSum(b, icmp, length) == 0xffff) {
            return;
        }
        // Sum without the checksum field; the split is at even offsets, so word alignment holds.
        int withoutField =
                InternetChecksum.add(
                        InternetChecksum.onesComplementSum(b, icmp, ICMP_CHECKSUM),
                        InternetChecksum.onesComplementSum(
                                b, icmp + ECHO_IDENTIFIER, length - ECHO_IDENTIFIER));
        int expected = ~withoutField & 0xffff;
        throw IcmpCodecException.of(
                String.format("ICMP checksum 0x%04x", u16(b, icmp + ICMP_CHECKSUM)),
                String.format("0x%04x", expected));
    }

    /** Decodes the ICMP message at {@code b[icmp, icmp+length)}; length >= 8 is guaranteed. */
    private static IcmpMessage decodeIcmp(boolean ipv6, ByteBuffer b, int icmp, int length, int ttl) {
        int type = u8(b, icmp + ICMP_TYPE);
        int code = u8(b, icmp + ICMP_CODE);
        int payloadLength = length - ECHO_HEADER_BYTES;
        int echoRequest = ipv6 ? IcmpV6Type.ECHO_REQUEST.wireValue() : IcmpV4Type.ECHO_REQUEST.wireValue();
        int echoReply = ipv6 ? IcmpV6Type.ECHO_REPLY.wireValue() : IcmpV4Type.ECHO_REPLY.wireValue();
        if (type == echoRequest || type == echoReply) {
            return new IcmpMessage(ipv6, type, code, u16(b, icmp + ECHO_IDENTIFIER),
                    u16(b, icmp + ECHO_SEQUENCE), payloadLength, ttl, ABSENT, ABSENT, ABSENT, ABSENT);
        }
        boolean error = ipv6
                ? IcmpV6Type.fromWire(type).map(IcmpV6Type::isError).orElse(false)
                : IcmpV4Type.fromWire(type).map(IcmpV4Type::isError).orElse(false);
        if (!error) {
            return new IcmpMessage(ipv6, type, code, ABSENT, ABSENT, payloadLength, ttl,
                    ABSENT, ABSENT, ABSENT, ABSENT);
        }
        int mtu = ABSENT;
        if (ipv6 && type == IcmpV6Type.PACKET_TOO_BIG.wireValue()) {
            // 32-bit unsigned on the wire; anything above Integer.MAX_VALUE is nonsense, so clamp.
            mtu = (int) Math.min(u32(b, icmp + V6_MTU), Integer.MAX_VALUE);
        } else if (!ipv6 && type == IcmpV4Type.DESTINATION_UNREACHABLE.wireValue()
                && code == V4_CODE_FRAGMENTATION_NEEDED) {
            mtu = u16(b, icmp + V4_NEXT_HOP_MTU);
        }
        int quote = icmp + ERROR_QUOTE;
        IcmpQuote q = ipv6 ? IcmpQuote.v6(b, quote, payloadLength) : IcmpQuote.v4(b, quote, payloadLength);
        return new IcmpMessage(ipv6, type, code, ABSENT, ABSENT, payloadLength, ttl, q.protocol(),
                q.identifier(), q.sequence(), mtu);
    }

    private static void requireU16(int value, String what) {
        if (value < 0 || value > 0xffff) {
            throw new IllegalArgumentException(what + " " + value + " (expected: 0..65535)");
        }
    }

    static int u8(ByteBuffer b, int index) {
        return b.get(index) & 0xff;
    }

    static int u16(ByteBuffer b, int index) {
        return (u8(b, index) << 8) | u8(b, index + 1);
    }

    private static long u32(ByteBuffer b, int index) {
        return ((long) u16(b, index) << 16) | u16(b, index + 2);
    }

    private static void putU16(ByteBuffer b, int index, int value) {
        b.put(index, (byte) (value >>> 8));
        b.put(index + 1, (byte) value);
    }
}
