package io.linkguard.probes.net;

import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/** UDP over loopback on port 0: the ancillary data BFD will rely on, without privileges. */
class LinuxSocketUdpTest {
    private static ReceivedMessage roundTrip(LinuxSocket.Family family, String loopback, int ttl) throws Exception {
        try (LinuxSocket rx = LinuxSocket.udp(family); LinuxSocket tx = LinuxSocket.udp(family)) {
            rx.setReceiveTtl(true);
            rx.setReceivePacketInfo(true);
            rx.setReceiveTimestamps(true);
            rx.bind(new InetSocketAddress(InetAddress.getByName(loopback), 0));
            InetSocketAddress to = rx.localAddress();
            tx.setTtl(ttl);
            long before = RealtimeClock.nowNanos();
            assertThat(tx.sendTo(ByteBuffer.wrap("hello".getBytes(StandardCharsets.US_ASCII)), to)).isEqualTo(5);
            assertThat(rx.poll((short) 1, 5000) & 1).isEqualTo(1);
            try (Receiver r = rx.newReceiver(2048)) {
                ReceivedMessage m = new ReceivedMessage();
                assertThat(r.receive(m, false)).isTrue();
                assertThat(StandardCharsets.US_ASCII.decode(m.data()).toString()).isEqualTo("hello");
                assertThat(m.kernelTimestampNanos()).isGreaterThanOrEqualTo(before);
                assertThat(m.source().getPort()).isEqualTo(tx.localAddress().getPort());
                assertThat(r.receive(m, false)).as("nothing more queued").isFalse();
                return m;
            }
        }
    }

    @Test
    void ipv4TtlPktinfoAndTimestamp() throws Exception {
        ReceivedMessage again = roundTrip(LinuxSocket.Family.INET, "127.0.0.1", 255);
        assertThat(again.ttl()).isEqualTo(255);
        assertThat(again.destination()).isEqualTo(InetAddress.getByName("127.0.0.1"));
        assertThat(again.interfaceIndex()).isEqualTo(LinuxSocket.interfaceIndex("lo"));
    }

    @Test
    void ipv6HopLimitAndPktinfo() throws Exception {
        ReceivedMessage m = roundTrip(LinuxSocket.Family.INET6, "::1", 254);
        assertThat(m.ttl()).isEqualTo(254);
        assertThat(m.destination()).isEqualTo(InetAddress.getByName("::1"));
    }

    @Test
    void portUnreachableLandsOnTheErrorQueueOfAnUnconnectedSocket() throws Exception {
        int closedPort;
        try (LinuxSocket s = LinuxSocket.udp(LinuxSocket.Family.INET)) {
            s.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0));
            closedPort = s.localAddress().getPort();
        }
        try (LinuxSocket tx = LinuxSocket.udp(LinuxSocket.Family.INET)) {
            tx.setReceiveErrors(true);
            tx.sendTo(ByteBuffer.wrap(new byte[]{1, 2, 3}), new InetSocketAddress("127.0.0.1", closedPort));
            assertThat(tx.poll((short) 0, 5000) & 0x8).as("POLLERR").isEqualTo(0x8);
            try (Receiver r = tx.newReceiver(2048)) {
                ReceivedMessage m = new ReceivedMessage();
                assertThat(r.receive(m, true)).isTrue();
                assertThat(m.error()).isNotNull();
                assertThat(m.error().errno()).isEqualTo(Errno.ECONNREFUSED);
                assertThat(m.error().origin()).isEqualTo(ExtendedError.Origin.ICMP);
                assertThat(m.error().icmpType()).isEqualTo(3);
                assertThat(m.error().icmpCode()).isEqualTo(3);
            }
        }
    }
}
