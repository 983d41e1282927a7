package io.linkguard.probes.netlink;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Each message kind decoded from {@link Golden} bytes, field by field. */
class NetlinkCodecGoldenTest {
    @BeforeAll
    static void littleEndianHost() {
        assumeTrue(ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN, "golden bytes are little-endian");
    }

    private static Object decode(byte[] message) throws NetlinkCodecException {
        return NetlinkMessages.decodeOne(ByteBuffer.wrap(message));
    }

    @Test
    void newLink() throws Exception {
        LinkMessage l = (LinkMessage) decode(Golden.NEWLINK);
        assertThat(l).isEqualTo(new LinkMessage(false, 3, LinkMessage.ARPHRD_ETHER, 0x11043, "eth0", OperState.UP,
                1500, HexFormat.of().parseHex("020000000001"),
                Optional.of(new LinkStats64(10, 20, 1000, 2000, 1, 2, 3, 4))));
        assertThat(l.adminUp()).isTrue();
        assertThat(l.operationallyUp()).isTrue();
        assertThat(l.hasEthernetNextHop()).isTrue();
    }

    @Test
    void delLinkIsDeleted() throws Exception {
        byte[] del = Golden.NEWLINK.clone();
        del[NetlinkHeader.TYPE] = (byte) Rtnetlink.RTM_DELLINK;
        assertThat(((LinkMessage) decode(del)).deleted()).isTrue();
    }

    @Test
    void bridgePortLinkIsIgnored() throws Exception {
        byte[] bridge = Golden.NEWLINK.clone();
        bridge[NetlinkHeader.BYTES + LinkMessageCodec.FAMILY] = LinkMessageCodec.AF_BRIDGE;
        assertThat(decode(bridge)).isEqualTo(NetlinkMessages.Control.IGNORED);
    }

    @Test
    void newAddressV4PrefersLocalOverThePeer() throws Exception {
        assertThat(decode(Golden.NEWADDR_V4)).isEqualTo(
                new AddressMessage(false, 2, 2, 24, InetAddress.ofLiteral("192.0.2.1")));
    }

    @Test
    void newAddressV6() throws Exception {
        assertThat(decode(Golden.NEWADDR_V6)).isEqualTo(
                new AddressMessage(false, 10, 2, 64, InetAddress.ofLiteral("2001:db8::1")));
    }

    @Test
    void newRouteTakesTheTableFromRtaTable() throws Exception {
        assertThat(decode(Golden.NEWROUTE_V4)).isEqualTo(new RouteMessage(false, 2, 1000, 16,
                Optional.of(InetAddress.ofLiteral("10.2.0.0")), Optional.of(InetAddress.ofLiteral("10.0.0.9")), 7,
                Rtnetlink.RTPROT_BOOT, Rtnetlink.RT_SCOPE_UNIVERSE, Rtnetlink.RTN_UNICAST, OptionalInt.of(100)));
    }

    @Test
    void newNeighbor() throws Exception {
        NeighborMessage n = (NeighborMessage) decode(Golden.NEWNEIGH);
        assertThat(n).isEqualTo(new NeighborMessage(false, 2, 3, InetAddress.ofLiteral("192.0.2.2"),
                HexFormat.of().parseHex("020000000002"), NeighborMessage.NUD_REACHABLE));
        assertThat(n.reachable()).isTrue();
    }

    @Test
    void ackAndError() throws Exception {
        assertThat(decode(Golden.ACK)).isEqualTo(
                new NetlinkErrorCodec.NetlinkError(0, Golden.SEQ, Rtnetlink.RTM_NEWROUTE, Optional.empty()));
        assertThat(decode(Golden.ERROR_ENODEV)).isEqualTo(
                new NetlinkErrorCodec.NetlinkError(-19, Golden.SEQ, Rtnetlink.RTM_NEWROUTE, Optional.empty()));
    }

    @Test
    void errorWithTheKernelsText() throws Exception {
        assertThat(decode(Golden.ERROR_EXTACK)).isEqualTo(new NetlinkErrorCodec.NetlinkError(-22, Golden.SEQ,
                Rtnetlink.RTM_NEWROUTE, Optional.of("Nexthop has invalid gateway")));
    }

    @Test
    void aMalformedExtendedAckCostsOnlyTheText() throws Exception {
        byte[] bad = Golden.ERROR_EXTACK.clone();
        bad[36] = 99; // NLMSGERR_ATTR_MSG rta_len 99 in 32 bytes
        assertThat(decode(bad)).isEqualTo(
                new NetlinkErrorCodec.NetlinkError(-22, Golden.SEQ, Rtnetlink.RTM_NEWROUTE, Optional.empty()));
    }

    @Test
    void done() throws Exception {
        assertThat(decode(Golden.DONE)).isEqualTo(NetlinkMessages.Control.DONE);
    }

    @Test
    void headerFields() throws Exception {
        ByteBuffer b = ByteBuffer.wrap(Golden.DONE).order(ByteOrder.nativeOrder());
        assertThat(NetlinkHeader.decode(b, 0, b.limit())).isEqualTo(
                new NetlinkHeader(20, Rtnetlink.NLMSG_DONE, Rtnetlink.NLM_F_MULTI, Golden.SEQ, Golden.PORT));
    }

    @Test
    void aDatagramOfSeveralMessagesDecodesInOrder() {
        NetlinkMessages.Batch batch = NetlinkMessages.decode(Golden.datagram(
                List.of(Golden.NEWLINK, Golden.NEWADDR_V4, Golden.NEWNEIGH, Golden.DONE)));
        assertThat(batch.malformed()).isZero();
        assertThat(batch.framingError()).isEmpty();
        assertThat(batch.frames()).extracting(f -> f.body().getClass().getSimpleName())
                .containsExactly("LinkMessage", "AddressMessage", "NeighborMessage", "Control");
    }

    @Test
    void aMalformedMessageIsCountedAndTheRestStillDecode() {
        byte[] bad = Golden.NEWADDR_V4.clone();
        bad[NetlinkHeader.BYTES + AddressMessageCodec.BYTES] = 7; // IFA_ADDRESS rta_len 7: 3 address bytes
        NetlinkMessages.Batch batch = NetlinkMessages.decode(Golden.datagram(
                List.of(Golden.NEWLINK, bad, Golden.NEWROUTE_V4)));
        assertThat(batch.malformed()).isEqualTo(1);
        assertThat(batch.frames()).hasSize(3);
        assertThat(batch.frames().get(1).body()).isInstanceOf(NetlinkCodecException.class)
                .hasFieldOrPropertyWithValue("message",
                        "IFA_ADDRESS of 3 bytes in family 2 (expected: 4 for AF_INET, 16 for AF_INET6)");
        assertThat(batch.frames().get(2).body()).isInstanceOf(RouteMessage.class);
    }

    @Test
    void aHeaderThatLeavesTheDatagramStopsTheWalkAndCountsOnce() {
        byte[] bad = Golden.NEWNEIGH.clone();
        bad[0] = (byte) 0xff; // nlmsg_len 255 in a 48-byte message
        NetlinkMessages.Batch batch = NetlinkMessages.decode(Golden.datagram(List.of(Golden.NEWLINK, bad, Golden.DONE)));
        assertThat(batch.frames()).hasSize(1);
        assertThat(batch.malformed()).isEqualTo(1);
        assertThat(batch.framingError()).get().extracting(Throwable::getMessage)
                .isEqualTo("nlmsg_len 255 (expected: 16..68, the bytes left)");
    }

    @Test
    void unknownTypesAreIgnoredNotMalformed() throws Exception {
        byte[] noop = Golden.DONE.clone();
        noop[NetlinkHeader.TYPE] = (byte) Rtnetlink.NLMSG_NOOP;
        assertThat(decode(noop)).isEqualTo(NetlinkMessages.Control.IGNORED);
    }
}
