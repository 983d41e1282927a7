package io.linkguard.bfd.engine;

import io.linkguard.bfd.BfdDropReason;
import io.linkguard.bfd.auth.AuthKey;
import io.linkguard.bfd.auth.Authenticator;
import io.linkguard.bfd.packet.AuthType;
import io.linkguard.bfd.packet.BfdState;
import io.linkguard.bfd.packet.ControlPacket;
import io.linkguard.bfd.packet.ControlPacketCodec;
import io.linkguard.bfd.packet.Diagnostic;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * RFC 5880 §6.8.1 through the engine's reception step: a session that goes Down keeps
 * bfd.AuthSeqKnown, so a recorded packet replayed right after the Down is rejected; the knowledge
 * expires only after 2 x Detection Time without a valid packet. On a fake clock.
 */
class ManagedSessionAuthTest {
    private static final long MS = 1_000_000L;
    private static final long LOCAL = 0x1111;
    private static final long PEER_DISCR = 0x2222;
    private static final InetAddress PEER = InetAddress.ofLiteral("192.0.2.2");
    private static final byte[] KEY = "s3cret".getBytes(StandardCharsets.US_ASCII);

    private final Demultiplexer<ManagedSession> demux = new Demultiplexer<>();

    private ManagedSession session(AuthType type) {
        AuthKey key = new AuthKey(type, 1, KEY);
        BfdSessionConfig config = new BfdSessionConfig("l", PEER, Optional.empty(), Optional.empty(),
                OptionalLong.empty(), false, 255, Duration.ofMillis(100), Duration.ofMillis(100), 3, false,
                Optional.of(key), Optional.empty());
        ManagedSession s = new ManagedSession(config, LOCAL, 0, Optional.of(new Authenticator(key, () -> 7L)),
                new RecordingSender(), new SplittableRandom(1), change -> { }, 0);
        demux.add(new Demultiplexer.Binding(LOCAL, PEER, null, 0, false), s);
        return s;
    }

    /** The peer: signs its packets, each with its next sequence number. */
    private static byte[] signed(Authenticator peer, BfdState state, long your) {
        ControlPacket p = new ControlPacket(1, Diagnostic.NONE, state, false, false, false, false, false, 3,
                PEER_DISCR, your, 100_000, 100_000, 0, Optional.empty());
        ControlPacket out = peer.sign(p);
        ByteBuffer b = ByteBuffer.allocate(ControlPacketCodec.encodedLength(out));
        ControlPacketCodec.encode(out, b);
        return b.array();
    }

    private ReceptionPipeline.Outcome<ManagedSession> deliver(byte[] wire, long nowNanos) {
        return ReceptionPipeline.receive(demux, ByteBuffer.wrap(wire), false, PEER, null, 0, 255, false, nowNanos);
    }

    @ParameterizedTest
    @EnumSource(value = AuthType.class, names = {"KEYED_MD5", "KEYED_SHA1", "METICULOUS_KEYED_MD5",
            "METICULOUS_KEYED_SHA1"})
    void aRecordedPacketIsRejectedRightAfterADown(AuthType type) {
        ManagedSession s = session(type);
        Authenticator peer = new Authenticator(new AuthKey(type, 1, KEY), () -> 1000L);
        byte[] recordedDown = signed(peer, BfdState.DOWN, 0);
        assertThat(deliver(recordedDown, 0).drop()).isNull();
        byte[] up = signed(peer, BfdState.UP, LOCAL);
        assertThat(deliver(up, 10 * MS).drop()).isNull();
        assertThat(s.session.snapshot().sessionState()).isEqualTo(BfdState.UP);

        // The peer falls silent: Down after one Detection Time (3 x 100 ms).
        s.runTimers(310 * MS, null);
        assertThat(s.session.snapshot().sessionState()).isEqualTo(BfdState.DOWN);

        // An attacker replays the recorded Down, then the recorded Up, to bring the session back.
        assertThat(deliver(recordedDown, 320 * MS).drop()).isEqualTo(BfdDropReason.AUTH_REPLAY);
        assertThat(s.session.snapshot().sessionState()).isEqualTo(BfdState.DOWN);
        assertThat(s.auth.orElseThrow().authSeqKnown()).isTrue();
    }

    @ParameterizedTest
    @EnumSource(value = AuthType.class, names = {"KEYED_SHA1", "METICULOUS_KEYED_SHA1"})
    void aRestartedPeerResynchronizesAfterTwiceTheDetectionTime(AuthType type) {
        ManagedSession s = session(type);
        Authenticator peer = new Authenticator(new AuthKey(type, 1, KEY), () -> 1000L);
        deliver(signed(peer, BfdState.DOWN, 0), 0);
        deliver(signed(peer, BfdState.UP, LOCAL), 10 * MS);

        Authenticator restarted = new Authenticator(new AuthKey(type, 1, KEY), () -> 5L);
        s.runTimers(10 * MS + 599 * MS, null);
        assertThat(deliver(signed(restarted, BfdState.DOWN, 0), 10 * MS + 599 * MS).drop())
                .isEqualTo(BfdDropReason.AUTH_REPLAY);
        s.runTimers(10 * MS + 600 * MS, null);
        assertThat(s.auth.orElseThrow().authSeqKnown()).isFalse();
        assertThat(deliver(signed(restarted, BfdState.DOWN, 0), 10 * MS + 600 * MS).drop()).isNull();
    }

    /** Keeps nothing; every packet "sent". */
    static final class RecordingSender implements ControlSender {
        int sent;

        @Override
        public Outcome send(ByteBuffer packet) {
            sent++;
            return Outcome.SENT;
        }

        @Override
        public void close() {
        }
    }
}
