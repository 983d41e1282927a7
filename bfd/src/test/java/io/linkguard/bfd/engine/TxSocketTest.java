package io.linkguard.bfd.engine;

import io.linkguard.probes.net.LinuxSocket;
import io.linkguard.probes.net.ReceivedMessage;
import io.linkguard.probes.net.Receiver;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/** The per-session transmit socket, on loopback without privileges. */
class TxSocketTest {
    private static final InetAddress LOOPBACK = InetAddress.ofLiteral("127.0.0.1");

    private static BfdSessionConfig config() {
        return config(Optional.of(LOOPBACK));
    }

    private static BfdSessionConfig config(Optional<InetAddress> local) {
        return new BfdSessionConfig("l", LOOPBACK, local, Optional.empty(), OptionalLong.empty(),
                false, 255, Duration.ofMillis(100), Duration.ofMillis(100), 3, false, Optional.empty(),
                Optional.empty());
    }

    /** A loopback UDP port nobody listens on (bound, read, closed). */
    private static int closedPort() throws Exception {
        try (LinuxSocket s = LinuxSocket.udp(LinuxSocket.Family.INET)) {
            s.bind(new InetSocketAddress(LOOPBACK, 0));
            return s.localAddress().getPort();
        }
    }

    /**
     * Connected to a port nobody listens on, the kernel answers with ICMP port-unreachable and
     * reports it as ECONNREFUSED on a later send (BRIEF: "a failure of the NEXT send"). That must
     * come back as an outcome the session counts, never as an exception that would end the engine
     * thread.
     */
    @Test
    void aRefusedSendIsAnOutcomeNotAnException() throws Exception {
        try (TxSocket tx = new TxSocket(config(), new SplittableRandom(3), closedPort())) {
            List<ControlSender.Outcome> outcomes = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                outcomes.add(tx.send(ByteBuffer.wrap(new byte[24])));
            }
            assertThat(outcomes.getFirst()).isEqualTo(ControlSender.Outcome.SENT);
            assertThat(outcomes).contains(ControlSender.Outcome.SENT_AFTER_REFUSAL)
                    .doesNotContain(ControlSender.Outcome.FAILED);
        }
    }

    /**
     * The ECONNREFUSED of a connected socket belongs to an earlier packet, and the send that reports
     * it does not go out: without a retry, each port-unreachable (even a spoofed one) would cost the
     * peer one Control packet.
     */
    @Test
    void thePacketThatMeetsAnIcmpErrorIsStillSent() throws Exception {
        int port = closedPort();
        try (TxSocket tx = new TxSocket(config(), new SplittableRandom(3), port)) {
            assertThat(tx.connected()).isTrue();
            assertThat(tx.send(ByteBuffer.wrap(new byte[24]))).isEqualTo(ControlSender.Outcome.SENT);
            assertThat(tx.errorPending(5000)).as("the port-unreachable arrived").isTrue();
            try (LinuxSocket peer = LinuxSocket.udp(LinuxSocket.Family.INET)) {
                peer.bind(new InetSocketAddress(LOOPBACK, port)); // the peer's BFD is back
                assertThat(tx.send(ByteBuffer.wrap(new byte[24])))
                        .isEqualTo(ControlSender.Outcome.SENT_AFTER_REFUSAL);
                assertThat(receivedFrom(peer)).isEqualTo(tx.sourcePort());
            }
        }
    }

    /**
     * Without a configured local address the socket stays unconnected: connecting would freeze the
     * source address of the route at that moment (the WAN address while the tunnel is down), and an
     * unconnected socket hears no ICMP errors, spoofed or not. It still keeps the small receive
     * buffer, and its packets still reach the peer from the session's source port.
     */
    @Test
    void withoutALocalAddressTheSocketStaysUnconnected() throws Exception {
        try (TxSocket tx = new TxSocket(config(Optional.empty()), new SplittableRandom(3), closedPort())) {
            assertThat(tx.connected()).isFalse();
            assertThat(tx.receiveBufferBytes()).isLessThan(16 * 1024);
            for (int i = 0; i < 5; i++) {
                assertThat(tx.send(ByteBuffer.wrap(new byte[24]))).isEqualTo(ControlSender.Outcome.SENT);
            }
            assertThat(tx.connected()).isFalse();
        }
        try (LinuxSocket peer = LinuxSocket.udp(LinuxSocket.Family.INET)) {
            peer.bind(new InetSocketAddress(LOOPBACK, 0));
            try (TxSocket tx = new TxSocket(config(Optional.empty()), new SplittableRandom(4),
                    peer.localAddress().getPort())) {
                assertThat(tx.send(ByteBuffer.wrap(new byte[24]))).isEqualTo(ControlSender.Outcome.SENT);
                assertThat(receivedFrom(peer)).isEqualTo(tx.sourcePort());
            }
        }
    }

    /** The source port of the next datagram on {@code peer}, or -1 if none came. */
    private static int receivedFrom(LinuxSocket peer) throws Exception {
        if ((peer.poll((short) 1, 5000) & 1) == 0) {
            return -1;
        }
        try (Receiver r = peer.newReceiver(512)) {
            ReceivedMessage m = new ReceivedMessage();
            return r.receive(m, false) ? m.source().getPort() : -1;
        }
    }

    /** RFC 5881 §4 source port range kept; connected, so only the peer's datagrams could queue, and little of them. */
    @Test
    void sourcePortInRangeAndReceiveBufferSmall() throws Exception {
        try (TxSocket tx = new TxSocket(config(), new SplittableRandom(3))) {
            assertThat(tx.sourcePort()).isBetween(BfdPorts.SOURCE_PORT_MIN, BfdPorts.SOURCE_PORT_MAX);
            assertThat(tx.connected()).isTrue();
            assertThat(tx.receiveBufferBytes()).isLessThan(16 * 1024); // the default is ~208 KiB
            assertThat(tx.destination()).isEqualTo(new InetSocketAddress(LOOPBACK, BfdPorts.SINGLE_HOP_CONTROL));
        }
    }
}
