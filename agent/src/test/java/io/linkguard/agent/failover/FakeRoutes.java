package io.linkguard.agent.failover;

import io.linkguard.probes.netlink.RouteMessage;
import io.linkguard.probes.netlink.RouteRequest;
import io.linkguard.probes.netlink.RtnetlinkException;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/** A routing table in memory: replace, as the kernel does it, and interfaces by name. */
public final class FakeRoutes implements RouteTable {
    public final Map<String, Integer> interfaces = new HashMap<>();
    public final List<RouteMessage> routes = new ArrayList<>();
    public final List<RouteRequest> requests = new ArrayList<>();
    /** If set, the kernel refuses every replace with this errno. */
    public int refuseWith;

    @Override
    public OptionalInt interfaceIndex(String name) {
        Integer i = interfaces.get(name);
        return i == null ? OptionalInt.empty() : OptionalInt.of(i);
    }

    @Override
    public Optional<String> interfaceName(int index) {
        return interfaces.entrySet().stream().filter(e -> e.getValue() == index).map(Map.Entry::getKey).findFirst();
    }

    @Override
    public List<RouteMessage> routes(int family) {
        return routes.stream().filter(r -> r.family() == family).toList();
    }

    @Override
    public void replace(RouteRequest r) throws IOException {
        requests.add(r);
        if (refuseWith != 0) {
            throw new RtnetlinkException("replace route: refused (errno " + refuseWith + ")", refuseWith);
        }
        routes.removeIf(m -> m.table() == r.table() && m.destinationLength() == r.destinationLength()
                && m.destination().equals(Optional.of(r.destination())));
        routes.add(route(r.table(), r.destination(), r.destinationLength(), r.gateway(), r.outIndex()));
    }

    public static RouteMessage route(int table, java.net.InetAddress dst, int len, Optional<java.net.InetAddress> via,
                                     int oif) {
        boolean v6 = dst instanceof java.net.Inet6Address;
        // As the kernel reports them: an IPv6 route always carries its metric, 1024 when none was asked for.
        return new RouteMessage(false, v6 ? 10 : 2, table, len, Optional.of(dst), via, oif, 3, 0, 1,
                v6 ? java.util.OptionalInt.of(1024) : java.util.OptionalInt.empty());
    }
}
