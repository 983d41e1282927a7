package io.linkguard.bfd.engine;

import io.linkguard.probes.net.LinuxSocket;
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
        return new BfdSessionConfig("l", LOOPBACK, Optional.of(LOOPBACK), Optional.empty(), OptionalLong.empty(),
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
            assertThat(outcomes).contains(ControlSender.Outcome.REFUSED);
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
