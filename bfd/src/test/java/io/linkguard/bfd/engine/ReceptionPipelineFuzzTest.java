package io.linkguard.bfd.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.linkguard.bfd.auth.AuthKey;
import io.linkguard.bfd.auth.Authenticator;
import io.linkguard.bfd.packet.AuthType;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Fuzz test for the receive path after the socket, {@link ReceptionPipeline#receive}: decode,
 * the §6.8.6 checks, demultiplexing, GTSM, authentication and {@code BfdSession.receive}, then the
 * session's timers. It documents no exception: every bad datagram is a counted drop reason. The
 * input is a sequence of datagrams (each prefixed by a flags byte: source, TTL, multihop, and
 * a length byte), fed to two sessions (discriminators 1 and 2, the second with meticulous keyed
 * SHA1) on a fake clock. Regression inputs:
 * {@code src/test/resources/io/linkguard/bfd/engine/ReceptionPipelineFuzzTestInputs/receive/}.
 */
class ReceptionPipelineFuzzTest {
    private static final InetAddress PEER_A = InetAddress.ofLiteral("192.0.2.1");
    private static final InetAddress PEER_B = InetAddress.ofLiteral("192.0.2.2");
    private static final byte[] KEY = "fuzz-key".getBytes(StandardCharsets.US_ASCII);

    private static ManagedSession session(Demultiplexer<ManagedSession> demux, long discr, InetAddress peer,
                                          Optional<AuthKey> key) {
        BfdSessionConfig c = new BfdSessionConfig("s" + discr, peer, Optional.empty(), Optional.empty(),
                OptionalLong.empty(), false, 255, Duration.ofMillis(100), Duration.ofMillis(100), 3, false, key,
                Optional.empty());
        ManagedSession s = new ManagedSession(c, discr, 0, key.map(k -> new Authenticator(k, () -> 9L)),
                new ManagedSessionAuthTest.RecordingSender(), new SplittableRandom(discr), change -> { }, 0);
        demux.add(new Demultiplexer.Binding(discr, peer, null, 0, false), s);
        return s;
    }

    @FuzzTest(maxDuration = "2m")
    void receive(byte[] input) {
        Demultiplexer<ManagedSession> demux = new Demultiplexer<>();
        ManagedSession a = session(demux, 1, PEER_A, Optional.empty());
        ManagedSession b = session(demux, 2, PEER_B,
                Optional.of(new AuthKey(AuthType.METICULOUS_KEYED_SHA1, 1, KEY)));
        long now = 0;
        int i = 0;
        while (i + 2 <= input.length) {
            int flags = input[i] & 0xff;
            int length = Math.min(input[i + 1] & 0xff, input.length - i - 2);
            ByteBuffer datagram = ByteBuffer.wrap(input, i + 2, length).slice().asReadOnlyBuffer();
            i += 2 + length;
            InetAddress source = (flags & 1) == 0 ? PEER_A : PEER_B;
            int ttl = (flags & 2) == 0 ? 255 : 254;
            boolean multihop = (flags & 4) != 0;
            boolean truncated = (flags & 8) != 0;
            now += ((flags >>> 4) + 1) * 50_000_000L; // 50..800 ms between datagrams
            var outcome = ReceptionPipeline.receive(demux, datagram, truncated, source, null, 0, ttl, multihop, now);
            assertThat(outcome.session() != null || outcome.drop() != null).isTrue();
            assertThat(datagram.position()).isZero();
            a.runTimers(now, null);
            b.runTimers(now, null);
        }
    }

    @Test
    void seedDirectoryExists() {
        assertThat(ReceptionPipelineFuzzTest.class.getResource("ReceptionPipelineFuzzTestInputs/receive")).isNotNull();
    }
}
