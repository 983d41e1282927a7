package io.linkguard.bfd.echo;

import io.linkguard.probes.netlink.KernelView;
import io.linkguard.probes.netlink.LinkMessage;
import io.linkguard.probes.netlink.NeighborMessage;

import java.net.InetAddress;
import java.util.HexFormat;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The kernel's neighbour table, as the netlink watcher follows it (RTM_NEWNEIGH/RTM_DELNEIGH): where to
 * send an echo so it reaches the peer's forwarding plane. A BFD session that is Up has exchanged packets
 * with the peer, so its entry is there. Read from the watcher's published view, so an echo costs no
 * system call and no file read.
 *
 * <p>The echo goes out in an Ethernet frame, so an entry whose link-layer address is not 6 bytes
 * (InfiniBand's are 20, a tunnel's 0) is refused, and {@link Lookup#refused()} says why so the caller
 * can count it and log it once.
 */
public final class NeighborTable {
    /** Octets in an Ethernet (EUI-48) address, the only kind an echo frame can carry. */
    public static final int MAC_BYTES = 6;
    private static final HexFormat COLON_HEX = HexFormat.ofDelimiter(":");

    /** Where echoes find their next hop; {@link #NONE} has none (every echo counts as a send failure). */
    @FunctionalInterface
    public interface Source {
        Source NONE = peer -> Lookup.NONE;

        Lookup lookup(InetAddress peer);
    }

    /** A resolved next hop; {@code mac} is always {@link #MAC_BYTES} long. */
    public record Neighbor(String device, int ifindex, byte[] mac) {
        public Neighbor {
            if (mac.length != MAC_BYTES) {
                throw new IllegalArgumentException("hardware address of " + mac.length + " bytes (expected: "
                        + MAC_BYTES + ")");
            }
            mac = mac.clone();
        }

        @Override
        public byte[] mac() {
            return mac.clone();
        }
    }

    /**
     * What the table says about one address.
     *
     * @param neighbor the usable entry, if any
     * @param refused  why an entry for the address was found but not used, if that happened
     */
    public record Lookup(Optional<Neighbor> neighbor, Optional<String> refused) {
        public static final Lookup NONE = new Lookup(Optional.empty(), Optional.empty());

        static Lookup refused(String why) {
            return new Lookup(Optional.empty(), Optional.of(why));
        }
    }

    private NeighborTable() {
    }

    /** Lookups in the watcher's latest view. */
    public static Source of(Supplier<KernelView> view) {
        return peer -> lookup(view.get(), peer);
    }

    /**
     * Pure: the first reachable entry for {@code peer} (NUD state neither incomplete nor failed) with an
     * Ethernet address wins; one with another kind of address is refused, with why.
     */
    public static Lookup lookup(KernelView view, InetAddress peer) {
        Lookup result = Lookup.NONE;
        for (NeighborMessage n : view.neighbors()) {
            if (!n.address().equals(peer) || !n.reachable()) {
                continue;
            }
            LinkMessage link = view.linksByIndex().get(n.index());
            String device = link == null ? "#" + n.index() : link.name();
            byte[] mac = n.linkLayerAddress();
            if (mac.length != MAC_BYTES) {
                result = Lookup.refused("neighbour entry for " + peer.getHostAddress() + " on " + device
                        + ": hardware address " + COLON_HEX.formatHex(mac) + " of " + mac.length + " bytes (expected: "
                        + MAC_BYTES + ", an Ethernet address)");
                continue;
            }
            return new Lookup(Optional.of(new Neighbor(device, n.index(), mac)), Optional.empty());
        }
        return result;
    }
}
