package io.linkguard.agent.failover;

import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class RouteActionTest {
    private static RouteAction viaTunnel() throws Exception {
        return new RouteAction("la-sg", "tunnel", List.of("10.20.0.0/16"),
                Optional.of(InetAddress.getByName("10.255.0.2")), Optional.of("gre-sg"), Optional.of("100"));
    }

    @Test
    void replaceIsIdempotentIpRouteReplace() throws Exception {
        assertThat(viaTunnel().replaceArgv("10.20.0.0/16")).containsExactly("/usr/sbin/ip", "-4", "route", "replace",
                "10.20.0.0/16", "via", "10.255.0.2", "dev", "gre-sg", "table", "100");
        RouteAction v6 = new RouteAction("l", "p", List.of("fd00:20::/48"), Optional.empty(), Optional.of("wg0"),
                Optional.empty());
        assertThat(v6.replaceArgv("fd00:20::/48")).containsExactly("/usr/sbin/ip", "-6", "route", "replace",
                "fd00:20::/48", "dev", "wg0");
    }

    @Test
    void recognisesItsOwnRouteForReconciliation() throws Exception {
        RouteAction a = viaTunnel();
        assertThat(a.matches("10.20.0.0/16 via 10.255.0.2 dev gre-sg")).isTrue();
        assertThat(a.matches("10.20.0.0/16 via 192.0.2.1 dev eth0")).isFalse();
        assertThat(a.matches("10.20.0.0/16 via 10.255.0.20 dev gre-sg")).as("no prefix match on addresses").isFalse();
        assertThat(a.matches("")).isFalse();
    }
}
