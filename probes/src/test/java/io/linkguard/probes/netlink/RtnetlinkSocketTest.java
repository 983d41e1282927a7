package io.linkguard.probes.netlink;

import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** Against the real kernel, unprivileged: reading needs no capability. */
class RtnetlinkSocketTest {
    @Test
    void linksContainLoopbackAtIndexOne() throws Exception {
        try (RtnetlinkSocket s = RtnetlinkSocket.open()) {
            List<LinkMessage> links = s.links();
            assertThat(links).anySatisfy(l -> {
                assertThat(l.name()).isEqualTo("lo");
                assertThat(l.index()).isEqualTo(1);
                assertThat(l.type()).isEqualTo(LinkMessage.ARPHRD_LOOPBACK);
                assertThat(l.hasEthernetNextHop()).isFalse();
            });
            assertThat(s.malformed()).isZero();
        }
    }

    @Test
    void linkByName() throws Exception {
        try (RtnetlinkSocket s = RtnetlinkSocket.open()) {
            Optional<LinkMessage> lo = s.link("lo");
            assertThat(lo).map(LinkMessage::index).contains(1);
            assertThat(lo.get().stats()).isPresent();
            assertThat(s.link("nonexistent0")).isEmpty();
            assertThat(s.link("a-name-longer-than-ifnamsiz")).isEmpty();
            assertThat(s.link("lo")).isPresent(); // the socket still works after an ENODEV
        }
    }

    @Test
    void addressesAndRoutes() throws Exception {
        try (RtnetlinkSocket s = RtnetlinkSocket.open()) {
            assertThat(s.addresses()).anySatisfy(a -> {
                assertThat(a.address()).isEqualTo(InetAddress.ofLiteral("127.0.0.1"));
                assertThat(a.index()).isEqualTo(1);
                assertThat(a.prefixLength()).isEqualTo(8);
            });
            // The local table always holds 127.0.0.1 (RT_TABLE_LOCAL 255), so "all tables" shows it.
            assertThat(s.routes(Rtnetlink.AF_INET)).anySatisfy(r -> {
                assertThat(r.table()).isEqualTo(255);
                assertThat(r.destination()).contains(InetAddress.ofLiteral("127.0.0.1"));
            });
            assertThat(s.neighbors()).isNotNull();
            assertThat(s.malformed()).isZero();
        }
    }
}
