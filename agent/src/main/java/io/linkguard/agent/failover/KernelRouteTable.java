package io.linkguard.agent.failover;

import io.linkguard.probes.netlink.KernelView;
import io.linkguard.probes.netlink.LinkMessage;
import io.linkguard.probes.netlink.RouteMessage;
import io.linkguard.probes.netlink.RouteRequest;
import io.linkguard.probes.netlink.RtnetlinkSocket;

import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Supplier;

/**
 * {@link RouteTable} over the agent's rtnetlink request socket; interface names come from the netlink
 * watcher's view, so naming a route costs no request.
 */
public final class KernelRouteTable implements RouteTable {
    private final RtnetlinkSocket socket;
    private final Supplier<KernelView> view;

    public KernelRouteTable(RtnetlinkSocket socket, Supplier<KernelView> view) {
        this.socket = socket;
        this.view = view;
    }

    @Override
    public OptionalInt interfaceIndex(String name) throws IOException {
        Optional<LinkMessage> l = socket.link(name); // asked, not the view: a route action must not act on stale names
        return l.isPresent() ? OptionalInt.of(l.get().index()) : OptionalInt.empty();
    }

    @Override
    public Optional<String> interfaceName(int index) {
        LinkMessage l = view.get().linksByIndex().get(index);
        return l == null ? Optional.empty() : Optional.of(l.name());
    }

    @Override
    public List<RouteMessage> routes(int family) throws IOException {
        return socket.routes(family);
    }

    @Override
    public void replace(RouteRequest request) throws IOException {
        socket.replaceRoute(request);
    }
}
