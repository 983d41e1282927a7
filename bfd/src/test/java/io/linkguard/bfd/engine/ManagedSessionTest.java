package io.linkguard.bfd.engine;

import io.linkguard.bfd.packet.BfdState;
import io.linkguard.bfd.packet.ControlPacket;
import io.linkguard.bfd.packet.Diagnostic;
import io.linkguard.bfd.session.SessionSnapshot;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A session at run time on a fake clock: what other threads see of it (the published snapshot and
 * the counters, read without a lock), what its listener is told, and the engine-wide totals.
 */
class ManagedSessionTest {
    private static final long MS = 1_000_000L;
    private static final long LOCAL = 0x1111;
    private static final InetAddress PEER = InetAddress.ofLiteral("192.0.2.2");
    private static final BfdSessionConfig CONFIG = new BfdSessionConfig("l", PEER, Optional.empty(),
            Optional.empty(), OptionalLong.empty(), false, 255, Duration.ofMillis(100), Duration.ofMillis(100), 3,
            false, Optional.empty(), Optional.empty());

    private final List<BfdStateChange> changes = new ArrayList<>();
    private final List<BfdState> stateSeenByListener = new ArrayList<>();

    private ManagedSession session(ControlSender sender, ManagedSession.Totals totals) {
        ManagedSession[] self = new ManagedSession[1];
        self[0] = new ManagedSession(CONFIG, LOCAL, 0, Optional.empty(), sender, new SplittableRandom(1), change -> {
            changes.add(change);
            stateSeenByListener.add(self[0].view().snapshot().sessionState());
        }, 0, totals);
        return self[0];
    }

    private static ControlPacket fromPeer(BfdState state, long your) {
        return new ControlPacket(1, Diagnostic.NONE, state, false, false, false, false, false, 3, 0x2222, your,
                100_000, 100_000, 0, Optional.empty());
    }

    private static ControlSender answering(ControlSender.Outcome outcome) {
        return new ControlSender() {
            @Override
            public Outcome send(ByteBuffer packet) {
                return outcome;
            }

            @Override
            public void close() {
            }
        };
    }

    /** Counters move with every packet; the snapshot object is replaced only when the state, timers or peer do. */
    @Test
    void theViewHasCurrentCountersAndANewSnapshotOnlyWhenTheStateMoves() {
        ManagedSession s = session(new ManagedSessionAuthTest.RecordingSender(), new ManagedSession.Totals());
        s.runTimers(0, null); // the first packet is due at once
        SessionSnapshot first = s.view().snapshot();
        assertThat(first.packetsTransmitted()).isEqualTo(1);
        assertThat(s.session.unchangedSince(first)).isTrue();
        long next = s.runTimers(0, null);
        s.runTimers(next, null); // a periodic packet: only a counter moved
        assertThat(s.session.unchangedSince(first)).isTrue();
        assertThat(s.view().snapshot().packetsTransmitted()).isEqualTo(2);
        assertThat(s.view().snapshot().sessionState()).isEqualTo(BfdState.DOWN);

        s.session.receive(fromPeer(BfdState.DOWN, 0), next + MS);
        assertThat(s.session.unchangedSince(first)).isFalse();
        s.runTimers(next + MS, null);
        SessionSnapshot init = s.view().snapshot();
        assertThat(init.sessionState()).isEqualTo(BfdState.INIT);
        assertThat(init.remoteDiscr()).isEqualTo(0x2222);
        assertThat(init.packetsReceived()).isEqualTo(1);
        assertThat(s.session.unchangedSince(init)).isTrue();
    }

    /** A listener that reads the engine's view on a state change sees the new state, not the one before. */
    @Test
    void aStateChangeIsPublishedBeforeTheListenerIsTold() {
        ManagedSession s = session(new ManagedSessionAuthTest.RecordingSender(), new ManagedSession.Totals());
        s.session.receive(fromPeer(BfdState.DOWN, 0), MS);
        s.session.receive(fromPeer(BfdState.UP, LOCAL), 2 * MS);
        assertThat(changes).extracting(BfdStateChange::to).containsExactly(BfdState.INIT, BfdState.UP);
        assertThat(stateSeenByListener).containsExactly(BfdState.INIT, BfdState.UP);
        // Timed out: RFC 5880 §6.8.4, Down with diagnostic 1.
        s.runTimers(2 * MS + 300 * MS, null);
        assertThat(changes.getLast().to()).isEqualTo(BfdState.DOWN);
        assertThat(changes.getLast().localDiag()).isEqualTo(Diagnostic.CONTROL_DETECTION_TIME_EXPIRED);
        assertThat(stateSeenByListener.getLast()).isEqualTo(BfdState.DOWN);
        assertThat(s.view().snapshot().detectionTimeMicros()).isZero();
    }

    /** A session being removed goes AdminDown quietly: a configuration change is no link event. */
    @Test
    void aRetiringSessionTellsNoListener() {
        ManagedSession s = session(new ManagedSessionAuthTest.RecordingSender(), new ManagedSession.Totals());
        s.retiring = true;
        s.session.adminDown(MS);
        s.runTimers(MS, null);
        assertThat(changes).isEmpty();
        assertThat(s.view().snapshot().sessionState()).isEqualTo(BfdState.ADMIN_DOWN);
    }

    /** The engine's totals add every session's refusals and outlive the sessions. */
    @Test
    void refusalsAddUpInTheEngineTotals() {
        ManagedSession.Totals totals = new ManagedSession.Totals();
        ManagedSession a = session(answering(ControlSender.Outcome.SENT_AFTER_REFUSAL), totals);
        ManagedSession b = session(answering(ControlSender.Outcome.REFUSED), totals);
        a.runTimers(0, null);
        b.runTimers(0, null);
        a.close();
        assertThat(a.sendsRefused()).isEqualTo(1);
        assertThat(b.sendsRefused()).isEqualTo(1);
        assertThat(totals.sendsRefused()).isEqualTo(2);
        assertThat(totals.neighborsRefused()).isZero();
    }
}
