package io.linkguard.probes.netlink;

import java.nio.ByteBuffer;
import java.util.Optional;

/**
 * RTM_NEWLINK / RTM_DELLINK: {@code struct ifinfomsg} (rtnetlink(7), {@code <linux/rtnetlink.h>})
 * after the {@link NetlinkHeader}, then IFLA_* attributes:
 *
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |  ifi_family   |   __ifi_pad   |           ifi_type            |  0
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                          ifi_index                            |  4
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                          ifi_flags                            |  8
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                          ifi_change                           | 12
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |  IFLA_IFNAME (string), IFLA_MTU (u32), IFLA_OPERSTATE (u8),   | 16
 * |  IFLA_ADDRESS (bytes), IFLA_STATS64 (rtnl_link_stats64) ...   |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 */
final class LinkMessageCodec {
    static final int BYTES = 16;
    static final int FAMILY = 0;
    static final int TYPE = 2;
    static final int INDEX = 4;
    static final int FLAGS = 8;
    static final int CHANGE = 12;
    /** The eight leading u64 counters of rtnl_link_stats64 we read. */
    static final int STATS64_MIN_BYTES = 8 * 8;
    /** PF_BRIDGE: a bridge port's view of a link; its RTM_DELLINK means "left the bridge", not "deleted". */
    static final int AF_BRIDGE = 7;

    private LinkMessageCodec() {
    }

    /** The link at {@code offset} (its header already read), or empty for a bridge port message. */
    static Optional<LinkMessage> decode(ByteBuffer b, int offset, NetlinkHeader h) throws NetlinkCodecException {
        int body = offset + NetlinkHeader.BYTES;
        int end = offset + h.length();
        if (end - body < BYTES) {
            throw NetlinkCodecException.of(Rtnetlink.typeName(h.type()) + " ifinfomsg of " + (end - body) + " bytes",
                    ">= " + BYTES);
        }
        if (Byte.toUnsignedInt(b.get(body + FAMILY)) == AF_BRIDGE) {
            return Optional.empty();
        }
        var a = new Object() {
            String name = "";
            OperState oper = OperState.UNKNOWN;
            int mtu;
            byte[] lladdr = new byte[0];
            LinkStats64 stats;
        };
        RtAttributes.forEach(b, body + BYTES, end, (type, off, len) -> {
            switch (type) {
                case Rtnetlink.IFLA_IFNAME -> a.name = RtAttributes.string(b, off, len);
                case Rtnetlink.IFLA_MTU -> a.mtu = RtAttributes.u32(b, off, len, "IFLA_MTU");
                case Rtnetlink.IFLA_OPERSTATE -> a.oper = OperState.of(RtAttributes.u8(b, off, len, "IFLA_OPERSTATE"));
                case Rtnetlink.IFLA_ADDRESS -> a.lladdr = RtAttributes.bytes(b, off, len);
                case Rtnetlink.IFLA_STATS64 -> a.stats = stats(b, off, len);
                default -> {
                }
            }
        });
        return Optional.of(new LinkMessage(h.type() == Rtnetlink.RTM_DELLINK, b.getInt(body + INDEX),
                Short.toUnsignedInt(b.getShort(body + TYPE)), b.getInt(body + FLAGS), a.name, a.oper, a.mtu, a.lladdr,
                Optional.ofNullable(a.stats)));
    }

    private static LinkStats64 stats(ByteBuffer b, int off, int len) throws NetlinkCodecException {
        if (len < STATS64_MIN_BYTES) {
            throw NetlinkCodecException.of("IFLA_STATS64 of " + len + " bytes", ">= " + STATS64_MIN_BYTES);
        }
        return new LinkStats64(b.getLong(off), b.getLong(off + 8), b.getLong(off + 16), b.getLong(off + 24),
                b.getLong(off + 32), b.getLong(off + 40), b.getLong(off + 48), b.getLong(off + 56));
    }
}
