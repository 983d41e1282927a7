package io.linkguard.bfd.engine;

import io.linkguard.bfd.packet.BfdState;
import io.linkguard.bfd.packet.Diagnostic;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A listener that starts late (a link's health restarted by a reload while its BFD session runs
 * on) asks for the session's current state; no state change would ever tell it. Loopback, no
 * privileges, no peer: the session stays Down.
 */
class BfdEngineCurrentStateTest {
    private static final InetAddress PEER = InetAddress.ofLiteral("127.0.0.31");

    private static BfdSessionConfig config() {
        return new BfdSessionConfig("la-sg", PEER, Optional.empty(), Optional.empty(), OptionalLong.empty(),
                false, 255, Duration.ofMillis(100), Duration.ofMillis(100), 3, false, Optional.empty(),
                Optional.empty());
    }

    @Test
    void theCurrentStateComesAsAChangeFromItselfToItself() throws Exception {
        try (BfdEngine engine = new BfdEngine(new SplittableRandom(7))) {
            engine.addSession(config(), Optional.empty(), change -> { });
            CompletableFuture<BfdStateChange> got = new CompletableFuture<>();
            engine.currentState("la-sg", PEER, got::complete);
            BfdStateChange c = got.get(10, TimeUnit.SECONDS);
            assertThat(c.name()).isEqualTo("la-sg");
            assertThat(c.peer()).isEqualTo(PEER);
            assertThat(c.from()).isEqualTo(BfdState.DOWN);
            assertThat(c.to()).isEqualTo(BfdState.DOWN);
            assertThat(c.localDiag()).isEqualTo(Diagnostic.NONE);
        }
    }

    @Test
    void nothingComesForASessionThatDoesNotRun() throws Exception {
        try (BfdEngine engine = new BfdEngine(new SplittableRandom(7))) {
            engine.addSession(config(), Optional.empty(), change -> { });
            CompletableFuture<BfdStateChange> other = new CompletableFuture<>();
            engine.currentState("la-tk", PEER, other::complete);
            // Commands run in order on the engine thread: once this one has run, so has the first.
            CompletableFuture<BfdStateChange> marker = new CompletableFuture<>();
            engine.currentState("la-sg", PEER, marker::complete);
            marker.get(10, TimeUnit.SECONDS);
            assertThat(other).isNotDone();
        }
    }
}
