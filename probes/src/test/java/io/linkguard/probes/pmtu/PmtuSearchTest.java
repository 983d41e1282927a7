package io.linkguard.probes.pmtu;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class PmtuSearchTest {
    private final SimulatedPath path = new SimulatedPath();

    @Test
    void ptbFromTheBottleneckConvergesInThreeProbes() {
        PmtuResult r = path.run(SimulatedPath.v4(50));

        assertThat(r.pathMtu()).isEqualTo(1400);
        assertThat(r.converged()).isTrue();
        assertThat(r.ptbSeen()).isTrue();
        assertThat(r.ptbMtu()).hasValue(1400);
        assertThat(r.blackHole()).isFalse();
        // BASE, then the interface MTU (the local stack refused 65535 and named 1500), then the PTB's MTU.
        assertThat(path.sent).containsExactly(1200, 1500, 1400);
        assertThat(r.probes()).isEqualTo(3);
    }

    @Test
    void filteredPtbStillFindsTheBottleneckAndFlagsTheBlackHole() {
        path.router = SimulatedPath.Router.NO_PTB;

        PmtuResult r = path.run(SimulatedPath.v4(50));

        assertThat(r.pathMtu()).isEqualTo(1400);
        assertThat(r.converged()).isTrue();
        assertThat(r.ptbSeen()).isFalse();
        assertThat(r.blackHole()).isTrue();
        assertThat(r.blackHoleAbove()).hasValue(1401);
        // The answer rests on MAX_PROBES lost tries of 1401; larger sizes were given up after one.
        assertThat(path.sent).filteredOn(s -> s == 1401).hasSize(3);
        assertThat(path.sent).filteredOn(s -> s > 1401).doesNotHaveDuplicates().isNotEmpty();
        assertThat(r.probes()).isEqualTo(path.sent.size()).isLessThanOrEqualTo(20);
    }

    @Test
    void isolatedLossOfSmallProbesIsRetriedNotTakenForASizeLimit() {
        path.router = SimulatedPath.Router.NO_PTB;
        path.loss = (size, attempt) -> size <= 1400 && attempt <= 2; // two of three tries lost

        PmtuResult r = path.run(SimulatedPath.v4(80));

        assertThat(r.pathMtu()).isEqualTo(1400);
        assertThat(r.blackHoleAbove()).hasValue(1401);
    }

    @Test
    void aLateReplyOutranksTheLossRecordedBeforeIt() {
        PmtuSearch s = SimulatedPath.v4(50);
        s.next();
        s.onSent(1200);
        s.onConfirmed(1200);
        int probed = s.next().getAsInt(); // MAX_PLPMTU, unknown interface: 65535
        s.onSent(probed);
        s.onTimeout(probed);
        int lower = s.next().getAsInt();
        assertThat(lower).isLessThan(probed); // searching below the suspect size now

        s.onConfirmed(probed); // the reply to the first try, only late

        assertThat(s.plpmtu()).isEqualTo(probed);
        assertThat(s.next()).isEmpty();
        assertThat(s.result(SimulatedPath.PEER, java.time.Duration.ZERO).converged()).isTrue();
    }

    @Test
    void aSizeLostOnceWhileSearchingIsTriedAgainOnlyIfItBoundsTheAnswer() {
        path.router = SimulatedPath.Router.NO_PTB;
        path.loss = (size, attempt) -> size == 1350 && attempt == 1; // the first halving step loses its probe

        PmtuResult r = path.run(SimulatedPath.v4(50));

        assertThat(r.pathMtu()).isEqualTo(1400);
        assertThat(r.blackHoleAbove()).hasValue(1401);
        assertThat(path.sent).filteredOn(s -> s == 1350).hasSize(2); // it bounded a range once, then passed
    }

    @Test
    void ptbReportingAnMtuAtOrAboveTheProbeIsIgnored() {
        path.router = SimulatedPath.Router.PTB_MTU_TOO_BIG;
        PmtuSearch s = SimulatedPath.v4(50);

        PmtuResult r = path.run(s);

        assertThat(r.pathMtu()).isEqualTo(1400);
        assertThat(r.ptbSeen()).isFalse();
        assertThat(s.ignoredPtbs()).isPositive();
        // Something answered each oversized probe, so nothing vanished: not a black hole.
        assertThat(r.blackHole()).isFalse();
    }

    @Test
    void ptbReportingLessThanTheMinimumIsIgnored() {
        path.router = SimulatedPath.Router.PTB_MTU_TOO_SMALL;
        PmtuSearch s = SimulatedPath.v4(50);

        PmtuResult r = path.run(s);

        assertThat(r.pathMtu()).isEqualTo(1400);
        assertThat(r.ptbSeen()).isFalse();
        assertThat(s.ignoredPtbs()).isPositive();
    }

    @Test
    void ptbBelowASizeAlreadyConfirmedIsIgnored() {
        PmtuSearch s = SimulatedPath.v4(50);
        s.next();
        s.onSent(1200);
        s.onConfirmed(1200);

        boolean used = s.onPtb(s.next().getAsInt(), 1000);

        assertThat(used).isFalse();
        assertThat(s.plpmtu()).isEqualTo(1200);
        assertThat(s.ignoredPtbs()).isEqualTo(1);
    }

    @Test
    void ptbWithoutAnMtuFailsTheSizeAtOnceAndTheSearchHalvesToTheEdge() {
        path.router = SimulatedPath.Router.PTB_WITHOUT_MTU; // a router older than RFC 1191

        PmtuResult r = path.run(SimulatedPath.v4(50));

        assertThat(r.pathMtu()).isEqualTo(1400);
        assertThat(r.converged()).isTrue();
        assertThat(r.ptbSeen()).isTrue();
        assertThat(r.ptbMtu()).isEmpty();
        assertThat(r.blackHole()).isFalse();
        assertThat(path.sent).filteredOn(s -> s > 1400).doesNotHaveDuplicates();
    }

    @Test
    void theProbeCapIsNeverExceeded() {
        path.router = SimulatedPath.Router.NO_PTB;

        PmtuResult r = path.run(SimulatedPath.v4(7));

        assertThat(r.probes()).isEqualTo(7);
        assertThat(path.sent).hasSize(7);
        assertThat(r.converged()).isFalse();
        assertThat(r.error()).hasValueSatisfying(e -> assertThat(e).contains("probe cap of 7"));
        assertThat(r.pathMtu()).isBetween(1200, 1400); // a confirmed lower bound, never more than the path carries
    }

    @Test
    void aBottleneckBelowBaseIsFoundFromTheMinimum() {
        path.bottleneck = 1000;
        path.router = SimulatedPath.Router.NO_PTB;

        PmtuResult r = path.run(SimulatedPath.v4(50));

        assertThat(path.sent).startsWith(1200, 1200, 1200, 68); // BASE vanished: RFC 8899 ERROR, probe MIN_PLPMTU
        assertThat(r.pathMtu()).isEqualTo(1000);
        assertThat(r.blackHoleAbove()).hasValue(1001);
    }

    @Test
    void aPeerThatNeverAnswersEndsAfterBaseAndMinimum() {
        path.loss = (size, attempt) -> true;

        PmtuResult r = path.run(SimulatedPath.v4(50));

        assertThat(path.sent).containsExactly(1200, 1200, 1200, 68, 68, 68);
        assertThat(r.pathMtu()).isZero();
        assertThat(r.blackHole()).isFalse();
        assertThat(r.error()).hasValueSatisfying(e -> assertThat(e).startsWith("no reply from the peer"));
    }

    @Test
    void ipv6StartsAtTheMinimumOf1280() {
        path.bottleneck = 1280;
        path.router = SimulatedPath.Router.NO_PTB;

        PmtuResult r = path.run(new PmtuSearch(1280, 1280, PmtuSettings.MAX_MTU, 3, 50));

        assertThat(path.sent.getFirst()).isEqualTo(1280);
        assertThat(r.pathMtu()).isEqualTo(1280);
        assertThat(r.blackHoleAbove()).hasValue(1281);
    }

    @Test
    void theLocalInterfaceMtuBoundsTheSearchWithoutBeingCalledAPtb() {
        path.interfaceMtu = 1380;
        path.bottleneck = 9000;

        PmtuResult r = path.run(SimulatedPath.v4(50));

        assertThat(r.pathMtu()).isEqualTo(1380);
        assertThat(r.ptbSeen()).isFalse();
        assertThat(path.sent).containsExactly(1200, 1380);
    }

    @Test
    void aConfiguredMaximumIsNeverExceeded() {
        path.bottleneck = 9000;

        PmtuResult r = path.run(new PmtuSearch(68, 1200, 1300, 3, 50));

        assertThat(r.pathMtu()).isEqualTo(1300);
        assertThat(path.sent).allSatisfy(s -> assertThat(s).isLessThanOrEqualTo(1300));
    }

    @Test
    void randomPathsNeverGetMoreThanTheyCarryNorMoreProbesThanTheCap() {
        Random random = new Random(8899);
        for (int i = 0; i < 2000; i++) {
            SimulatedPath p = new SimulatedPath();
            p.interfaceMtu = 576 + random.nextInt(9000 - 576);
            p.bottleneck = 68 + random.nextInt(9000);
            p.router = SimulatedPath.Router.values()[random.nextInt(SimulatedPath.Router.values().length)];
            double lossRate = random.nextInt(4) == 0 ? 0.2 * random.nextDouble() : 0;
            long seed = random.nextLong();
            Random lossRandom = new Random(seed);
            p.loss = (size, attempt) -> lossRandom.nextDouble() < lossRate;
            int cap = 10 + random.nextInt(60);

            PmtuResult r = p.run(SimulatedPath.v4(cap));

            String what = "interface " + p.interfaceMtu + ", bottleneck " + p.bottleneck + ", " + p.router
                    + ", loss " + lossRate + ", cap " + cap + ": " + r;
            int truth = Math.min(p.interfaceMtu, p.bottleneck);
            assertThat(r.probes()).as(what).isLessThanOrEqualTo(cap);
            assertThat(r.pathMtu()).as(what).isLessThanOrEqualTo(truth);
            if (lossRate == 0 && r.error().isEmpty()) {
                assertThat(r.pathMtu()).as(what).isEqualTo(truth);
            }
            if (lossRate == 0 && cap >= 50) {
                assertThat(r.converged()).as(what).isTrue();
            }
        }
    }
}
