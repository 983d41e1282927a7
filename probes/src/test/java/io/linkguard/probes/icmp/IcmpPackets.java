package io.linkguard.probes.icmp;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;

/** Hand-built packets for the ICMP codec tests. Independent of IcmpCodec on purpose. */
final class IcmpPackets {

    static final byte[] TEST_NET_1_HOST = {(byte) 192, 0, 2, 1};
    static final byte[] TEST_NET_1_PEER = {(byte) 192, 0, 2, 100};

    private IcmpPackets() {}

    /**
     * An IPv4 header (no options for ihlWords 5, NOP...EOL options beyond) with a correct total
     * length and header checksum, followed by {@code body}.
     */
    static byte[] ipv4(int ihlWords, int protocol, int ttl, byte[] body) {
        int headerLength = ihlWords * 4;
        byte[] p = new byte[headerLength + body.length];
        p[0] = (byte) (0x40 | ihlWords);
        putU16(p, 2, p.length);
        putU16(p, 4, 0x4242); // identification
        putU16(p, 6, 0x4000); // DF, offset 0
        p[8] = (byte) ttl;
        p[9] = (byte) protocol;
        System.arraycopy(TEST_NET_1_PEER, 0, p, 12, 4);
        System.arraycopy(TEST_NET_1_HOST, 0, p, 16, 4);
        for (int i = 20; i < headerLength; i++) {
            p[i] = (byte) (i == headerLength - 1 ? 0 : 1); // NOP options, then End of Option List
        }
        putU16(p, 10, checksum(p, 0, headerLength));
        System.arraycopy(body, 0, p, headerLength, body.length);
        return p;
    }

    /** A 40-byte IPv6 header with the given next header and payload length, then {@code body}. */
    static byte[] ipv6(int nextHeader, byte[] body) {
        byte[] p = new byte[40 + body.length];
        p[0] = 0x60;
        putU16(p, 4, body.length);
        p[6] = (byte) nextHeader;
        p[7] = 64;
        p[8] = 0x20; // 2001:db8::1 -> 2001:db8::2
        p[9] = 0x01;
        p[10] = 0x0d;
        p[11] = (byte) 0xb8;
        p[23] = 1;
        System.arraycopy(p, 8, p, 24, 15);
        p[39] = 2;
        System.arraycopy(body, 0, p, 40, body.length);
        return p;
    }

    /** An ICMP message: type, code, 32-bit "rest of header" word, body; RFC 1071 checksum set. */
    static byte[] icmpV4(int type, int code, int restOfHeader, byte[] body) {
        byte[] m = icmpV6(type, code, restOfHeader, body);
        putU16(m, 2, checksum(m, 0, m.length));
        return m;
    }

    /** An ICMPv6 message with checksum 0 (the decoder does not verify it). */
    static byte[] icmpV6(int type, int code, int restOfHeader, byte[] body) {
        byte[] m = new byte[8 + body.length];
        m[0] = (byte) type;
        m[1] = (byte) code;
        putU16(m, 4, restOfHeader >>> 16);
        putU16(m, 6, restOfHeader & 0xffff);
        System.arraycopy(body, 0, m, 8, body.length);
        return m;
    }

    /** An echo message (request or reply, by type) with payload bytes 0x10 + i. */
    static byte[] echo(boolean v6, int type, int identifier, int sequence, int payloadLength) {
        byte[] payload = new byte[payloadLength];
        for (int i = 0; i < payloadLength; i++) {
            payload[i] = (byte) (0x10 + i);
        }
        int rest = (identifier << 16) | sequence;
        return v6 ? icmpV6(type, 0, rest, payload) : icmpV4(type, 0, rest, payload);
    }

    /** A minimal UDP header, source port 33434 (traceroute) to 33435. */
    static byte[] udp(int payloadLength) {
        byte[] u = new byte[8 + payloadLength];
        putU16(u, 0, 33434);
        putU16(u, 2, 33435);
        putU16(u, 4, u.length);
        return u;
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    static byte[] prefix(byte[] bytes, int length) {
        return java.util.Arrays.copyOf(bytes, length);
    }

    static byte[] bytes(int... values) {
        byte[] b = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            b[i] = (byte) values[i];
        }
        return b;
    }

    static byte[] toArray(ByteBuffer b) {
        byte[] a = new byte[b.remaining()];
        b.duplicate().get(a);
        return a;
    }

    static void putU16(byte[] b, int index, int value) {
        b[index] = (byte) (value >>> 8);
        b[index + 1] = (byte) value;
    }

    /** RFC 1071 checksum, written independently of InternetChecksum for cross-checking. */
    static int checksum(byte[] b, int offset, int length) {
        long sum = 0;
        for (int i = 0; i < length; i++) {
            int v = b[offset + i] & 0xff;
            sum += (i % 2 == 0) ? v << 8 : v;
        }
        while ((sum >>> 16) != 0) {
            sum = (sum & 0xffff) + (sum >>> 16);
        }
        return (int) ~sum & 0xffff;
    }
}
