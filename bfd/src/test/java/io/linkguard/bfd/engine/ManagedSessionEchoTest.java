package io.linkguard.bfd.engine;

import io.linkguard.bfd.BfdDropReason;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A datagram on the echo port naming a session: RFC 5880 §6.4/§6.8.9, RFC 5881 §4. Only our own
 * echo, back from one forwarding hop with a sequence we sent lately, may keep the Echo function
 * alive; everything else is dropped with its reason and leaves the echo counters alone.
 */
class ManagedSessionEchoTest {
    private static final InetAddress SELF = InetAddress.ofLiteral("192.0.2.1");
    private static final InetAddress PEER = InetAddress.ofLiteral("192.0.2.2");

    private static ManagedSession session(Optional<Duration> echo) {
        BfdSessionConfig config = new BfdSessionConfig("l", PEER, Optional.of(SELF), Optional.empty(),
                OptionalLong.empty(), false, 255, Duration.ofMillis(100), Duration.ofMillis(100), 3, false,
                Optional.empty(), echo);
        return new ManagedSession(config, 0x1111, 0, Optional.empty(), new ManagedSessionAuthTest.RecordingSender(),
                new SplittableRandom(1), change -> { }, 0);
    }

    @Test
    void spoofedEchoesAreDroppedWithTheirReason() {
        ManagedSession s = session(Optional.of(Duration.ofMillis(50)));
        assertThat(s.echoReturned(PEER, 255, 1, 0, 0, 0)).isEqualTo(BfdDropReason.ECHO_SOURCE);
        assertThat(s.echoReturned(null, 255, 1, 0, 0, 0)).isEqualTo(BfdDropReason.ECHO_SOURCE);
        assertThat(s.echoReturned(SELF, 253, 1, 0, 0, 0)).isEqualTo(BfdDropReason.ECHO_TTL);
        assertThat(s.echoReturned(SELF, 254, 1, 0, 0, 0)).isEqualTo(BfdDropReason.ECHO_UNKNOWN_SEQUENCE);
        assertThat(s.view().echoReceived()).isZero();
        assertThat(s.view().lastEchoRttNanos()).isEqualTo(-1);
    }

    @Test
    void aSessionWithoutTheEchoFunctionTakesNoEcho() {
        assertThat(session(Optional.empty()).echoReturned(SELF, 255, 1, 0, 0, 0))
                .isEqualTo(BfdDropReason.ECHO_UNKNOWN_SESSION);
    }
}
