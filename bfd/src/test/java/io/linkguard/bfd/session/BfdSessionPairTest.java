package io.linkguard.bfd.session;

import io.linkguard.bfd.packet.Diagnostic;
import io.linkguard.bfd.session.SimulatedLink.Change;
import io.linkguard.bfd.session.SimulatedLink.End;
import io.linkguard.bfd.session.SimulatedLink.Sent;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.linkguard.bfd.packet.BfdState.ADMIN_DOWN;
import static io.linkguard.bfd.packet.BfdState.DOWN;
import static io.linkguard.bfd.packet.BfdState.INIT;
import static io.linkguard.bfd.packet.BfdState.UP;
import static io.linkguard.bfd.session.SimulatedLink.MS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/** Two sessions wired back to back through a simulated link with 1 ms one-way delay. */
class BfdSessionPairTest {
    private static final SessionParameters FAST = new SessionParameters(100_000, 100_000, 3, 0, false);
    private static final long T0 = 5_000 * MS;

    private SimulatedLink link;

    @BeforeEach
    void setUp() {
        link = new SimulatedLink(T0, MS);
    }

    private void startBoth(SessionParameters a, SessionParameters b) {
        link.a.start(a, 0x1111, 1);
        link.b.start(b, 0x2222, 2);
    }

    private void bringUp() {
        startBoth(FAST, FAST);
        link.runUntil(T0 + 3_000 * MS);
        assertThat(link.a.snapshot().sessionState()).isEqualTo(UP);
        assertThat(link.b.snapshot().sessionState()).isEqualTo(UP);
    }

    @Test
    void sessionsStartedTogetherGoDownInitUpOnBothSides() {
        startBoth(FAST, FAST);
        link.runUntil(T0 + 3_000 * MS);
        for (End e : List.of(link.a, link.b)) {
            assertThat(e.changes).extracting(Change::from, Change::to)
                    .containsExactly(tuple(DOWN, INIT), tuple(INIT, UP));
            // Both Down packets cross at once: Init after one delay, Up after two.
            assertThat(e.changes.get(0).atNanos()).isEqualTo(T0 + MS);
            assertThat(e.changes.get(1).atNanos()).isEqualTo(T0 + 2 * MS);
            SessionSnapshot s = e.snapshot();
            assertThat(s.localDiag()).isEqualTo(Diagnostic.NONE);
            assertThat(s.remoteSessionState()).isEqualTo(UP);
            // The Poll Sequence that moved from the 1 s rate to 100 ms has completed.
            assertThat(s.pollInProgress()).isFalse();
            assertThat(s.desiredMinTxMicros()).isEqualTo(100_000);
            assertThat(s.txIntervalMicros()).isEqualTo(100_000);
            assertThat(s.detectionTimeMicros()).isEqualTo(300_000);
            assertThat(s.echoPermitted()).isFalse();
        }
        assertThat(link.a.snapshot().remoteDiscr()).isEqualTo(0x2222);
        assertThat(link.b.snapshot().remoteDiscr()).isEqualTo(0x1111);
    }

    @Test
    void aLaterSessionCompletesTheThreeWayHandshake() {
        link.a.start(FAST, 0x1111, 1);
        link.runUntil(T0 + 500 * MS);
        link.b.start(FAST, 0x2222, 2);
        link.runUntil(T0 + 3_000 * MS);
        assertThat(link.a.changes).extracting(Change::to).containsExactly(INIT, UP);
        assertThat(link.b.changes).extracting(Change::to).containsExactly(UP);
    }

    @Test
    void staysUpForManyDetectionTimesAtTheJitteredRate() {
        bringUp();
        long from = link.now();
        link.runUntil(from + 60_000 * MS);
        for (End e : List.of(link.a, link.b)) {
            assertThat(e.changesBetween(from, link.now())).isEmpty();
            List<Sent> sent = e.sentBetween(from, link.now());
            assertThat(sent).hasSizeBetween(600, 800);
            for (int i = 1; i < sent.size(); i++) {
                long gap = sent.get(i).atNanos() - sent.get(i - 1).atNanos();
                assertThat(gap).isBetween(75 * MS, 100 * MS);
            }
            // Nothing dropped, nothing lost: every packet the peer sent has arrived, bar those in flight.
            assertThat(e.snapshot().packetsTransmitted()).isEqualTo(e.sent.size());
            assertThat(e.snapshot().packetsReceived()).isEqualTo(e.peer.sent.size() - inFlight(e.peer));
            assertThat(e.snapshot().packetsDropped()).isZero();
        }
    }

    /** Packets the peer sent that are still on the wire (sent within the last delay). */
    private long inFlight(End sender) {
        return sender.sent.stream().filter(s -> s.atNanos() > link.now() - MS).count();
    }

    @Test
    void cutLinkTakesBothSidesDownWithDiag1AtTheDetectionTime() {
        bringUp();
        link.runUntil(link.now() + 10_000 * MS);
        long cutAt = link.now();
        link.cut(true, true);
        link.runUntil(cutAt + 2_000 * MS);
        for (End e : List.of(link.a, link.b)) {
            List<Change> changes = e.changesBetween(cutAt, link.now());
            assertThat(changes).hasSize(1);
            Change down = changes.get(0);
            assertThat(down.from()).isEqualTo(UP);
            assertThat(down.to()).isEqualTo(DOWN);
            assertThat(down.diag()).isEqualTo(Diagnostic.CONTROL_DETECTION_TIME_EXPIRED);
            // Exactly one Detection Time (3 x 100 ms) after the last packet received...
            assertThat(down.atNanos()).isEqualTo(e.lastReceivedNanos + 300 * MS);
            // ...which is within one transmit interval of cut + Detection Time.
            assertThat(down.atNanos() - cutAt).isBetween(200 * MS, 301 * MS);
            SessionSnapshot s = e.snapshot();
            assertThat(s.localDiag()).isEqualTo(Diagnostic.CONTROL_DETECTION_TIME_EXPIRED);
            assertThat(s.remoteDiscr()).isZero();
            assertThat(s.detectionTimeMicros()).isZero();
            assertThat(s.txIntervalMicros()).isEqualTo(1_000_000);
            assertThat(s.desiredMinTxMicros()).isEqualTo(1_000_000);
            // Down packets now go out at the slow rate, without the lost peer's discriminator.
            List<Sent> after = e.sentBetween(down.atNanos() + 1, link.now());
            assertThat(after).isNotEmpty().allSatisfy(p -> {
                assertThat(p.packet().state()).isEqualTo(DOWN);
                assertThat(p.packet().yourDiscriminator()).isZero();
            });
        }

        long healAt = link.now();
        link.cut(false, false);
        link.runUntil(healAt + 3_000 * MS);
        for (End e : List.of(link.a, link.b)) {
            assertThat(e.snapshot().sessionState()).isEqualTo(UP);
            assertThat(e.snapshot().localDiag()).isEqualTo(Diagnostic.NONE);
            assertThat(e.snapshot().detectionTimeMicros()).isEqualTo(300_000);
        }
        long upAt = link.now();
        link.runUntil(upAt + 30_000 * MS);
        assertThat(link.a.changesBetween(upAt, link.now())).isEmpty();
        assertThat(link.b.changesBetween(upAt, link.now())).isEmpty();
    }

    @Test
    void oneWayLossTakesOnlyTheReceiverDownThenTheOtherFollows() {
        bringUp();
        long cutAt = link.now();
        link.cut(true, false); // a -> b lost
        link.runUntil(cutAt + 400 * MS);
        // b times out; its Down packet (diag 1) reaches a, which goes Down with diag 3.
        assertThat(link.b.changesBetween(cutAt, link.now())).extracting(Change::diag)
                .containsExactly(Diagnostic.CONTROL_DETECTION_TIME_EXPIRED);
        Change bDown = link.b.changesBetween(cutAt, link.now()).get(0);
        assertThat(link.a.changesBetween(cutAt, link.now())).singleElement().satisfies(c -> {
            assertThat(c.to()).isEqualTo(DOWN);
            assertThat(c.diag()).isEqualTo(Diagnostic.NEIGHBOR_SIGNALED_SESSION_DOWN);
            assertThat(c.atNanos()).isEqualTo(bDown.atNanos() + MS);
        });
        assertThat(link.a.snapshot().remoteDiag()).isEqualTo(Diagnostic.CONTROL_DETECTION_TIME_EXPIRED);
    }

    @Test
    void adminDownTakesThePeerDownWithDiag3AndStaysDownUntilAdminUp() {
        bringUp();
        long t = link.now();
        link.a.act(s -> s.adminDown(link.now()));
        assertThat(link.a.changes.getLast()).isEqualTo(new Change(t, UP, ADMIN_DOWN,
                Diagnostic.ADMINISTRATIVELY_DOWN));
        assertThat(link.a.sent.getLast().atNanos()).isEqualTo(t);
        assertThat(link.a.sent.getLast().packet().state()).isEqualTo(ADMIN_DOWN);
        link.runUntil(t + 10_000 * MS);
        assertThat(link.b.changesBetween(t, link.now()))
                .containsExactly(new Change(t + MS, UP, DOWN, Diagnostic.NEIGHBOR_SIGNALED_SESSION_DOWN));
        assertThat(link.a.changesBetween(t + 1, link.now())).isEmpty();
        SessionSnapshot a = link.a.snapshot();
        assertThat(a.sessionState()).isEqualTo(ADMIN_DOWN);
        assertThat(a.localDiag()).isEqualTo(Diagnostic.ADMINISTRATIVELY_DOWN);
        assertThat(a.packetsDiscardedAdminDown()).isGreaterThan(5);
        // AdminDown packets continue at the slow (1 s, jittered) rate.
        List<Sent> adminDownPackets = link.a.sentBetween(t, link.now());
        assertThat(adminDownPackets).hasSizeBetween(10, 15).allSatisfy(p -> {
            assertThat(p.packet().state()).isEqualTo(ADMIN_DOWN);
            assertThat(p.packet().diagnostic()).isEqualTo(Diagnostic.ADMINISTRATIVELY_DOWN);
        });
        assertThat(link.b.snapshot().remoteSessionState()).isEqualTo(ADMIN_DOWN);

        long shutAt = link.now();
        link.a.act(BfdSession::shutdownPackets);
        link.runUntil(shutAt + 10_000 * MS);
        assertThat(link.a.sentBetween(shutAt, link.now())).isEmpty();
        assertThat(link.b.snapshot().sessionState()).isEqualTo(DOWN);
        assertThat(link.b.snapshot().remoteDiscr()).as("forgotten after a silent Detection Time").isZero();

        long upAt = link.now();
        link.a.act(s -> s.adminUp(link.now()));
        link.runUntil(upAt + 3_000 * MS);
        assertThat(link.a.snapshot().sessionState()).isEqualTo(UP);
        assertThat(link.b.snapshot().sessionState()).isEqualTo(UP);
        assertThat(link.a.changesBetween(upAt, link.now())).extracting(Change::to).startsWith(DOWN).endsWith(UP);
    }

    @Test
    void timerChangeWhileUpRunsAPollSequenceAndAppliesOnlyAfterFinal() {
        // b would send every 20 ms; a's 100 ms Required Min RX holds it to 100 ms.
        startBoth(FAST, new SessionParameters(20_000, 100_000, 3, 0, false));
        link.runUntil(T0 + 3_000 * MS);
        SessionSnapshot before = link.a.snapshot();
        assertThat(before.sessionState()).isEqualTo(UP);
        assertThat(before.txIntervalMicros()).isEqualTo(100_000);
        assertThat(before.detectionTimeMicros()).isEqualTo(300_000);
        assertThat(link.b.snapshot().txIntervalMicros()).isEqualTo(100_000);
        long changes = before.stateChanges() + link.b.snapshot().stateChanges();

        // Slower tx (an increase), faster rx (a decrease): both must wait for the Final.
        long t = link.now();
        link.a.act(s -> s.changeParameters(300_000, 50_000, 3, link.now()));
        SessionSnapshot polling = link.a.snapshot();
        assertThat(polling.pollInProgress()).isTrue();
        assertThat(polling.desiredMinTxMicros()).isEqualTo(300_000);
        assertThat(polling.requiredMinRxMicros()).isEqualTo(50_000);
        assertThat(polling.txIntervalMicros()).isEqualTo(100_000);
        assertThat(polling.detectionTimeMicros()).isEqualTo(300_000);
        assertThat(link.a.sentBetween(t, t + 1)).as("the Poll rides on the periodic packets").isEmpty();

        link.runUntil(t + 1_000 * MS);
        Sent poll = link.a.sentBetween(t, link.now()).getFirst();
        assertThat(poll.packet().poll()).isTrue();
        assertThat(poll.packet().fin()).isFalse();
        assertThat(poll.atNanos() - t).isBetween(0L, 100 * MS);
        // b answers at once, not on its periodic timer.
        Sent fin = link.b.sentBetween(poll.atNanos(), link.now()).getFirst();
        assertThat(fin.atNanos()).isEqualTo(poll.atNanos() + MS);
        assertThat(fin.packet().fin()).isTrue();
        assertThat(fin.packet().poll()).isFalse();
        // One Poll was enough; later packets are plain.
        assertThat(link.a.sentBetween(poll.atNanos() + 1, link.now()))
                .allSatisfy(p -> assertThat(p.packet().poll()).isFalse());

        SessionSnapshot after = link.a.snapshot();
        assertThat(after.pollInProgress()).isFalse();
        assertThat(after.txIntervalMicros()).isEqualTo(300_000);
        assertThat(after.detectionTimeMicros()).isEqualTo(150_000); // 3 x max(50 ms, b's 20 ms)
        assertThat(link.b.snapshot().txIntervalMicros()).isEqualTo(50_000);
        assertThat(link.b.snapshot().detectionTimeMicros()).isEqualTo(900_000); // 3 x max(100, 300)
        assertThat(after.stateChanges() + link.b.snapshot().stateChanges()).isEqualTo(changes);

        // After the Final (poll + 2 ms) a's gaps are 225..300 ms.
        long finalAt = poll.atNanos() + 2 * MS;
        List<Sent> aSent = link.a.sentBetween(finalAt, link.now());
        for (int i = 1; i < aSent.size(); i++) {
            assertThat(aSent.get(i).atNanos() - aSent.get(i - 1).atNanos()).isBetween(225 * MS, 300 * MS);
        }
        assertThat(aSent.getFirst().atNanos() - poll.atNanos()).isBetween(225 * MS, 300 * MS);
        link.runUntil(link.now() + 20_000 * MS);
        assertThat(link.a.snapshot().sessionState()).isEqualTo(UP);
        assertThat(link.b.snapshot().sessionState()).isEqualTo(UP);
    }
}
