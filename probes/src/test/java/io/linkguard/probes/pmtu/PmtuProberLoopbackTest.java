package io.linkguard.probes.pmtu;

import io.linkguard.probes.PathBinding;
import io.linkguard.probes.net.LinuxSocket;
import io.linkguard.probes.testing.Privileged;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;

import static org.assertj.core.api.Assertions.assertThat;

/** The real prober on loopback (MTU 65536): every size up to the IP maximum passes, no PTB. */
@Tag("privileged")
class PmtuProberLoopbackTest {
    private static PmtuResult search(String address, int max) throws Exception {
        Privileged.assumeRoot();
        InetAddress peer = InetAddress.ofLiteral(address);
        PmtuSettings s = PmtuSettings.defaults(LinuxSocket.Family.of(peer)).withMaxMtu(max);
        try (PmtuProber p = new PmtuProber(peer, PathBinding.NONE, s)) {
            PmtuResult r = p.search();
            assertThat(p.confirm(r.pathMtu())).isTrue();
            return r;
        }
    }

    @Test
    void ipv4LoopbackCarriesTheLargestIpPacket() throws Exception {
        PmtuResult r = search("127.0.0.1", 0);
        assertThat(r.pathMtu()).isEqualTo(PmtuSettings.MAX_MTU);
        assertThat(r.converged()).isTrue();
        assertThat(r.ptbSeen()).isFalse();
        assertThat(r.blackHole()).isFalse();
        assertThat(r.probes()).isEqualTo(2); // BASE, then the maximum
    }

    @Test
    void ipv6LoopbackWithAConfiguredMaximum() throws Exception {
        PmtuResult r = search("::1", 1500);
        assertThat(r.pathMtu()).isEqualTo(1500);
        assertThat(r.converged()).isTrue();
        assertThat(r.probes()).isEqualTo(2);
    }
}
