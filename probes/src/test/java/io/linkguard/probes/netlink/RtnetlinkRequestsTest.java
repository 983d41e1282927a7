package io.linkguard.probes.netlink;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.HexFormat;
import java.util.Optional;
import java.util.OptionalInt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The requests we encode: golden bytes, and decoded back with the message codecs. */
class RtnetlinkRequestsTest {
    @BeforeAll
    static void littleEndianHost() {
        assumeTrue(ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN, "golden bytes are little-endian");
    }

    private static byte[] bytes(ByteBuffer b) {
        byte[] out = new byte[b.remaining()];
        b.duplicate().get(out);
        return out;
    }

    @Test
    void replaceRouteGoldenBytes() {
        RouteRequest r = RouteRequest.main(InetAddress.ofLiteral("10.2.0.0"), 16,
                Optional.of(InetAddress.ofLiteral("10.0.0.9")), 7);
        assertThat(HexFormat.of().formatHex(bytes(RtnetlinkRequests.route(r, false, Golden.SEQ)))).isEqualTo(""
                + "3c000000" // nlmsg_len 60
                + "1800" // RTM_NEWROUTE
                + "0505" // NLM_F_REQUEST|NLM_F_ACK|NLM_F_REPLACE|NLM_F_CREATE
                + "04030201" // nlmsg_seq
                + "00000000" // nlmsg_pid 0: the kernel fills in our port
                + "02" + "10" + "00" + "00" // AF_INET, dst_len 16, src_len 0, tos 0
                + "fe" + "03" + "00" + "01" // table main, RTPROT_BOOT, RT_SCOPE_UNIVERSE, RTN_UNICAST
                + "00000000" // rtm_flags
                + "08000f00" + "fe000000" // RTA_TABLE 254
                + "08000100" + "0a020000" // RTA_DST 10.2.0.0
                + "08000500" + "0a000009" // RTA_GATEWAY 10.0.0.9
                + "08000400" + "07000000"); // RTA_OIF 7
    }

    @Test
    void replaceRouteRoundTrip() throws Exception {
        RouteRequest r = new RouteRequest(10, 1000, InetAddress.ofLiteral("2001:db8:77::5"), 48,
                Optional.of(InetAddress.ofLiteral("fe80::1")), 3);
        Object decoded = NetlinkMessages.decodeOne(RtnetlinkRequests.route(r, false, 5));
        assertThat(decoded).isEqualTo(new RouteMessage(false, 10, 1000, 48,
                Optional.of(InetAddress.ofLiteral("2001:db8:77::")), r.gateway(), 3, Rtnetlink.RTPROT_BOOT,
                Rtnetlink.RT_SCOPE_UNIVERSE, Rtnetlink.RTN_UNICAST, OptionalInt.empty()));
    }

    @Test
    void deviceRouteHasLinkScopeAndDeleteHasNoCreateFlags() throws Exception {
        RouteRequest r = RouteRequest.main(InetAddress.ofLiteral("10.77.1.1"), 16, Optional.empty(), 4);
        ByteBuffer b = RtnetlinkRequests.route(r, true, 9);
        NetlinkHeader h = NetlinkHeader.decode(b.duplicate().order(ByteOrder.nativeOrder()), 0, b.limit());
        assertThat(h.type()).isEqualTo(Rtnetlink.RTM_DELROUTE);
        assertThat(h.flags()).isEqualTo(Rtnetlink.NLM_F_REQUEST | Rtnetlink.NLM_F_ACK);
        RouteMessage m = (RouteMessage) NetlinkMessages.decodeOne(b);
        assertThat(m.scope()).isEqualTo(Rtnetlink.RT_SCOPE_LINK);
        assertThat(m.destination()).contains(InetAddress.ofLiteral("10.77.0.0"));
        assertThat(m.gateway()).isEmpty();
        assertThat(m.deleted()).isTrue();
    }

    @Test
    void defaultRouteHasNoDestination() throws Exception {
        RouteRequest r = RouteRequest.main(InetAddress.ofLiteral("0.0.0.0"), 0,
                Optional.of(InetAddress.ofLiteral("10.0.0.1")), 0);
        RouteMessage m = (RouteMessage) NetlinkMessages.decodeOne(RtnetlinkRequests.route(r, false, 1));
        assertThat(m.destination()).isEmpty();
        assertThat(m.destinationLength()).isZero();
    }

    @Test
    void getLinkByName() throws Exception {
        assertThat(HexFormat.of().formatHex(bytes(RtnetlinkRequests.getLink("gre1", Golden.SEQ)))).isEqualTo(""
                + "2c000000" + "1200" + "0100" + "04030201" + "00000000" // 44 bytes, RTM_GETLINK, NLM_F_REQUEST
                + "00000000" + "00000000" + "00000000" + "00000000" // ifinfomsg zero: any family, index 0
                + "0900" + "0300" + "6772653100" + "000000"); // IFLA_IFNAME "gre1\0", padding
    }

    @Test
    void dumpRequest() {
        assertThat(HexFormat.of().formatHex(bytes(RtnetlinkRequests.dump(Rtnetlink.RTM_GETROUTE, 10, Golden.SEQ))))
                .isEqualTo("1c000000" + "1a00" + "0103" + "04030201" + "00000000" // RTM_GETROUTE, REQUEST|DUMP
                        + "0a000000" + "00000000" + "00000000"); // rtmsg: AF_INET6, rest zero
    }

    @Test
    void routeRequestChecksItsFields() {
        InetAddress v4 = InetAddress.ofLiteral("10.0.0.0");
        assertThatThrownBy(() -> RouteRequest.main(v4, 33, Optional.empty(), 1))
                .hasMessage("prefix length 33 (expected: 0..32)");
        assertThatThrownBy(() -> RouteRequest.main(v4, 8, Optional.empty(), 0))
                .hasMessage("a route needs a gateway or an output interface");
        assertThatThrownBy(() -> RouteRequest.main(v4, 8, Optional.of(InetAddress.ofLiteral("::1")), 0))
                .hasMessage("address family does not match family 2");
    }
}
