package io.linkguard.agent.failover;

import static org.assertj.core.api.Assertions.assertThat;

import io.linkguard.agent.config.IpPrefix;
import io.linkguard.probes.netlink.RouteRequest;
import java.net.InetAddress;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/** The route action over a routing table in memory: what it asks the kernel, and how it reads the answer. */
class RouteActionTest {
    private final FakeRoutes table = new FakeRoutes();

    private static InetAddress ip(String s) throws Exception {
        return InetAddress.getByName(s);
    }

    private RouteAction viaTunnel() throws Exception {
        table.interfaces.put("gre-sg", 12);
        return new RouteAction("la-sg", "tunnel", List.of(new IpPrefix(ip("10.20.0.0"), 16)),
                Optional.of(ip("10.255.0.2")), Optional.of("gre-sg"), Optional.of("100"), table);
    }

    @Test
    void replaceAsksTheKernelForTheRouteByIndexAndTable() throws Exception {
        ActionResult r = viaTunnel().run(null);

        assertThat(r.outcome()).isEqualTo(ActionOutcome.OK);
        assertThat(table.requests).containsExactly(new RouteRequest(2, 100, ip("10.20.0.0"), 16,
                Optional.of(ip("10.255.0.2")), 12));
        assertThat(r.what()).isEqualTo("replace 10.20.0.0/16 via 10.255.0.2 dev gre-sg table 100;");
        assertThat(r.detail()).isEqualTo("was: 10.20.0.0/16 (none);");
    }

    @Test
    void whatTheRouteWasIsRecordedForTheOperator() throws Exception {
        RouteAction a = viaTunnel();
        table.interfaces.put("eth0", 2);
        table.routes.add(FakeRoutes.route(100, ip("10.20.0.0"), 16, Optional.of(ip("192.0.2.1")), 2));

        assertThat(a.run(null).detail()).isEqualTo("was: 10.20.0.0/16 via 192.0.2.1 dev eth0;");
    }

    @Test
    void aMissingDeviceOrARefusalIsAFailureThatSaysWhy() throws Exception {
        RouteAction a = new RouteAction("la-sg", "tunnel", List.of(new IpPrefix(ip("10.20.0.0"), 16)),
                Optional.empty(), Optional.of("gre-sg"), Optional.empty(), table);
        ActionResult noDev = a.run(null);
        assertThat(noDev.outcome()).isEqualTo(ActionOutcome.FAILED);
        assertThat(noDev.detail()).isEqualTo("no such device gre-sg (ENODEV)");
        assertThat(table.requests).as("nothing asked of the kernel").isEmpty();

        table.interfaces.put("gre-sg", 12);
        table.refuseWith = 1;
        ActionResult refused = a.run(null);
        assertThat(refused.outcome()).isEqualTo(ActionOutcome.FAILED);
        assertThat(refused.exitCode()).isEqualTo(1);
    }

    @Test
    void driftNamesWhatChangedAndReconcileRecognisesItsOwnRoute() throws Exception {
        RouteAction a = viaTunnel();
        assertThat(a.isActive()).isFalse();
        assertThat(a.drift()).contains("10.20.0.0/16 via 10.255.0.2 dev gre-sg table 100 is gone");

        a.run(null);
        assertThat(a.isActive()).isTrue();
        assertThat(a.drift()).isEmpty();

        table.interfaces.put("eth0", 2);
        table.routes.clear();
        table.routes.add(FakeRoutes.route(100, ip("10.20.0.0"), 16, Optional.of(ip("192.0.2.1")), 2));
        assertThat(a.drift()).contains("10.20.0.0/16 via 10.255.0.2 dev gre-sg table 100 is now 10.20.0.0/16 via"
                + " 192.0.2.1 dev eth0");
        assertThat(a.isActive()).isFalse();
    }

    @Test
    void anIpv6RouteIsRecognisedWithTheMetricTheKernelGaveIt() throws Exception {
        table.interfaces.put("gre6", 14);
        RouteAction a = new RouteAction("la-sg", "tunnel", List.of(new IpPrefix(ip("fd00:20::"), 48)),
                Optional.of(ip("fd00:ff::2")), Optional.of("gre6"), Optional.empty(), table);
        assertThat(a.isActive()).isFalse();

        assertThat(a.run(null).outcome()).isEqualTo(ActionOutcome.OK);

        assertThat(table.requests.getLast().family()).isEqualTo(10);
        assertThat(a.drift()).as("its own route, metric 1024, is no drift").isEmpty();
        assertThat(a.isActive()).isTrue();
    }

    @Test
    void onlyTheSameGatewayAndDeviceMatch() throws Exception {
        RouteAction a = viaTunnel();
        assertThat(a.matches(FakeRoutes.route(100, ip("10.20.0.0"), 16, Optional.of(ip("10.255.0.2")), 12),
                OptionalInt.of(12))).isTrue();
        assertThat(a.matches(FakeRoutes.route(100, ip("10.20.0.0"), 16, Optional.of(ip("10.255.0.20")), 12),
                OptionalInt.of(12))).as("no prefix match on addresses").isFalse();
        assertThat(a.matches(FakeRoutes.route(100, ip("10.20.0.0"), 16, Optional.of(ip("10.255.0.2")), 3),
                OptionalInt.of(12))).isFalse();
        assertThat(a.matches(FakeRoutes.route(100, ip("10.20.0.0"), 16, Optional.of(ip("10.255.0.2")), 12),
                OptionalInt.empty())).as("the device is gone").isFalse();
    }

    @Test
    void tableNamesResolveLikeIproute2() throws Exception {
        assertThat(RouteTables.resolve(Optional.empty())).isEqualTo(254);
        assertThat(RouteTables.resolve(Optional.of("main"))).isEqualTo(254);
        assertThat(RouteTables.resolve(Optional.of("4294967295"))).isEqualTo(-1);
        assertThat(RouteTables.lookup(List.of("# reserved", "255\tlocal", "100 tunnel # ours", "x bad", "0x65 hex"),
                "tunnel")).contains(100);
        assertThat(RouteTables.lookup(List.of("0x65 hex"), "hex")).contains(101);
        assertThat(RouteTables.lookup(List.of("x bad"), "bad")).isEmpty();
    }
}
