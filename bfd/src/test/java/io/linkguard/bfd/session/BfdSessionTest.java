package io.linkguard.bfd.session;

import io.linkguard.bfd.BfdDropReason;
import io.linkguard.bfd.packet.BfdState;
import io.linkguard.bfd.packet.ControlPacket;
import io.linkguard.bfd.packet.Diagnostic;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;

import static io.linkguard.bfd.packet.BfdState.ADMIN_DOWN;
import static io.linkguard.bfd.packet.BfdState.DOWN;
import static io.linkguard.bfd.packet.BfdState.INIT;
import static io.linkguard.bfd.packet.BfdState.UP;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** One session driven by hand-made peer packets on a fake clock. */
class BfdSessionTest {
    private static final long MS = 1_000_000L;
    private static final long LOCAL = 0xAAAA;
    private static final long PEER = 0xBBBB;
    private static final SessionParameters FAST = new SessionParameters(100_000, 100_000, 3, 50_000, false);

    private final List<ControlPacket> sent = new ArrayList<>();
    private final List<BfdState> states = new ArrayList<>();
    private final SessionListener listener = new SessionListener() {
        @Override
        public void transmit(ControlPacket packet) {
            sent.add(packet);
        }

        @Override
        public void stateChanged(BfdState from, BfdState to, Diagnostic localDiag, long nowNanos) {
            states.add(to);
        }
    };

    private BfdSession session(SessionParameters params, long nowNanos) {
        return new BfdSession(params, LOCAL, new Random(42), listener, nowNanos);
    }

    private static ControlPacket peer(BfdState state, long your, boolean poll, boolean fin, long desiredTxMicros,
                                      long requiredRxMicros) {
        return new ControlPacket(1, Diagnostic.NONE, state, poll, fin, false, false, false, 3, PEER, your,
                desiredTxMicros, requiredRxMicros, 0, Optional.empty());
    }

    private static ControlPacket peer(BfdState state, long your) {
        return peer(state, your, false, false, 100_000, 100_000);
    }

    /** Down -> Init -> Up by a peer's Down then Up; the bring-up Poll answered. */
    private BfdSession upSession(long nowNanos) {
        BfdSession s = session(FAST, nowNanos);
        s.receive(peer(DOWN, 0), nowNanos);
        s.receive(peer(UP, LOCAL), nowNanos);
        s.receive(peer(UP, LOCAL, false, true, 100_000, 100_000), nowNanos);
        assertThat(s.snapshot().sessionState()).isEqualTo(UP);
        assertThat(s.snapshot().pollInProgress()).isFalse();
        sent.clear();
        return s;
    }

    @Test
    void firstPacketIsDueAtOnceThenAtTheSlowJitteredRate() {
        BfdSession s = session(FAST, 1_000);
        long next = s.runTimers(1_000);
        assertThat(sent).singleElement().satisfies(p -> {
            assertThat(p.state()).isEqualTo(DOWN);
            assertThat(p.myDiscriminator()).isEqualTo(LOCAL);
            assertThat(p.yourDiscriminator()).isZero();
            assertThat(p.desiredMinTxMicros()).isEqualTo(1_000_000); // §6.8.3 floor while not Up
            assertThat(p.requiredMinRxMicros()).isEqualTo(100_000);
            assertThat(p.requiredMinEchoRxMicros()).isEqualTo(50_000);
            assertThat(p.detectMult()).isEqualTo(3);
            assertThat(p.poll() || p.fin() || p.demand() || p.multipoint()).isFalse();
        });
        assertThat(next - 1_000).isBetween(750 * MS, 1_000 * MS);
        for (int i = 0; i < 50; i++) {
            long now = next;
            assertThat(s.runTimers(now - 1)).isEqualTo(now); // nothing early
            next = s.runTimers(now);
            assertThat(next - now).isBetween(750 * MS, 1_000 * MS);
        }
        assertThat(sent).hasSize(51);
        assertThat(s.snapshot().packetsTransmitted()).isEqualTo(51);
    }

    @Test
    void downSessionWithoutPeerNeverExpires() {
        BfdSession s = session(FAST, 0);
        for (long t = 0; t < 100_000 * MS; t = s.runTimers(t)) {
            assertThat(s.snapshot().sessionState()).isEqualTo(DOWN);
        }
        assertThat(states).isEmpty();
    }

    @Test
    void passiveSessionIsSilentUntilThePeerSpeaks() {
        BfdSession s = session(new SessionParameters(100_000, 100_000, 3, 0, true), 0);
        long t = 0;
        for (int i = 0; i < 20; i++) {
            long next = s.runTimers(t);
            assertThat(next).isEqualTo(t + 1_000 * MS); // idle wake-up
            t = next;
        }
        assertThat(sent).isEmpty();
        s.receive(peer(DOWN, 0), t);
        assertThat(states).containsExactly(INIT);
        assertThat(sent).singleElement().satisfies(p -> assertThat(p.yourDiscriminator()).isEqualTo(PEER));
    }

    @Test
    void handshakeSendsAtOnceOnEachStateChangeAndPollsForTheFastRate() {
        BfdSession s = session(FAST, 0);
        s.runTimers(0);
        sent.clear();
        assertThat(s.receive(peer(DOWN, 0), 10 * MS)).isEqualTo(ReceiveResult.accepted(true));
        assertThat(sent).singleElement().satisfies(p -> {
            assertThat(p.state()).isEqualTo(INIT);
            assertThat(p.yourDiscriminator()).isEqualTo(PEER);
            assertThat(p.poll()).isFalse();
        });
        s.receive(peer(UP, LOCAL), 20 * MS);
        assertThat(states).containsExactly(INIT, UP);
        // Up: bfd.DesiredMinTxInterval drops from 1 s to 100 ms, which starts a Poll Sequence.
        assertThat(sent.getLast().state()).isEqualTo(UP);
        assertThat(sent.getLast().poll()).isTrue();
        assertThat(sent.getLast().desiredMinTxMicros()).isEqualTo(100_000);
        SessionSnapshot snap = s.snapshot();
        assertThat(snap.pollInProgress()).isTrue();
        assertThat(snap.txIntervalMicros()).isEqualTo(100_000); // a decrease applies at once
        assertThat(snap.lastStateChangeNanos()).isEqualTo(20 * MS);
        assertThat(snap.stateChanges()).isEqualTo(2);
        s.receive(peer(UP, LOCAL, false, true, 100_000, 100_000), 21 * MS);
        assertThat(s.snapshot().pollInProgress()).isFalse();
    }

    @Test
    void pollGetsAnImmediateFinalWithoutDisturbingThePeriodicTimer() {
        BfdSession s = upSession(0);
        long deadline = s.runTimers(1 * MS);
        sent.clear();
        ReceiveResult r = s.receive(peer(UP, LOCAL, true, false, 100_000, 100_000), 2 * MS);
        assertThat(r.stateChanged()).isFalse();
        assertThat(sent).singleElement().satisfies(p -> {
            assertThat(p.fin()).isTrue();
            assertThat(p.poll()).isFalse();
            assertThat(p.state()).isEqualTo(UP);
        });
        assertThat(s.runTimers(2 * MS)).isEqualTo(deadline);
    }

    /**
     * RFC 5880 §6.5: a Final answers every Poll "without respect to the transmission timer", but a
     * flood of Polls gets at most one Final per transmit interval (100 ms here), not one each.
     */
    @Test
    void aPollFloodGetsOneFinalPerTransmitIntervalAndTheLastPollIsStillAnswered() {
        BfdSession s = upSession(0);
        List<Long> finalTimes = new ArrayList<>();
        long lastPoll = 0;
        for (long t = MS; t <= 1000 * MS; t += MS) {
            s.receive(peer(UP, LOCAL, true, false, 100_000, 100_000), t);
            lastPoll = t;
            s.runTimers(t);
            recordFinals(finalTimes, t);
        }
        // The flood is over; the Final owed to the last Poll goes out within one interval.
        for (long t = lastPoll + MS; t <= lastPoll + 100 * MS; t += MS) {
            s.runTimers(t);
            recordFinals(finalTimes, t);
        }
        assertThat(finalTimes).hasSizeBetween(10, 11);
        assertThat(finalTimes.getFirst()).as("the first Poll is answered at once").isEqualTo(MS);
        for (int i = 1; i < finalTimes.size(); i++) {
            assertThat(finalTimes.get(i) - finalTimes.get(i - 1)).isGreaterThanOrEqualTo(100 * MS);
        }
        assertThat(finalTimes.getLast()).as("the last Poll got its Final").isGreaterThanOrEqualTo(lastPoll);
        assertThat(s.finalsDeferred()).isPositive();
    }

    /**
     * RFC 5880 §6.8.7: the Final rate limit may not space packets wider than the Desired Min TX
     * Interval we advertise (100 ms here), even when the peer's Required Min RX (500 ms) makes the
     * negotiated periodic interval larger.
     */
    @Test
    void finalRateLimitIsTheAdvertisedDesiredMinTxNotTheNegotiatedInterval() {
        BfdSession s = upSession(0);
        s.receive(peer(UP, LOCAL, false, false, 100_000, 500_000), MS);
        assertThat(s.snapshot().txIntervalMicros()).isEqualTo(500_000);
        List<Long> finalTimes = new ArrayList<>();
        s.receive(peer(UP, LOCAL, true, false, 100_000, 500_000), 2 * MS);
        recordFinals(finalTimes, 2 * MS);
        s.receive(peer(UP, LOCAL, true, false, 100_000, 500_000), 50 * MS);
        recordFinals(finalTimes, 50 * MS);
        assertThat(finalTimes).as("a second Poll within 100 ms waits").containsExactly(2 * MS);
        for (long t = 51 * MS; t <= 250 * MS; t += MS) {
            s.runTimers(t);
            recordFinals(finalTimes, t);
        }
        assertThat(finalTimes).as("the owed Final goes out one advertised interval after the first")
                .containsExactly(2 * MS, 102 * MS);
        assertThat(s.snapshot().sessionState()).isEqualTo(UP);
        assertThat(s.snapshot().desiredMinTxMicros()).isEqualTo(100_000);
    }

    private void recordFinals(List<Long> finalTimes, long t) {
        for (ControlPacket p : sent) {
            if (p.fin()) {
                finalTimes.add(t);
            }
        }
        sent.clear();
    }

    @Test
    void finalWhileOwnPollIsPendingStillClearsP() {
        BfdSession s = upSession(0);
        s.changeParameters(200_000, 100_000, 3, 0);
        assertThat(s.buildPacket(false).poll()).isTrue();
        ControlPacket reply = s.buildPacket(true);
        assertThat(reply.fin()).isTrue();
        assertThat(reply.poll()).as("P and F never together (§6.5)").isFalse();
    }

    @Test
    void everyDiscardIsCountedWithItsReason() {
        BfdSession s = upSession(0);
        ControlPacket good = peer(UP, LOCAL);
        List<ControlPacket> bad = List.of(
                new ControlPacket(2, Diagnostic.NONE, UP, false, false, false, false, false, 3, PEER, LOCAL,
                        100_000, 100_000, 0, Optional.empty()),
                new ControlPacket(1, Diagnostic.NONE, UP, false, false, false, false, false, 0, PEER, LOCAL,
                        100_000, 100_000, 0, Optional.empty()),
                new ControlPacket(1, Diagnostic.NONE, UP, false, false, false, false, true, 3, PEER, LOCAL,
                        100_000, 100_000, 0, Optional.empty()),
                new ControlPacket(1, Diagnostic.NONE, UP, false, false, false, false, false, 3, 0, LOCAL,
                        100_000, 100_000, 0, Optional.empty()),
                peer(UP, 0),
                peer(UP, LOCAL + 1));
        List<BfdDropReason> reasons = bad.stream().map(p -> s.receive(p, MS).drop().orElseThrow()).toList();
        assertThat(reasons).containsExactly(BfdDropReason.BAD_VERSION, BfdDropReason.ZERO_DETECT_MULT,
                BfdDropReason.MULTIPOINT, BfdDropReason.ZERO_MY_DISCRIMINATOR,
                BfdDropReason.ZERO_YOUR_DISCRIMINATOR_NOT_DOWN, BfdDropReason.UNKNOWN_DISCRIMINATOR);
        assertThat(s.snapshot().packetsDropped()).isEqualTo(6);
        assertThat(s.receive(good, MS).outcome()).isEqualTo(ReceiveResult.Outcome.ACCEPTED);
        assertThat(s.snapshot().packetsReceived()).isEqualTo(3 + 6 + 1);
        assertThat(sent).isEmpty();
    }

    @Test
    void detectionExpiresExactlyOneDetectionTimeAfterTheLastPacket() {
        BfdSession s = upSession(0);
        s.receive(peer(UP, LOCAL), 50 * MS);
        assertThat(s.snapshot().detectionTimeMicros()).isEqualTo(300_000);
        s.runTimers(350 * MS - 1);
        assertThat(s.snapshot().sessionState()).isEqualTo(UP);
        assertThat(s.runTimers(350 * MS - 1)).isEqualTo(350 * MS); // the detection deadline comes first
        sent.clear();
        s.runTimers(350 * MS);
        SessionSnapshot snap = s.snapshot();
        assertThat(snap.sessionState()).isEqualTo(DOWN);
        assertThat(snap.localDiag()).isEqualTo(Diagnostic.CONTROL_DETECTION_TIME_EXPIRED);
        assertThat(snap.remoteDiscr()).isZero();
        assertThat(snap.remoteMinRxMicros()).isEqualTo(1);
        assertThat(sent).singleElement().satisfies(p -> {
            assertThat(p.state()).isEqualTo(DOWN);
            assertThat(p.diagnostic()).isEqualTo(Diagnostic.CONTROL_DETECTION_TIME_EXPIRED);
            assertThat(p.yourDiscriminator()).isZero();
        });
    }

    @Test
    void remoteDiscriminatorIsForgottenAfterADetectionTimeEvenWhenDown() {
        BfdSession s = session(FAST, 0);
        s.receive(peer(ADMIN_DOWN, 0), 0); // Down + AdminDown: no change, but the peer is learned
        assertThat(states).isEmpty();
        assertThat(s.snapshot().remoteDiscr()).isEqualTo(PEER);
        assertThat(s.snapshot().detectionTimeMicros()).isEqualTo(300_000);
        s.runTimers(300 * MS - 1);
        assertThat(s.snapshot().remoteDiscr()).isEqualTo(PEER);
        s.runTimers(300 * MS);
        assertThat(s.snapshot().remoteDiscr()).isZero();
        assertThat(states).isEmpty();
    }

    @Test
    void adminDownDiscardsPacketsButLearnsThePeer() {
        BfdSession s = upSession(0);
        s.adminDown(MS);
        assertThat(states).endsWith(ADMIN_DOWN);
        assertThat(sent).singleElement().satisfies(p -> {
            assertThat(p.state()).isEqualTo(ADMIN_DOWN);
            assertThat(p.diagnostic()).isEqualTo(Diagnostic.ADMINISTRATIVELY_DOWN);
            assertThat(p.desiredMinTxMicros()).isEqualTo(1_000_000);
        });
        ReceiveResult r = s.receive(peer(DOWN, LOCAL, true, false, 1_000_000, 200_000), 2 * MS);
        assertThat(r).isEqualTo(ReceiveResult.discardedAdminDown());
        assertThat(sent).hasSize(1); // no Final from a discarded packet
        SessionSnapshot snap = s.snapshot();
        assertThat(snap.sessionState()).isEqualTo(ADMIN_DOWN);
        assertThat(snap.remoteSessionState()).isEqualTo(DOWN);
        assertThat(snap.remoteMinRxMicros()).isEqualTo(200_000);
        assertThat(snap.packetsDiscardedAdminDown()).isEqualTo(1);
        assertThat(snap.detectionTimeMicros()).isEqualTo(3_000_000);
        s.shutdownPackets();
        long t = 2 * MS;
        for (int i = 0; i < 20; i++) {
            t = s.runTimers(t);
        }
        assertThat(sent).hasSize(1);
        s.adminUp(t);
        assertThat(states).endsWith(ADMIN_DOWN, DOWN);
        assertThat(s.snapshot().localDiag()).isEqualTo(Diagnostic.ADMINISTRATIVELY_DOWN);
        assertThat(sent.getLast().state()).isEqualTo(DOWN);
    }

    @Test
    void shutdownPacketsOutsideAdminDownIsRefused() {
        BfdSession s = session(FAST, 0);
        assertThatThrownBy(s::shutdownPackets).isInstanceOf(IllegalStateException.class)
                .hasMessage("session is Down (expected: AdminDown)");
    }

    @Test
    void timerChangeWaitsForTheFinalAndSurvivesALostFinal() {
        BfdSession s = upSession(0);
        // Peer sends every 20 ms, so our Required Min RX sets the Detection Time.
        s.receive(peer(UP, LOCAL, false, false, 20_000, 100_000), MS);
        assertThat(s.snapshot().detectionTimeMicros()).isEqualTo(300_000);
        s.changeParameters(300_000, 50_000, 2, MS);
        for (int i = 0; i < 5; i++) {
            s.receive(peer(UP, LOCAL, false, false, 20_000, 100_000), (2 + i) * MS);
            SessionSnapshot snap = s.snapshot();
            assertThat(snap.pollInProgress()).isTrue();
            assertThat(snap.txIntervalMicros()).isEqualTo(100_000);
            assertThat(snap.detectionTimeMicros()).isEqualTo(300_000);
            assertThat(snap.detectMult()).isEqualTo(2);
        }
        s.receive(peer(UP, LOCAL, false, true, 20_000, 100_000), 10 * MS);
        SessionSnapshot snap = s.snapshot();
        assertThat(snap.pollInProgress()).isFalse();
        assertThat(snap.txIntervalMicros()).isEqualTo(300_000);
        assertThat(snap.detectionTimeMicros()).isEqualTo(150_000);
        assertThat(states).containsExactly(INIT, UP);
    }

    @Test
    void timerChangeWhileDownAppliesAtOnceWithoutPoll() {
        BfdSession s = session(FAST, 0);
        s.changeParameters(2_000_000, 500_000, 5, 0);
        SessionSnapshot snap = s.snapshot();
        assertThat(snap.pollInProgress()).isFalse();
        assertThat(snap.desiredMinTxMicros()).isEqualTo(2_000_000);
        assertThat(snap.txIntervalMicros()).isEqualTo(2_000_000);
        assertThat(snap.requiredMinRxMicros()).isEqualTo(500_000);
        assertThat(snap.detectMult()).isEqualTo(5);
        assertThatThrownBy(() -> s.changeParameters(0, 1, 1, 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("desiredMinTxMicros 0 (expected: 1..4294967295)");
    }

    @Test
    void remoteMinRxZeroStopsPeriodicPacketsButNotFinals() {
        BfdSession s = upSession(0);
        s.receive(peer(UP, LOCAL, false, false, 100_000, 0), MS);
        assertThat(s.snapshot().txIntervalMicros()).isZero();
        for (long t = MS; t < 250 * MS; t += 10 * MS) {
            s.runTimers(t);
        }
        assertThat(sent).isEmpty();
        s.receive(peer(UP, LOCAL, true, false, 100_000, 0), 250 * MS);
        assertThat(sent).singleElement().satisfies(p -> assertThat(p.fin()).isTrue());
    }

    @Test
    void remoteDemandModeStopsPeriodicPacketsWhileBothAreUp() {
        BfdSession s = upSession(0);
        ControlPacket demand = new ControlPacket(1, Diagnostic.NONE, UP, false, false, false, true, false, 3, PEER,
                LOCAL, 100_000, 100_000, 0, Optional.empty());
        s.receive(demand, MS);
        assertThat(s.snapshot().remoteDemandMode()).isTrue();
        assertThat(s.snapshot().demandMode()).isFalse();
        long t = 2 * MS;
        s.runTimers(t);
        assertThat(s.snapshot().txIntervalMicros()).isZero();
        // A Poll Sequence must still be sent in Demand mode (§6.5, §6.8.7).
        s.changeParameters(200_000, 100_000, 3, t);
        assertThat(s.snapshot().txIntervalMicros()).isEqualTo(100_000);
        long due = s.runTimers(t);
        s.runTimers(due);
        assertThat(sent).singleElement().satisfies(p -> assertThat(p.poll()).isTrue());
    }

    @Test
    void echoIsPermittedOnlyWhenThePeerAdvertisesAnEchoInterval() {
        BfdSession s = session(FAST, 0);
        s.receive(new ControlPacket(1, Diagnostic.NONE, DOWN, false, false, false, false, false, 3, PEER, 0,
                1_000_000, 100_000, 20_000, Optional.empty()), 0);
        assertThat(s.snapshot().echoPermitted()).isTrue();
        assertThat(s.snapshot().remoteMinEchoRxMicros()).isEqualTo(20_000);
        s.receive(peer(INIT, LOCAL), MS);
        assertThat(s.snapshot().echoPermitted()).isFalse();
    }

    @Test
    void monotonicClockMayWrap() {
        long start = Long.MAX_VALUE - 100 * MS;
        BfdSession s = upSession(start);
        s.receive(peer(UP, LOCAL), start);
        long t = start;
        for (int i = 0; i < 10 && s.snapshot().sessionState() == UP; i++) {
            t = s.runTimers(t);
        }
        assertThat(s.snapshot().sessionState()).isEqualTo(DOWN);
        assertThat(s.snapshot().lastStateChangeNanos()).isEqualTo(start + 300 * MS);
    }

    @Test
    void parametersAreValidated() {
        assertThatThrownBy(() -> new SessionParameters(100_000, 100_000, 0, 0, false))
                .hasMessage("detectMult 0 (expected: 1..255)");
        assertThatThrownBy(() -> new SessionParameters(100_000, -1, 3, 0, false))
                .hasMessage("requiredMinRxMicros -1 (expected: 0..4294967295)");
        assertThatThrownBy(() -> new BfdSession(FAST, 0, new Random(), listener, 0))
                .hasMessage("localDiscriminator 0 (expected: 1..4294967295)");
    }
}
