package io.linkguard.probes.netlink;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * The type-length-value attributes after a fixed rtnetlink header ({@code struct rtattr},
 * rtnetlink(7); RFC 3549 §2.3.2.1), host byte order, each padded to RTA_ALIGNTO (4):
 *
 * <pre>
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |     rta_len (header+value)    |           rta_type            |  0
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                 value (rta_len - 4 bytes) ... padding to 4    |  4
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 */
final class RtAttributes {
    static final int HEADER_BYTES = 4;
    static final int LEN = 0;
    static final int TYPE = 2;
    /** Strips NLA_F_NESTED and NLA_F_NET_BYTEORDER from rta_type. */
    static final int TYPE_MASK = 0x3fff;

    /** Receives one attribute: its type and the offset and length of its value. */
    @FunctionalInterface
    interface Visitor {
        void visit(int type, int offset, int length) throws NetlinkCodecException;
    }

    private RtAttributes() {
    }

    /** Visits every attribute in {@code [start, end)}; a length that leaves the range is malformed. */
    static void forEach(ByteBuffer b, int start, int end, Visitor v) throws NetlinkCodecException {
        int off = start;
        while (end - off >= HEADER_BYTES) {
            int len = Short.toUnsignedInt(b.getShort(off + LEN));
            int type = Short.toUnsignedInt(b.getShort(off + TYPE)) & TYPE_MASK;
            if (len < HEADER_BYTES || len > end - off) {
                throw NetlinkCodecException.of("rta_len " + len + " of attribute " + type,
                        HEADER_BYTES + ".." + (end - off) + ", the bytes left");
            }
            v.visit(type, off + HEADER_BYTES, len - HEADER_BYTES);
            off += NetlinkHeader.align(len);
        }
        // Up to 3 bytes of padding may trail the last attribute; more is not an attribute.
        if (off < end && end - off >= HEADER_BYTES) {
            throw NetlinkCodecException.of((end - off) + " trailing bytes", "< 4");
        }
    }

    static int u32(ByteBuffer b, int offset, int length, String name) throws NetlinkCodecException {
        if (length < 4) {
            throw NetlinkCodecException.of(name + " of " + length + " bytes", "4");
        }
        return b.getInt(offset);
    }

    static int u8(ByteBuffer b, int offset, int length, String name) throws NetlinkCodecException {
        if (length < 1) {
            throw NetlinkCodecException.of(name + " of " + length + " bytes", "1");
        }
        return Byte.toUnsignedInt(b.get(offset));
    }

    /** A NUL-terminated string (the NUL may be missing at the end of the value). */
    static String string(ByteBuffer b, int offset, int length) {
        int n = 0;
        while (n < length && b.get(offset + n) != 0) {
            n++;
        }
        byte[] bytes = new byte[n];
        b.get(offset, bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }

    static byte[] bytes(ByteBuffer b, int offset, int length) {
        byte[] bytes = new byte[length];
        b.get(offset, bytes);
        return bytes;
    }

    /** An IPv4 (4 bytes) or IPv6 (16 bytes) address, as the family says. */
    static InetAddress address(ByteBuffer b, int offset, int length, int family, String name)
            throws NetlinkCodecException {
        int want = family == Rtnetlink.AF_INET ? 4 : family == Rtnetlink.AF_INET6 ? 16 : -1;
        if (length != want) {
            throw NetlinkCodecException.of(name + " of " + length + " bytes in family " + family,
                    "4 for AF_INET, 16 for AF_INET6");
        }
        try {
            return InetAddress.getByAddress(bytes(b, offset, length));
        } catch (UnknownHostException e) {
            throw new AssertionError("4 or 16 bytes are always an address", e);
        }
    }

    /** Writes one attribute at {@code offset} and returns the offset after its padding. */
    static int put(ByteBuffer b, int offset, int type, byte[] value) {
        b.putShort(offset + LEN, (short) (HEADER_BYTES + value.length));
        b.putShort(offset + TYPE, (short) type);
        b.put(offset + HEADER_BYTES, value);
        int end = offset + NetlinkHeader.align(HEADER_BYTES + value.length);
        for (int i = offset + HEADER_BYTES + value.length; i < end; i++) {
            b.put(i, (byte) 0);
        }
        return end;
    }

    static int putU32(ByteBuffer b, int offset, int type, int value) {
        b.putShort(offset + LEN, (short) 8);
        b.putShort(offset + TYPE, (short) type);
        b.putInt(offset + HEADER_BYTES, value);
        return offset + 8;
    }

    static int putString(ByteBuffer b, int offset, int type, String s) {
        byte[] text = s.getBytes(StandardCharsets.UTF_8);
        byte[] z = new byte[text.length + 1];
        System.arraycopy(text, 0, z, 0, text.length);
        return put(b, offset, type, z);
    }
}
