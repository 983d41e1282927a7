package io.linkguard.bfd.echo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.linkguard.probes.netlink.KernelView;
import io.linkguard.probes.netlink.LinkMessage;
import io.linkguard.probes.netlink.NeighborMessage;
import io.linkguard.probes.netlink.OperState;
import java.net.InetAddress;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The echo's next hop, from the neighbour table as the netlink watcher follows it. */
class NeighborTableTest {
    /** NUD_REACHABLE, NUD_STALE, NUD_FAILED (linux/neighbour.h). */
    private static final int REACHABLE = 0x02;
    private static final int STALE = 0x04;
    private static final int FAILED = 0x20;
    private static final byte[] MAC = {0x02, 0x42, (byte) 0xac, 0x11, 0x00, 0x02};

    private static KernelView view(NeighborMessage... n) {
        LinkMessage veth = new LinkMessage(false, 7, LinkMessage.ARPHRD_ETHER, LinkMessage.IFF_UP | LinkMessage.IFF_RUNNING,
                "veth-a", OperState.UP, 1500, MAC, Optional.empty());
        return new KernelView(Map.of(7, veth), List.of(), List.of(n));
    }

    private static NeighborMessage neigh(String ip, byte[] mac, int state) throws Exception {
        return new NeighborMessage(false, 2, 7, InetAddress.getByName(ip), mac, state);
    }

    @Test
    void aReachableEthernetEntryIsTheNextHopWithItsIndex() throws Exception {
        var n = NeighborTable.lookup(view(neigh("198.18.0.2", MAC, STALE)), InetAddress.getByName("198.18.0.2"))
                .neighbor().orElseThrow();

        assertThat(n.device()).isEqualTo("veth-a");
        assertThat(n.ifindex()).isEqualTo(7);
        assertThat(n.mac()).isEqualTo(MAC);
    }

    @Test
    void noEntryOrAFailedOneIsNoNextHopAndNoRefusal() throws Exception {
        InetAddress peer = InetAddress.getByName("198.18.0.2");
        assertThat(NeighborTable.lookup(view(), peer)).isEqualTo(NeighborTable.Lookup.NONE);
        assertThat(NeighborTable.lookup(view(neigh("198.18.0.2", new byte[0], FAILED)), peer))
                .isEqualTo(NeighborTable.Lookup.NONE);
        assertThat(NeighborTable.lookup(view(neigh("198.18.0.9", MAC, REACHABLE)), peer))
                .isEqualTo(NeighborTable.Lookup.NONE);
    }

    @Test
    void anAddressThatIsNotEthernetIsRefusedWithWhy() throws Exception {
        var l = NeighborTable.lookup(view(neigh("198.18.0.2", new byte[20], REACHABLE)),
                InetAddress.getByName("198.18.0.2"));

        assertThat(l.neighbor()).isEmpty();
        assertThat(l.refused()).hasValueSatisfying(r -> assertThat(r).contains("on veth-a").contains("of 20 bytes"));
    }

    @Test
    void aNeighborHoldsOnlyAnEthernetAddress() {
        assertThat(new NeighborTable.Neighbor("eth0", 2, MAC).mac()).isEqualTo(MAC);
        assertThatThrownBy(() -> new NeighborTable.Neighbor("ib0", 3, new byte[20]))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
