package io.linkguard.probes.netlink;

import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * RTM_NEWROUTE / RTM_DELROUTE: {@code struct rtmsg} (rtnetlink(7), {@code <linux/rtnetlink.h>})
 * after the {@link NetlinkHeader}, then RTA_* attributes:
 *
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |  rtm_family   |  rtm_dst_len  |  rtm_src_len  |    rtm_tos    |  0
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |   rtm_table   | rtm_protocol  |   rtm_scope   |   rtm_type    |  4
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                          rtm_flags                            |  8
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |  RTA_DST, RTA_GATEWAY (4/16 bytes), RTA_OIF, RTA_PRIORITY,    | 12
 * |  RTA_TABLE (u32) ...                                          |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 *
 * Families other than AF_INET/AF_INET6 (MPLS, multicast tables) are decoded without addresses.
 */
final class RouteMessageCodec {
    static final int BYTES = 12;
    static final int FAMILY = 0;
    static final int DST_LEN = 1;
    static final int SRC_LEN = 2;
    static final int TOS = 3;
    static final int TABLE = 4;
    static final int PROTOCOL = 5;
    static final int SCOPE = 6;
    static final int TYPE = 7;
    static final int FLAGS = 8;

    private RouteMessageCodec() {
    }

    static RouteMessage decode(ByteBuffer b, int offset, NetlinkHeader h) throws NetlinkCodecException {
        int body = offset + NetlinkHeader.BYTES;
        int end = offset + h.length();
        if (end - body < BYTES) {
            throw NetlinkCodecException.of(Rtnetlink.typeName(h.type()) + " rtmsg of " + (end - body) + " bytes",
                    ">= " + BYTES);
        }
        int family = Byte.toUnsignedInt(b.get(body + FAMILY));
        boolean ip = family == Rtnetlink.AF_INET || family == Rtnetlink.AF_INET6;
        var a = new Object() {
            InetAddress dst;
            InetAddress gateway;
            int oif;
            Integer priority;
            int table = Byte.toUnsignedInt(b.get(body + TABLE));
        };
        RtAttributes.forEach(b, body + BYTES, end, (type, off, len) -> {
            switch (type) {
                case Rtnetlink.RTA_DST -> a.dst = ip ? RtAttributes.address(b, off, len, family, "RTA_DST") : null;
                case Rtnetlink.RTA_GATEWAY ->
                        a.gateway = ip ? RtAttributes.address(b, off, len, family, "RTA_GATEWAY") : null;
                case Rtnetlink.RTA_OIF -> a.oif = RtAttributes.u32(b, off, len, "RTA_OIF");
                case Rtnetlink.RTA_PRIORITY -> a.priority = RtAttributes.u32(b, off, len, "RTA_PRIORITY");
                case Rtnetlink.RTA_TABLE -> a.table = RtAttributes.u32(b, off, len, "RTA_TABLE");
                default -> {
                }
            }
        });
        return new RouteMessage(h.type() == Rtnetlink.RTM_DELROUTE, family, a.table,
                Byte.toUnsignedInt(b.get(body + DST_LEN)), Optional.ofNullable(a.dst), Optional.ofNullable(a.gateway),
                a.oif, Byte.toUnsignedInt(b.get(body + PROTOCOL)), Byte.toUnsignedInt(b.get(body + SCOPE)),
                Byte.toUnsignedInt(b.get(body + TYPE)),
                a.priority == null ? OptionalInt.empty() : OptionalInt.of(a.priority));
    }
}
