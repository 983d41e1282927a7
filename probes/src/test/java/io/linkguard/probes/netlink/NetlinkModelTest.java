package io.linkguard.probes.netlink;

import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.util.Map;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** The records' derived facts, KernelView, and the operator messages of RtnetlinkException. */
class NetlinkModelTest {
    private static LinkMessage link(int index, String name, int type, int flags, OperState oper) {
        return new LinkMessage(false, index, type, flags, name, oper, 1500, new byte[0], Optional.empty());
    }

    @Test
    void operStateOwnsItsWireValue() {
        assertThat(OperState.of(6)).isEqualTo(OperState.UP);
        assertThat(OperState.of(2)).isEqualTo(OperState.DOWN);
        assertThat(OperState.of(7)).isEqualTo(OperState.UNKNOWN);
        assertThat(OperState.of(-1)).isEqualTo(OperState.UNKNOWN);
        assertThat(OperState.LOWERLAYERDOWN.wireValue()).isEqualTo(3);
    }

    @Test
    void operationallyUpNeedsUpRunningAndNoDownOperState() {
        int upRunning = LinkMessage.IFF_UP | LinkMessage.IFF_RUNNING;
        assertThat(link(1, "tun0", LinkMessage.ARPHRD_NONE, upRunning, OperState.UNKNOWN).operationallyUp()).isTrue();
        assertThat(link(1, "eth0", 1, upRunning, OperState.UP).operationallyUp()).isTrue();
        assertThat(link(1, "eth0", 1, upRunning, OperState.LOWERLAYERDOWN).operationallyUp()).isFalse();
        assertThat(link(1, "eth0", 1, upRunning, OperState.DORMANT).operationallyUp()).isFalse();
        assertThat(link(1, "eth0", 1, LinkMessage.IFF_UP, OperState.UP).operationallyUp()).isFalse();
        assertThat(link(1, "eth0", 1, LinkMessage.IFF_RUNNING, OperState.UP).operationallyUp()).isFalse();
        assertThat(link(1, "eth0", 1, LinkMessage.IFF_UP, OperState.DOWN).adminUp()).isTrue();
    }

    @Test
    void onlyEthernetHasAnEthernetNextHop() {
        assertThat(link(1, "eth0", LinkMessage.ARPHRD_ETHER, 0, OperState.UP).hasEthernetNextHop()).isTrue();
        for (int type : new int[] {LinkMessage.ARPHRD_NONE, LinkMessage.ARPHRD_IPGRE, LinkMessage.ARPHRD_PPP,
                LinkMessage.ARPHRD_LOOPBACK}) {
            assertThat(link(1, "x", type, 0, OperState.UP).hasEthernetNextHop()).as("type " + type).isFalse();
        }
    }

    @Test
    void neighborReachability() {
        InetAddress a = InetAddress.ofLiteral("192.0.2.2");
        byte[] mac = {2, 0, 0, 0, 0, 2};
        assertThat(new NeighborMessage(false, 2, 3, a, mac, NeighborMessage.NUD_STALE).reachable()).isTrue();
        assertThat(new NeighborMessage(false, 2, 3, a, mac, NeighborMessage.NUD_PERMANENT).reachable()).isTrue();
        assertThat(new NeighborMessage(false, 2, 3, a, mac, NeighborMessage.NUD_FAILED).reachable()).isFalse();
        assertThat(new NeighborMessage(false, 2, 3, a, mac, NeighborMessage.NUD_INCOMPLETE).reachable()).isFalse();
        assertThat(new NeighborMessage(false, 2, 3, a, mac, NeighborMessage.NUD_NONE).reachable()).isFalse();
        assertThat(new NeighborMessage(false, 2, 3, a, new byte[0], NeighborMessage.NUD_REACHABLE).reachable()).isFalse();
    }

    @Test
    void kernelViewFollowsNewAndDelMessages() {
        InetAddress addr = InetAddress.ofLiteral("192.0.2.1");
        InetAddress peer = InetAddress.ofLiteral("192.0.2.2");
        byte[] mac = {2, 0, 0, 0, 0, 2};
        KernelView v = KernelView.EMPTY
                .apply(link(3, "eth0", 1, 0x41, OperState.UP))
                .apply(new AddressMessage(false, 2, 3, 24, addr))
                .apply(new NeighborMessage(false, 2, 3, peer, mac, NeighborMessage.NUD_REACHABLE));
        assertThat(v.link("eth0")).map(LinkMessage::index).contains(3);
        assertThat(v.hasAddress(addr)).isTrue();
        assertThat(v.neighbor(3, peer)).hasValueSatisfying(m -> assertThat(m).containsExactly(mac));
        assertThat(v.neighbor(4, peer)).isEmpty();

        KernelView failed = v.apply(new NeighborMessage(false, 2, 3, peer, mac, NeighborMessage.NUD_FAILED));
        assertThat(failed.neighbor(3, peer)).isEmpty();
        assertThat(failed.neighbors()).hasSize(1);
        assertThat(v.apply(new AddressMessage(true, 2, 3, 24, addr)).hasAddress(addr)).isFalse();

        KernelView gone = v.apply(new LinkMessage(true, 3, 1, 0, "eth0", OperState.DOWN, 0, null, Optional.empty()));
        assertThat(gone.link("eth0")).isEmpty();
        assertThat(gone.hasAddress(addr)).isFalse();
        assertThat(gone.neighbors()).isEmpty();
        assertThat(v.linksByIndex()).containsOnlyKeys(3); // immutable: the old view is unchanged
    }

    @Test
    void routesDoNotChangeTheView() {
        KernelView v = new KernelView(Map.of(), List.of(), List.of());
        assertThat(v.apply(new RouteMessage(false, 2, 254, 0, Optional.empty(), Optional.empty(), 1, 3, 0, 1,
                java.util.OptionalInt.empty()))).isEqualTo(v);
    }

    @Test
    void refusalsReadAsOperatorMessages() {
        RouteRequest r = RouteRequest.main(InetAddress.ofLiteral("10.2.0.0"), 16,
                Optional.of(InetAddress.ofLiteral("10.0.0.9")), 7);
        String replace = RtnetlinkSocket.describe(r, false, "gre1");
        assertThat(replace).isEqualTo("replace route 10.2.0.0/16 via 10.0.0.9 dev gre1 table 254");
        assertThat(RtnetlinkException.of(replace, 19, "10.0.0.9", false, null)).hasMessage(
                "replace route 10.2.0.0/16 via 10.0.0.9 dev gre1 table 254: no such device (ENODEV)")
                .extracting(RtnetlinkException::errno).isEqualTo(19);
        assertThat(RtnetlinkException.of("x", 101, "10.0.0.9", false, null))
                .hasMessage("x: gateway 10.0.0.9 unreachable: no connected route to it (ENETUNREACH)");
        assertThat(RtnetlinkException.of("x", 1, null, false, null))
                .hasMessage("x: permission denied: changing routes needs CAP_NET_ADMIN (EPERM)");
        assertThat(RtnetlinkException.of("x", 13, null, false, null))
                .hasMessage("x: permission denied: changing routes needs CAP_NET_ADMIN (EACCES)");
        assertThat(RtnetlinkException.of("x", 3, null, true, null)).hasMessage("x: no such route (ESRCH)");
        assertThat(RtnetlinkException.of("x", 17, null, false, null)).hasMessage("x: the route already exists (EEXIST)");
        assertThat(RtnetlinkException.of("x", 22, null, false, null))
                .hasMessage("x: invalid argument: the kernel rejected the request's fields (EINVAL)");
        assertThat(RtnetlinkException.of("x", 200, null, false, null)).hasMessage("x: refused (errno 200)");
        assertThat(RtnetlinkException.of("x", 22, null, false, "Nexthop has invalid gateway")).hasMessage(
                "x: invalid argument: the kernel rejected the request's fields (EINVAL) [kernel: Nexthop has invalid gateway]");
        assertThat(RtnetlinkException.of("x", 19, null, false, "whatever")).hasMessage("x: no such device (ENODEV)");
    }
}
