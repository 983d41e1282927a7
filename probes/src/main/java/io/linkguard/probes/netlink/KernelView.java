package io.linkguard.probes.netlink;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * An immutable picture of the kernel's links, addresses and neighbours at one moment, maintained
 * by the {@link KernelWatcher} and published after each message. Routes are not kept: they are
 * only delivered as events.
 */
public record KernelView(Map<Integer, LinkMessage> linksByIndex, List<AddressMessage> addresses,
        List<NeighborMessage> neighbors) {
    static final KernelView EMPTY = new KernelView(Map.of(), List.of(), List.of());

    public KernelView {
        linksByIndex = Map.copyOf(linksByIndex);
        addresses = List.copyOf(addresses);
        neighbors = List.copyOf(neighbors);
    }

    public Optional<LinkMessage> link(String name) {
        return linksByIndex.values().stream().filter(l -> l.name().equals(name)).findFirst();
    }

    /** The address is configured on any interface. */
    public boolean hasAddress(InetAddress a) {
        return addresses.stream().anyMatch(m -> m.address().equals(a));
    }

    /** The link-layer address of a reachable neighbour {@code a} on interface {@code index}. */
    public Optional<byte[]> neighbor(int index, InetAddress a) {
        return neighbors.stream().filter(n -> n.index() == index && n.address().equals(a) && n.reachable())
                .findFirst().map(NeighborMessage::linkLayerAddress);
    }

    /** This view with one kernel message applied (a NEW replaces, a DEL removes); routes leave it unchanged. */
    KernelView apply(Object message) {
        return switch (message) {
            case LinkMessage l -> {
                Map<Integer, LinkMessage> links = new TreeMap<>(linksByIndex);
                // A deleted link takes its addresses and neighbours with it; the kernel says so too, but
                // only for addresses, and not always before the RTM_DELLINK.
                if (l.deleted()) {
                    links.remove(l.index());
                    yield new KernelView(links, addresses.stream().filter(a -> a.index() != l.index()).toList(),
                            neighbors.stream().filter(n -> n.index() != l.index()).toList());
                }
                links.put(l.index(), l);
                yield new KernelView(links, addresses, neighbors);
            }
            case AddressMessage a -> {
                List<AddressMessage> out = new ArrayList<>(addresses.stream()
                        .filter(x -> !(x.index() == a.index() && x.address().equals(a.address()))).toList());
                if (!a.deleted()) {
                    out.add(a);
                }
                yield new KernelView(linksByIndex, out, neighbors);
            }
            case NeighborMessage n -> {
                List<NeighborMessage> out = new ArrayList<>(neighbors.stream()
                        .filter(x -> !(x.index() == n.index() && x.address().equals(n.address()))).toList());
                if (!n.deleted()) {
                    out.add(n);
                }
                yield new KernelView(linksByIndex, addresses, out);
            }
            default -> this;
        };
    }
}
