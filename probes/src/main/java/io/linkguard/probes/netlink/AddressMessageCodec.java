package io.linkguard.probes.netlink;

import java.net.InetAddress;
import java.nio.ByteBuffer;

/**
 * RTM_NEWADDR / RTM_DELADDR: {@code struct ifaddrmsg} (rtnetlink(7), {@code <linux/if_addr.h>})
 * after the {@link NetlinkHeader}, then IFA_* attributes:
 *
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |  ifa_family   | ifa_prefixlen |   ifa_flags   |   ifa_scope   |  0
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                          ifa_index                            |  4
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |  IFA_ADDRESS (4/16 bytes), IFA_LOCAL (4/16 bytes), ...        |  8
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 *
 * On a point-to-point interface IFA_ADDRESS is the peer's address and IFA_LOCAL ours; elsewhere
 * both are ours, so IFA_LOCAL wins when present.
 */
final class AddressMessageCodec {
    static final int BYTES = 8;
    static final int FAMILY = 0;
    static final int PREFIXLEN = 1;
    static final int FLAGS = 2;
    static final int SCOPE = 3;
    static final int INDEX = 4;

    private AddressMessageCodec() {
    }

    static AddressMessage decode(ByteBuffer b, int offset, NetlinkHeader h) throws NetlinkCodecException {
        int body = offset + NetlinkHeader.BYTES;
        int end = offset + h.length();
        if (end - body < BYTES) {
            throw NetlinkCodecException.of(Rtnetlink.typeName(h.type()) + " ifaddrmsg of " + (end - body) + " bytes",
                    ">= " + BYTES);
        }
        int family = Byte.toUnsignedInt(b.get(body + FAMILY));
        var a = new Object() {
            InetAddress address;
            InetAddress local;
        };
        RtAttributes.forEach(b, body + BYTES, end, (type, off, len) -> {
            switch (type) {
                case Rtnetlink.IFA_ADDRESS -> a.address = RtAttributes.address(b, off, len, family, "IFA_ADDRESS");
                case Rtnetlink.IFA_LOCAL -> a.local = RtAttributes.address(b, off, len, family, "IFA_LOCAL");
                default -> {
                }
            }
        });
        InetAddress address = a.local != null ? a.local : a.address;
        if (address == null) {
            throw NetlinkCodecException.of(Rtnetlink.typeName(h.type()) + " without an address",
                    "IFA_LOCAL or IFA_ADDRESS");
        }
        return new AddressMessage(h.type() == Rtnetlink.RTM_DELADDR, family, b.getInt(body + INDEX),
                Byte.toUnsignedInt(b.get(body + PREFIXLEN)), address);
    }
}
