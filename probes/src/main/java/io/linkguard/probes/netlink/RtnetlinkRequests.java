package io.linkguard.probes.netlink;

import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Encodes the requests this layer sends (rtnetlink(7)): dumps, a link by name, and a route to
 * replace or delete. Each is one {@link NetlinkHeader} with NLM_F_REQUEST, a fixed header (see the
 * codec of that kind for its layout) and attributes, in host byte order.
 */
final class RtnetlinkRequests {
    private static final int MAX_BYTES = 256;

    private RtnetlinkRequests() {
    }

    /** A dump of every link (RTM_GETLINK), address (RTM_GETADDR), route (RTM_GETROUTE) or neighbour (RTM_GETNEIGH). */
    static ByteBuffer dump(int type, int family, int sequence) {
        int fixed = switch (type) {
            case Rtnetlink.RTM_GETLINK -> LinkMessageCodec.BYTES;
            case Rtnetlink.RTM_GETADDR -> AddressMessageCodec.BYTES;
            case Rtnetlink.RTM_GETROUTE -> RouteMessageCodec.BYTES;
            case Rtnetlink.RTM_GETNEIGH -> NeighborMessageCodec.BYTES;
            default -> throw new IllegalArgumentException("not a dump: " + type);
        };
        ByteBuffer b = buffer();
        b.put(NetlinkHeader.BYTES, (byte) family); // the family is the first byte of every fixed header
        return finish(b, NetlinkHeader.BYTES + fixed, type, Rtnetlink.NLM_F_REQUEST | Rtnetlink.NLM_F_DUMP, sequence);
    }

    /** RTM_GETLINK for one link by name (ifi_index 0, IFLA_IFNAME). */
    static ByteBuffer getLink(String name, int sequence) {
        ByteBuffer b = buffer();
        int end = RtAttributes.putString(b, NetlinkHeader.BYTES + LinkMessageCodec.BYTES, Rtnetlink.IFLA_IFNAME, name);
        return finish(b, end, Rtnetlink.RTM_GETLINK, Rtnetlink.NLM_F_REQUEST, sequence);
    }

    /**
     * RTM_NEWROUTE with NLM_F_CREATE|NLM_F_REPLACE (what {@code ip route replace} sends) or
     * RTM_DELROUTE, both with NLM_F_ACK. Protocol RTPROT_BOOT as {@code ip} uses; scope LINK for a
     * route through a device without a gateway, else UNIVERSE.
     */
    static ByteBuffer route(RouteRequest r, boolean delete, int sequence) {
        ByteBuffer b = buffer();
        int body = NetlinkHeader.BYTES;
        b.put(body + RouteMessageCodec.FAMILY, (byte) r.family());
        b.put(body + RouteMessageCodec.DST_LEN, (byte) r.destinationLength());
        b.put(body + RouteMessageCodec.TABLE, (byte) (r.table() < 256 ? r.table() : 0)); // RT_TABLE_UNSPEC: see RTA_TABLE
        b.put(body + RouteMessageCodec.PROTOCOL, (byte) Rtnetlink.RTPROT_BOOT);
        boolean link = r.gateway().isEmpty();
        b.put(body + RouteMessageCodec.SCOPE, (byte) (link ? Rtnetlink.RT_SCOPE_LINK : Rtnetlink.RT_SCOPE_UNIVERSE));
        b.put(body + RouteMessageCodec.TYPE, (byte) Rtnetlink.RTN_UNICAST);
        int off = body + RouteMessageCodec.BYTES;
        off = RtAttributes.putU32(b, off, Rtnetlink.RTA_TABLE, r.table());
        if (r.destinationLength() > 0) {
            off = RtAttributes.put(b, off, Rtnetlink.RTA_DST, masked(r.destination(), r.destinationLength()));
        }
        if (r.gateway().isPresent()) {
            off = RtAttributes.put(b, off, Rtnetlink.RTA_GATEWAY, r.gateway().get().getAddress());
        }
        if (r.outIndex() != 0) {
            off = RtAttributes.putU32(b, off, Rtnetlink.RTA_OIF, r.outIndex());
        }
        int flags = Rtnetlink.NLM_F_REQUEST | Rtnetlink.NLM_F_ACK
                | (delete ? 0 : Rtnetlink.NLM_F_CREATE | Rtnetlink.NLM_F_REPLACE);
        return finish(b, off, delete ? Rtnetlink.RTM_DELROUTE : Rtnetlink.RTM_NEWROUTE, flags, sequence);
    }

    /** The destination with the host bits cleared: the kernel rejects 10.77.0.1/16 with EINVAL. */
    static byte[] masked(InetAddress a, int length) {
        byte[] bytes = a.getAddress();
        for (int i = 0; i < bytes.length; i++) {
            int keep = Math.clamp(length - i * 8L, 0, 8);
            bytes[i] &= (byte) (0xff00 >> keep);
        }
        return bytes;
    }

    private static ByteBuffer buffer() {
        return ByteBuffer.allocate(MAX_BYTES).order(ByteOrder.nativeOrder());
    }

    private static ByteBuffer finish(ByteBuffer b, int length, int type, int flags, int sequence) {
        new NetlinkHeader(length, type, flags, sequence, 0).encode(b, 0);
        return b.position(0).limit(length);
    }
}
