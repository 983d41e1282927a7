package io.linkguard.probes.netlink;

import io.linkguard.probes.testing.NetNs;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * RtnetlinkSocket and KernelWatcher against real kernel objects in a network namespace of their
 * own: a veth pair lgnl-a (10.99.0.1/24) and lgnl-b (10.99.0.2/24). Needs root; skips without it
 * (fails under LINKGUARD_REQUIRE_NETNS=1).
 */
@Tag("privileged")
class RtnetlinkNamespaceTest {
    private static final InetAddress DST = InetAddress.ofLiteral("10.77.0.0");
    private static final InetAddress GATEWAY = InetAddress.ofLiteral("10.99.0.2");
    private NetNs ns;

    @BeforeEach
    void namespace() throws Exception {
        ns = new NetNs();
        ns.ip("link", "add", "lgnl-a", "type", "veth", "peer", "name", "lgnl-b");
        ns.ip("addr", "add", "10.99.0.1/24", "dev", "lgnl-a");
        ns.ip("addr", "add", "10.99.0.2/24", "dev", "lgnl-b");
        ns.ip("link", "set", "lgnl-a", "up");
        ns.ip("link", "set", "lgnl-b", "up");
    }

    @AfterEach
    void cleanUp() throws Exception {
        if (ns != null) {
            ns.close();
        }
    }

    @Test
    void replaceAndDeleteARoute() throws Exception {
        ns.call(() -> {
            try (RtnetlinkSocket s = RtnetlinkSocket.open()) {
                int a = s.link("lgnl-a").orElseThrow().index();
                RouteRequest r = RouteRequest.main(DST, 16, Optional.of(GATEWAY), a);
                s.replaceRoute(r);
                s.replaceRoute(r); // replace, not add: a second time is no error
                assertThat(s.routes(Rtnetlink.AF_INET)).filteredOn(m -> m.destination().equals(Optional.of(DST)))
                        .singleElement().satisfies(m -> {
                            assertThat(m.destinationLength()).isEqualTo(16);
                            assertThat(m.gateway()).contains(GATEWAY);
                            assertThat(m.outIndex()).isEqualTo(a);
                            assertThat(m.table()).isEqualTo(RouteRequest.RT_TABLE_MAIN);
                            assertThat(m.protocol()).isEqualTo(Rtnetlink.RTPROT_BOOT);
                        });
                assertThat(ns.ip("route", "show", "10.77.0.0/16")).contains("10.77.0.0/16 via 10.99.0.2 dev lgnl-a");

                s.deleteRoute(r);
                assertThat(s.routes(Rtnetlink.AF_INET)).noneMatch(m -> m.destination().equals(Optional.of(DST)));
                assertThat(ns.ip("route", "show", "10.77.0.0/16")).isBlank();
                assertThatThrownBy(() -> s.deleteRoute(r)).isInstanceOf(RtnetlinkException.class)
                        .hasMessage("delete route 10.77.0.0/16 via 10.99.0.2 dev lgnl-a table 254: no such route (ESRCH)");
                assertThat(s.malformed()).isZero();
            }
            return null;
        });
    }

    @Test
    void refusalsCarryTheErrnoAndAClearMessage() throws Exception {
        ns.call(() -> {
            try (RtnetlinkSocket s = RtnetlinkSocket.open()) {
                assertThatThrownBy(() -> s.replaceRoute(RouteRequest.main(DST, 16, Optional.empty(), 9999)))
                        .isInstanceOf(RtnetlinkException.class)
                        .hasMessage("replace route 10.77.0.0/16 dev ifindex 9999 table 254: no such device (ENODEV)")
                        .extracting(e -> ((RtnetlinkException) e).errno()).isEqualTo(19);
                InetAddress far = InetAddress.ofLiteral("10.55.0.1");
                assertThatThrownBy(() -> s.replaceRoute(RouteRequest.main(DST, 16, Optional.of(far), 0)))
                        .isInstanceOf(RtnetlinkException.class)
                        .hasMessage("replace route 10.77.0.0/16 via 10.55.0.1 table 254: "
                                + "gateway 10.55.0.1 unreachable: no connected route to it (ENETUNREACH)")
                        // NETLINK_EXT_ACK is on: the kernel's own words came along (not shown: ours are clearer).
                        .extracting(e -> ((RtnetlinkException) e).kernelMessage).isEqualTo("Nexthop has invalid gateway");
            }
            return null;
        });
    }

    @Test
    void theWatcherFollowsLinksAddressesAndRoutes() throws Exception {
        BlockingQueue<Object> seen = new LinkedBlockingQueue<>();
        KernelListener listener = new KernelListener() {
            @Override
            public void onResync(KernelView view) {
                seen.add(view);
            }

            @Override
            public void onLink(LinkMessage m) {
                seen.add(m);
            }

            @Override
            public void onAddress(AddressMessage m) {
                seen.add(m);
            }

            @Override
            public void onRoute(RouteMessage m) {
                seen.add(m);
            }

            @Override
            public void onNeighbor(NeighborMessage m) {
                seen.add(m);
            }
        };
        try (KernelWatcher w = new KernelWatcher(listener)) {
            ns.call(() -> {
                w.start();
                return null;
            });
            KernelView first = await(seen, KernelView.class, v -> true);
            assertThat(first.link("lgnl-a")).hasValueSatisfying(l -> assertThat(l.operationallyUp()).isTrue());
            assertThat(first.hasAddress(InetAddress.ofLiteral("10.99.0.1"))).isTrue();
            assertThat(first.link("eth0")).isEmpty(); // the namespace's view, not the host's

            ns.ip("link", "set", "lgnl-a", "down");
            await(seen, LinkMessage.class, l -> l.name().equals("lgnl-a") && !l.operationallyUp());
            assertThat(w.view().link("lgnl-a")).hasValueSatisfying(l -> assertThat(l.adminUp()).isFalse());
            ns.ip("link", "set", "lgnl-a", "up");

            ns.ip("addr", "add", "10.99.1.1/24", "dev", "lgnl-b");
            AddressMessage added = await(seen, AddressMessage.class,
                    a -> a.address().equals(InetAddress.ofLiteral("10.99.1.1")));
            assertThat(added.deleted()).isFalse();
            assertThat(added.prefixLength()).isEqualTo(24);
            assertThat(w.view().hasAddress(InetAddress.ofLiteral("10.99.1.1"))).isTrue();

            ns.ip("route", "add", "10.88.0.0/16", "via", "10.99.1.2", "dev", "lgnl-b");
            await(seen, RouteMessage.class, r -> !r.deleted() && r.destination().equals(Optional.of(
                    InetAddress.ofLiteral("10.88.0.0"))));
            ns.ip("route", "del", "10.88.0.0/16");
            await(seen, RouteMessage.class, r -> r.deleted() && r.destination().equals(Optional.of(
                    InetAddress.ofLiteral("10.88.0.0"))));

            ns.ip("link", "del", "lgnl-a");
            await(seen, LinkMessage.class, l -> l.name().equals("lgnl-a") && l.deleted());
            assertThat(w.view().link("lgnl-a")).isEmpty();
            assertThat(w.view().hasAddress(InetAddress.ofLiteral("10.99.0.1"))).isFalse();
            assertThat(w.events()).isPositive();
            assertThat(w.malformed()).isZero();
            assertThat(w.resyncs()).isZero();
        }
    }

    /** The next message of {@code type} matching {@code p}, skipping others, each within 5 s. */
    private static <T> T await(BlockingQueue<Object> seen, Class<T> type, Predicate<T> p) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (true) {
            Object o = seen.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            assertThat(o).as("a " + type.getSimpleName() + " within 5 s").isNotNull();
            if (type.isInstance(o) && p.test(type.cast(o))) {
                return type.cast(o);
            }
        }
    }
}
