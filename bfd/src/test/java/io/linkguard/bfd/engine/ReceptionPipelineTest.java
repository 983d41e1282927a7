package io.linkguard.bfd.engine;

import io.linkguard.bfd.BfdDropReason;
import io.linkguard.bfd.auth.AuthKey;
import io.linkguard.bfd.auth.Authenticator;
import io.linkguard.bfd.packet.AuthType;
import io.linkguard.bfd.packet.BfdState;
import io.linkguard.bfd.packet.ControlPacket;
import io.linkguard.bfd.packet.ControlPacketCodec;
import io.linkguard.bfd.packet.Diagnostic;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The socket-free receive path, packet by packet on a fake clock: decode, RFC 5880 §6.8.6,
 * demultiplexing (§6.3), GTSM (RFC 5881 §5, RFC 5883 §5), authentication (§6.7) and the session's
 * state changes. Every datagram either reaches one session or is dropped with its reason.
 */
class ReceptionPipelineTest {
    private static final long MS = 1_000_000L;
    private static final InetAddress PEER = InetAddress.ofLiteral("192.0.2.2");
    private static final InetAddress OTHER = InetAddress.ofLiteral("192.0.2.9");
    private static final InetAddress SELF = InetAddress.ofLiteral("192.0.2.1");
    private static final long LOCAL = 0x1111;
    private static final long PEER_DISCR = 0x2222;
    private static final int IFINDEX = 7;

    private final Demultiplexer<ManagedSession> demux = new Demultiplexer<>();
    private final List<BfdStateChange> changes = new ArrayList<>();
    /** The fake monotonic clock every datagram is received at. */
    private long now;

    private ManagedSession session(long discr, InetAddress peer, int ifindex, boolean multihop,
                                   Optional<AuthKey> key) {
        BfdSessionConfig config = new BfdSessionConfig("s" + discr, peer, Optional.empty(), Optional.empty(),
                OptionalLong.empty(), multihop, 250, Duration.ofMillis(100), Duration.ofMillis(100), 3, false, key,
                Optional.empty());
        ManagedSession s = new ManagedSession(config, discr, ifindex, key.map(k -> new Authenticator(k, () -> 7L)),
                new ManagedSessionAuthTest.RecordingSender(), new SplittableRandom(discr), changes::add, now);
        demux.add(new Demultiplexer.Binding(discr, peer, null, ifindex, multihop), s);
        return s;
    }

    private ManagedSession session() {
        return session(LOCAL, PEER, IFINDEX, false, Optional.empty());
    }

    private static ControlPacket packet(BfdState state, long your) {
        return new ControlPacket(1, Diagnostic.NONE, state, false, false, false, false, false, 3, PEER_DISCR, your,
                100_000, 100_000, 0, Optional.empty());
    }

    private static ByteBuffer wire(ControlPacket p) {
        ByteBuffer b = ByteBuffer.allocate(ControlPacketCodec.encodedLength(p));
        ControlPacketCodec.encode(p, b);
        return b.flip();
    }

    private ReceptionPipeline.Outcome<ManagedSession> receive(ByteBuffer datagram, InetAddress source, int ifindex,
                                                              int ttl, boolean multihop) {
        now += 10 * MS;
        return ReceptionPipeline.receive(demux, datagram, false, source, SELF, ifindex, ttl, multihop, now);
    }

    private ReceptionPipeline.Outcome<ManagedSession> receive(ControlPacket p) {
        return receive(wire(p), PEER, IFINDEX, 255, false);
    }

    @Test
    void whatCannotBeDecodedIsDroppedAsTruncatedOrMalformed() {
        session();
        ByteBuffer good = wire(packet(BfdState.DOWN, 0));
        assertThat(ReceptionPipeline.receive(demux, good, true, PEER, SELF, IFINDEX, 255, false, now).drop())
                .isEqualTo(BfdDropReason.TRUNCATED);
        ByteBuffer shortOne = ByteBuffer.wrap(Arrays.copyOf(good.array(), 23));
        assertThat(receive(shortOne, PEER, IFINDEX, 255, false).drop()).isEqualTo(BfdDropReason.MALFORMED);
    }

    /** RFC 5880 §6.8.6: the packet-only checks, before any session is looked up. */
    @Test
    void thePacketOnlyChecksComeFirst() {
        session();
        ByteBuffer version2 = wire(packet(BfdState.DOWN, 0));
        version2.put(0, (byte) (2 << 5)); // decoded with the version 1 layout, then discarded
        assertThat(receive(version2, PEER, IFINDEX, 255, false).drop()).isEqualTo(BfdDropReason.BAD_VERSION);
        ControlPacket zeroMult = new ControlPacket(1, Diagnostic.NONE, BfdState.DOWN, false, false, false, false,
                false, 0, PEER_DISCR, 0, 100_000, 100_000, 0, Optional.empty());
        assertThat(receive(zeroMult).drop()).isEqualTo(BfdDropReason.ZERO_DETECT_MULT);
        // "If the Your Discriminator field is zero and the State field is not Down or AdminDown, discard".
        assertThat(receive(packet(BfdState.UP, 0)).drop()).isEqualTo(BfdDropReason.ZERO_YOUR_DISCRIMINATOR_NOT_DOWN);
        ControlPacket zeroMy = new ControlPacket(1, Diagnostic.NONE, BfdState.DOWN, false, false, false, false,
                false, 3, 0, 0, 100_000, 100_000, 0, Optional.empty());
        assertThat(receive(zeroMy).drop()).isEqualTo(BfdDropReason.ZERO_MY_DISCRIMINATOR);
    }

    /** RFC 5880 §6.3: a nonzero Your Discriminator selects the session; it must come from that session's peer. */
    @Test
    void aNonzeroYourDiscriminatorSelectsTheSession() {
        ManagedSession s = session();
        ManagedSession other = session(0x3333, OTHER, 0, false, Optional.empty());
        assertThat(receive(packet(BfdState.DOWN, 0x9999)).drop()).isEqualTo(BfdDropReason.UNKNOWN_DISCRIMINATOR);
        assertThat(receive(packet(BfdState.DOWN, LOCAL)).session()).isSameAs(s);
        assertThat(receive(wire(packet(BfdState.DOWN, 0x3333)), OTHER, 1, 255, false).session()).isSameAs(other);
        // The right discriminator from the wrong peer, interface or kind of path drives nothing.
        assertThat(receive(wire(packet(BfdState.DOWN, LOCAL)), OTHER, IFINDEX, 255, false).drop())
                .isEqualTo(BfdDropReason.SOURCE_MISMATCH);
        assertThat(receive(wire(packet(BfdState.DOWN, LOCAL)), PEER, IFINDEX + 1, 255, false).drop())
                .isEqualTo(BfdDropReason.SOURCE_MISMATCH);
        assertThat(receive(wire(packet(BfdState.DOWN, LOCAL)), PEER, IFINDEX, 255, true).drop())
                .isEqualTo(BfdDropReason.SOURCE_MISMATCH);
    }

    /** RFC 5880 §6.3 with RFC 5881 §3: Your Discriminator 0 selects by source address and interface. */
    @Test
    void yourDiscriminatorZeroSelectsByPeerAndInterface() {
        ManagedSession s = session();
        ManagedSession anyInterface = session(0x3333, OTHER, 0, false, Optional.empty());
        assertThat(receive(packet(BfdState.DOWN, 0)).session()).isSameAs(s);
        assertThat(receive(wire(packet(BfdState.DOWN, 0)), PEER, IFINDEX + 1, 255, false).drop())
                .isEqualTo(BfdDropReason.NO_SESSION_FOR_SOURCE);
        assertThat(receive(wire(packet(BfdState.DOWN, 0)), SELF, IFINDEX, 255, false).drop())
                .isEqualTo(BfdDropReason.NO_SESSION_FOR_SOURCE);
        assertThat(receive(wire(packet(BfdState.DOWN, 0)), OTHER, 42, 255, false).session()).isSameAs(anyInterface);
        // A retiring session no longer claims its peer's Your Discriminator 0 packets; named ones still reach it.
        demux.retire(LOCAL);
        assertThat(receive(packet(BfdState.DOWN, 0)).drop()).isEqualTo(BfdDropReason.NO_SESSION_FOR_SOURCE);
        assertThat(receive(packet(BfdState.DOWN, LOCAL)).session()).isSameAs(s);
    }

    /** RFC 5881 §5 (GTSM): single hop only with TTL 255; RFC 5883 §5: multihop with the configured minimum. */
    @Test
    void theReceivedTtlIsChecked() {
        session();
        session(0x3333, OTHER, 0, true, Optional.empty()); // min_received_ttl 250
        assertThat(receive(wire(packet(BfdState.DOWN, LOCAL)), PEER, IFINDEX, 254, false).drop())
                .isEqualTo(BfdDropReason.TTL);
        assertThat(receive(wire(packet(BfdState.DOWN, LOCAL)), PEER, IFINDEX, 255, false).drop()).isNull();
        assertThat(receive(wire(packet(BfdState.DOWN, 0x3333)), OTHER, 0, 249, true).drop())
                .isEqualTo(BfdDropReason.TTL);
        assertThat(receive(wire(packet(BfdState.DOWN, 0x3333)), OTHER, 0, 250, true).drop()).isNull();
    }

    /** RFC 5880 §6.8.6, §6.7: the A bit must match the session's configuration, and the digest must verify. */
    @Test
    void authenticationIsRequiredExactlyWhenConfigured() {
        byte[] key = "s3cret".getBytes(StandardCharsets.US_ASCII);
        AuthKey sha1 = new AuthKey(AuthType.KEYED_SHA1, 1, key);
        session(LOCAL, PEER, IFINDEX, false, Optional.of(sha1));
        session(0x3333, OTHER, 0, false, Optional.empty());
        assertThat(receive(packet(BfdState.DOWN, LOCAL)).drop()).isEqualTo(BfdDropReason.AUTH_MISMATCH);
        Authenticator peer = new Authenticator(sha1, () -> 100L);
        ControlPacket signed = peer.sign(packet(BfdState.DOWN, 0x3333));
        assertThat(receive(wire(signed), OTHER, 0, 255, false).drop()).isEqualTo(BfdDropReason.AUTH_MISMATCH);
        Authenticator wrongKey = new Authenticator(new AuthKey(AuthType.KEYED_SHA1, 1,
                "other".getBytes(StandardCharsets.US_ASCII)), () -> 100L);
        assertThat(receive(wire(wrongKey.sign(packet(BfdState.DOWN, LOCAL))), PEER, IFINDEX, 255, false).drop())
                .isEqualTo(BfdDropReason.AUTH_FAILED);
        assertThat(receive(wire(peer.sign(packet(BfdState.DOWN, LOCAL))), PEER, IFINDEX, 255, false).drop())
                .isNull();
    }

    /** RFC 5880 §6.2 through the pipeline: Down -> Init -> Up -> Down, each change told once. */
    @Test
    void validPacketsDriveTheStateMachineAndTheViewFollows() {
        ManagedSession s = session();
        assertThat(receive(packet(BfdState.DOWN, 0)).drop()).isNull();
        assertThat(changes).extracting(BfdStateChange::to).containsExactly(BfdState.INIT);
        assertThat(receive(packet(BfdState.INIT, LOCAL)).drop()).isNull();
        assertThat(changes).extracting(BfdStateChange::to).containsExactly(BfdState.INIT, BfdState.UP);
        assertThat(receive(packet(BfdState.UP, LOCAL)).drop()).isNull();
        assertThat(changes).hasSize(2);
        s.runTimers(now, null);
        var view = s.view().snapshot();
        assertThat(view.sessionState()).isEqualTo(BfdState.UP);
        assertThat(view.remoteDiscr()).isEqualTo(PEER_DISCR);
        assertThat(view.packetsReceived()).isEqualTo(3);
        assertThat(view.lastStateChangeNanos()).isEqualTo(20 * MS);
        // The peer says Down: §6.8.6, neighbor signaled session down.
        ControlPacket down = new ControlPacket(1, Diagnostic.PATH_DOWN, BfdState.DOWN, false, false, false, false,
                false, 3, PEER_DISCR, LOCAL, 100_000, 100_000, 0, Optional.empty());
        assertThat(receive(down).drop()).isNull();
        assertThat(changes.get(2).to()).isEqualTo(BfdState.DOWN);
        assertThat(changes.get(2).localDiag()).isEqualTo(Diagnostic.NEIGHBOR_SIGNALED_SESSION_DOWN);
        assertThat(s.view().snapshot().sessionState()).isEqualTo(BfdState.DOWN);
    }
}
