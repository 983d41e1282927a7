package io.linkguard.probes.netlink;

import io.linkguard.probes.net.Errno;
import io.linkguard.probes.net.NativeSocketException;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One request/response NETLINK_ROUTE socket (rtnetlink(7)): dumps of links, addresses, routes and
 * neighbours, one link by name, and route replace/delete acknowledged by the kernel. Replies are
 * matched by sequence number and our port id (nlmsg_pid); anything else on the socket is skipped.
 *
 * <p>Thread-safe: requests are serialized. Each waits at most {@link #TIMEOUT_MILLIS} (poll, on the
 * monotonic clock) for its last reply. The socket belongs to the network namespace of the thread
 * that calls {@link #open()}.
 */
public final class RtnetlinkSocket implements AutoCloseable {
    static final int TIMEOUT_MILLIS = 2000;

    private final NetlinkTransport transport;
    private final AtomicLong malformed = new AtomicLong();
    private int sequence = (int) (System.nanoTime() & 0x3fffffff);

    RtnetlinkSocket(NetlinkTransport transport) {
        this.transport = transport;
    }

    public static RtnetlinkSocket open() throws NativeSocketException {
        return new RtnetlinkSocket(NetlinkChannel.open(0, 0));
    }

    /** Every link (RTM_GETLINK dump). */
    public List<LinkMessage> links() throws IOException {
        return dump(Rtnetlink.RTM_GETLINK, Rtnetlink.AF_UNSPEC, LinkMessage.class, "links");
    }

    /** The link named {@code name}, or empty if there is none (ENODEV). */
    public Optional<LinkMessage> link(String name) throws IOException {
        if (name.isEmpty() || name.getBytes(StandardCharsets.UTF_8).length > 15) {
            return Optional.empty(); // IFNAMSIZ 16 with the NUL: no interface can have this name
        }
        synchronized (this) {
            int seq = next();
            transport.send(RtnetlinkRequests.getLink(name, seq));
            try {
                List<LinkMessage> out = new ArrayList<>();
                exchange(seq, "get link " + name, false, null, out, LinkMessage.class);
                return out.stream().filter(l -> !l.deleted()).findFirst();
            } catch (RtnetlinkException e) {
                if (e.errno() == Errno.ENODEV.number()) {
                    return Optional.empty();
                }
                throw e;
            }
        }
    }

    /** Every IPv4 and IPv6 address (RTM_GETADDR dump). */
    public List<AddressMessage> addresses() throws IOException {
        return dump(Rtnetlink.RTM_GETADDR, Rtnetlink.AF_UNSPEC, AddressMessage.class, "addresses");
    }

    /** Every route of {@code family} (AF_INET 2, AF_INET6 10) in every table (RTM_GETROUTE dump). */
    public List<RouteMessage> routes(int family) throws IOException {
        return dump(Rtnetlink.RTM_GETROUTE, family, RouteMessage.class, "routes of family " + family);
    }

    /** Every IPv4 and IPv6 neighbour (RTM_GETNEIGH dump). */
    public List<NeighborMessage> neighbors() throws IOException {
        return dump(Rtnetlink.RTM_GETNEIGH, Rtnetlink.AF_UNSPEC, NeighborMessage.class, "neighbours");
    }

    /** {@code ip route replace}: creates or replaces the route and waits for the kernel's ack. */
    public void replaceRoute(RouteRequest r) throws IOException {
        route(r, false);
    }

    /** {@code ip route del}: removes the route and waits for the kernel's ack (ESRCH if there is none). */
    public void deleteRoute(RouteRequest r) throws IOException {
        route(r, true);
    }

    /** Messages that failed to decode, and datagrams dropped as truncated or foreign (counted, skipped). */
    public long malformed() {
        return malformed.get() + transport.dropped();
    }

    /** Waits for a request in progress (at most its timeout), then closes the socket. */
    @Override
    public synchronized void close() {
        transport.close();
    }

    private synchronized void route(RouteRequest r, boolean delete) throws IOException {
        int seq = next();
        transport.send(RtnetlinkRequests.route(r, delete, seq));
        String gateway = r.gateway().map(InetAddress::getHostAddress).orElse(null);
        try {
            exchange(seq, describe(r, delete, "ifindex " + r.outIndex()), true, gateway, new ArrayList<>(), Object.class);
        } catch (RtnetlinkException e) {
            // Name the device as the operator knows it; only on the error path, which may afford a dump.
            String dev = "ifindex " + r.outIndex();
            if (r.outIndex() != 0 && e.errno() != Errno.ENODEV.number()) {
                try {
                    dev = links().stream().filter(l -> l.index() == r.outIndex()).map(LinkMessage::name)
                            .findFirst().orElse(dev);
                } catch (IOException lookup) {
                    e.addSuppressed(lookup); // the refusal matters, not the name
                }
            }
            throw RtnetlinkException.of(describe(r, delete, dev), e.errno(), gateway, delete, e.kernelMessage);
        }
    }

    private synchronized <T> List<T> dump(int type, int family, Class<T> kind, String what) throws IOException {
        int seq = next();
        transport.send(RtnetlinkRequests.dump(type, family, seq));
        List<T> out = new ArrayList<>();
        exchange(seq, "dump " + what, false, null, out, kind);
        return out;
    }

    /**
     * Reads replies to request {@code seq} until it is answered: NLMSG_DONE ends a dump, an
     * NLMSG_ERROR ends anything (0: the ack; negative: refused), and a reply without NLM_F_MULTI is
     * the whole answer to a plain get.
     */
    private <T> void exchange(int seq, String what, boolean wantAck, String gateway, List<T> out, Class<T> kind)
            throws IOException {
        long deadline = System.nanoTime() + TIMEOUT_MILLIS * 1_000_000L;
        while (true) {
            long left = (deadline - System.nanoTime()) / 1_000_000L;
            ByteBuffer d = left > 0 ? transport.receive((int) left) : null;
            if (d == null) {
                throw new IOException(what + ": no answer from the kernel within " + TIMEOUT_MILLIS + " ms");
            }
            NetlinkMessages.Batch batch = NetlinkMessages.decode(d);
            malformed.addAndGet(batch.malformed());
            for (NetlinkMessages.Frame f : batch.frames()) {
                if (f.header().sequence() != seq || f.header().portId() != transport.portId()) {
                    continue; // a late reply to an earlier request that timed out
                }
                switch (f.body()) {
                    case NetlinkErrorCodec.NetlinkError e when e.ack() -> {
                        return;
                    }
                    case NetlinkErrorCodec.NetlinkError e ->
                            throw RtnetlinkException.of(what, -e.error(), gateway, what.startsWith("delete"),
                                    e.kernelMessage().orElse(null));
                    case NetlinkMessages.Control c when c == NetlinkMessages.Control.DONE -> {
                        if (!wantAck) {
                            return;
                        }
                    }
                    case Object o when kind.isInstance(o) -> out.add(kind.cast(o));
                    default -> {
                    }
                }
                if (!wantAck && (f.header().flags() & Rtnetlink.NLM_F_MULTI) == 0
                        && f.header().type() != Rtnetlink.NLMSG_ERROR) {
                    return;
                }
            }
        }
    }

    /** "replace route 10.2.0.0/16 via 10.0.0.9 dev gre1 table 254". */
    static String describe(RouteRequest r, boolean delete, String device) {
        StringBuilder s = new StringBuilder(delete ? "delete route " : "replace route ");
        try {
            s.append(InetAddress.getByAddress(RtnetlinkRequests.masked(r.destination(), r.destinationLength()))
                    .getHostAddress()).append('/').append(r.destinationLength());
        } catch (java.net.UnknownHostException e) {
            throw new AssertionError("4 or 16 bytes are always an address", e);
        }
        r.gateway().ifPresent(g -> s.append(" via ").append(g.getHostAddress()));
        if (r.outIndex() != 0) {
            s.append(" dev ").append(device);
        }
        return s.append(" table ").append(r.table()).toString();
    }

    private int next() {
        sequence = (sequence + 1) & 0x7fffffff;
        return sequence == 0 ? ++sequence : sequence;
    }
}
