package io.linkguard.bfd.engine;

import io.linkguard.bfd.packet.BfdState;
import io.linkguard.bfd.packet.ControlPacket;
import io.linkguard.bfd.packet.ControlPacketCodec;
import io.linkguard.probes.net.LinuxSocket;
import io.linkguard.probes.net.ReceivedMessage;
import io.linkguard.probes.net.Receiver;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A reload that removes several sessions: every one goes AdminDown at once (RFC 5880 §6.8.16)
 * and the engine closes them after one shared wait, instead of the caller sleeping once per
 * session. Loopback peers on the BFD port, no privileges.
 */
class BfdEngineRemovalTest {
    private static final int PEERS = 3;

    private static BfdSessionConfig config(int i) {
        return new BfdSessionConfig("link" + i, peer(i), Optional.empty(), Optional.empty(), OptionalLong.empty(),
                false, 255, Duration.ofMillis(100), Duration.ofMillis(100), 3, false, Optional.empty(),
                Optional.empty());
    }

    private static InetAddress peer(int i) {
        return InetAddress.ofLiteral("127.0.0." + (20 + i));
    }

    @Test
    void removingManySessionsSendsEveryAdminDownBeforeAnyCloses() throws Exception {
        List<LinuxSocket> peers = new ArrayList<>();
        try (BfdEngine engine = new BfdEngine(new SplittableRandom(5))) {
            for (int i = 0; i < PEERS; i++) {
                LinuxSocket p = LinuxSocket.udp(LinuxSocket.Family.INET);
                peers.add(p);
                p.setIntOption(1, 2, 1, "SO_REUSEADDR"); // the engine's listener holds the wildcard port
                p.bind(new InetSocketAddress(peer(i), BfdPorts.SINGLE_HOP_CONTROL));
                engine.addSession(config(i), Optional.empty(), change -> { });
            }
            for (int i = 0; i < PEERS; i++) {
                assertThat(engine.removeSession("link" + i, peer(i))).isTrue();
            }
            assertThat(engine.sessions()).isEmpty();
            // Old behaviour: each removal slept and closed its session before returning.
            assertThat(engine.retiringSessions()).isEqualTo(PEERS);
            for (LinuxSocket p : peers) {
                assertThat(receivedAdminDown(p)).isTrue();
            }
            await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(10)).untilAsserted(() ->
                    assertThat(engine.retiringSessions()).as("closed after the shared AdminDown wait").isZero());
        } finally {
            peers.forEach(LinuxSocket::close);
        }
    }

    /**
     * A reload that changes a session removes it and adds it again at once. The old one must not
     * keep sending AdminDown beside the new one's Down/Init: the peer's bfd.RemoteDiscr would flip
     * between the two and each AdminDown would push its session Down (RFC 5880 §6.8.6).
     */
    @Test
    void aSessionAddedForTheSamePeerEndsTheRetiringOnesAdminDownFirst() throws Exception {
        InetAddress peer = InetAddress.ofLiteral("127.0.0.30");
        BfdSessionConfig cfg = new BfdSessionConfig("restarted", peer, Optional.empty(), Optional.empty(),
                OptionalLong.empty(), false, 255, Duration.ofMillis(100), Duration.ofMillis(100), 3, false,
                Optional.empty(), Optional.empty());
        try (LinuxSocket p = LinuxSocket.udp(LinuxSocket.Family.INET);
             BfdEngine engine = new BfdEngine(new SplittableRandom(7))) {
            p.setIntOption(1, 2, 1, "SO_REUSEADDR");
            p.bind(new InetSocketAddress(peer, BfdPorts.SINGLE_HOP_CONTROL));
            engine.addSession(cfg, Optional.empty(), change -> { });
            long oldDiscr = engine.sessions().getFirst().localDiscriminator();
            assertThat(engine.removeSession("restarted", peer)).isTrue();
            engine.addSession(cfg, Optional.empty(), change -> { });
            long newDiscr = engine.sessions().getFirst().localDiscriminator();
            // Old behaviour: the old session went on sending AdminDown for up to a second.
            assertThat(engine.retiringSessions()).isZero();
            assertThat(engine.retirementsCutShort()).isEqualTo(1);
            // Everything the peer hears up to the new session's second packet: no AdminDown after its first.
            List<ControlPacket> heard = new ArrayList<>();
            try (Receiver r = p.newReceiver(512)) {
                ReceivedMessage m = new ReceivedMessage();
                while (heard.stream().filter(c -> c.myDiscriminator() == newDiscr).count() < 2
                        && (p.poll((short) 1, 5000) & 1) != 0) {
                    while (r.receive(m, false)) {
                        heard.add(ControlPacketCodec.decode(m.data()));
                    }
                }
            }
            int firstNew = indexOf(heard, newDiscr);
            assertThat(firstNew).as("the new session is heard").isNotNegative();
            assertThat(heard.subList(0, firstNew)).as("the old one's AdminDown went out before")
                    .anyMatch(c -> c.state() == BfdState.ADMIN_DOWN && c.myDiscriminator() == oldDiscr);
            assertThat(heard.subList(firstNew, heard.size()))
                    .noneMatch(c -> c.state() == BfdState.ADMIN_DOWN || c.myDiscriminator() == oldDiscr);
        }
    }

    private static int indexOf(List<ControlPacket> heard, long discr) {
        for (int i = 0; i < heard.size(); i++) {
            if (heard.get(i).myDiscriminator() == discr) {
                return i;
            }
        }
        return -1;
    }

    /** Reads the peer's socket until an AdminDown arrives (Down packets may come first). */
    private static boolean receivedAdminDown(LinuxSocket p) throws Exception {
        try (Receiver r = p.newReceiver(512)) {
            ReceivedMessage m = new ReceivedMessage();
            for (int i = 0; i < 10; i++) {
                if ((p.poll((short) 1, 5000) & 1) == 0) {
                    return false;
                }
                while (r.receive(m, false)) {
                    if (ControlPacketCodec.decode(m.data()).state() == BfdState.ADMIN_DOWN) {
                        return true;
                    }
                }
            }
            return false;
        }
    }
}
