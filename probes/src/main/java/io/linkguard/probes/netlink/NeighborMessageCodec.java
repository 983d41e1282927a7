package io.linkguard.probes.netlink;

import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.util.Optional;

/**
 * RTM_NEWNEIGH / RTM_DELNEIGH: {@code struct ndmsg} (rtnetlink(7), {@code <linux/neighbour.h>})
 * after the {@link NetlinkHeader}, then NDA_* attributes:
 *
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |  ndm_family   |   ndm_pad1    |           ndm_pad2            |  0
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                         ndm_ifindex                           |  4
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |           ndm_state           |   ndm_flags   |   ndm_type    |  8
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |  NDA_DST (4/16 bytes), NDA_LLADDR (bytes) ...                 | 12
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 */
final class NeighborMessageCodec {
    static final int BYTES = 12;
    static final int FAMILY = 0;
    static final int INDEX = 4;
    static final int STATE = 8;
    static final int FLAGS = 10;
    static final int TYPE = 11;

    private NeighborMessageCodec() {
    }

    /** The neighbour, or empty for a family that is not IP (a bridge's forwarding database entry). */
    static Optional<NeighborMessage> decode(ByteBuffer b, int offset, NetlinkHeader h) throws NetlinkCodecException {
        int body = offset + NetlinkHeader.BYTES;
        int end = offset + h.length();
        if (end - body < BYTES) {
            throw NetlinkCodecException.of(Rtnetlink.typeName(h.type()) + " ndmsg of " + (end - body) + " bytes",
                    ">= " + BYTES);
        }
        int family = Byte.toUnsignedInt(b.get(body + FAMILY));
        if (family != Rtnetlink.AF_INET && family != Rtnetlink.AF_INET6) {
            return Optional.empty();
        }
        var a = new Object() {
            InetAddress dst;
            byte[] lladdr = new byte[0];
        };
        RtAttributes.forEach(b, body + BYTES, end, (type, off, len) -> {
            switch (type) {
                case Rtnetlink.NDA_DST -> a.dst = RtAttributes.address(b, off, len, family, "NDA_DST");
                case Rtnetlink.NDA_LLADDR -> a.lladdr = RtAttributes.bytes(b, off, len);
                default -> {
                }
            }
        });
        if (a.dst == null) {
            throw NetlinkCodecException.of(Rtnetlink.typeName(h.type()) + " without NDA_DST", "NDA_DST");
        }
        return Optional.of(new NeighborMessage(h.type() == Rtnetlink.RTM_DELNEIGH, family, b.getInt(body + INDEX),
                a.dst, a.lladdr, Short.toUnsignedInt(b.getShort(body + STATE))));
    }
}
