package io.linkguard.probes.netlink;

import java.nio.ByteBuffer;

/**
 * {@code struct nlmsghdr} (RFC 3549 §2.3.2, netlink(7)), host byte order:
 *
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                     nlmsg_len (header + payload)              |  0
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |          nlmsg_type           |          nlmsg_flags          |  4
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                          nlmsg_seq                            |  8
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                          nlmsg_pid                            | 12
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 *
 * @param length   nlmsg_len, header included
 * @param portId   nlmsg_pid: in a reply, the port of the socket that sent the request
 */
record NetlinkHeader(int length, int type, int flags, int sequence, int portId) {
    static final int BYTES = 16;
    static final int LEN = 0;
    static final int TYPE = 4;
    static final int FLAGS = 6;
    static final int SEQ = 8;
    static final int PID = 12;
    /** NLMSG_ALIGNTO: every message starts on a 4-byte boundary. */
    static final int ALIGNTO = 4;

    static int align(int n) {
        return (n + ALIGNTO - 1) & ~(ALIGNTO - 1);
    }

    /**
     * Reads the header at {@code offset} of a native-order buffer, checking that the whole message
     * lies inside {@code [offset, end)}.
     */
    static NetlinkHeader decode(ByteBuffer b, int offset, int end) throws NetlinkCodecException {
        if (end - offset < BYTES) {
            throw NetlinkCodecException.of("netlink header of " + (end - offset) + " bytes", ">= " + BYTES);
        }
        int length = b.getInt(offset + LEN);
        if (length < BYTES || length > end - offset) {
            throw NetlinkCodecException.of("nlmsg_len " + Integer.toUnsignedString(length),
                    BYTES + ".." + (end - offset) + ", the bytes left");
        }
        return new NetlinkHeader(length, Short.toUnsignedInt(b.getShort(offset + TYPE)),
                Short.toUnsignedInt(b.getShort(offset + FLAGS)), b.getInt(offset + SEQ), b.getInt(offset + PID));
    }

    /** Writes this header at {@code offset}. */
    void encode(ByteBuffer b, int offset) {
        b.putInt(offset + LEN, length);
        b.putShort(offset + TYPE, (short) type);
        b.putShort(offset + FLAGS, (short) flags);
        b.putInt(offset + SEQ, sequence);
        b.putInt(offset + PID, portId);
    }
}
