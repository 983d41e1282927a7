package io.linkguard.probes.pmtu;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

class PmtuMonitorTest {
    /** A prober over a simulated path whose bottleneck the test changes while the monitor runs. */
    static final class FakeProber implements MtuProber {
        volatile int bottleneck = 1400;
        volatile boolean ptb = true;
        volatile boolean down;
        final AtomicInteger searches = new AtomicInteger();
        final AtomicInteger largeChecks = new AtomicInteger();

        @Override
        public PmtuResult search() {
            searches.incrementAndGet();
            SimulatedPath p = new SimulatedPath();
            p.bottleneck = bottleneck;
            p.router = ptb ? SimulatedPath.Router.PTB : SimulatedPath.Router.NO_PTB;
            boolean lost = down;
            p.loss = (size, attempt) -> lost;
            return p.run(SimulatedPath.v4(50));
        }

        @Override
        public PmtuProber.Check check(int size) {
            if (size > 68) {
                largeChecks.incrementAndGet();
            }
            if (down) {
                return new PmtuProber.Check(false, 0, false);
            }
            if (size <= bottleneck) {
                return new PmtuProber.Check(true, 0, false);
            }
            return new PmtuProber.Check(false, ptb ? bottleneck : 0, false);
        }

        @Override
        public void close() {
        }
    }

    private final FakeProber prober = new FakeProber();
    private final BlockingQueue<PmtuResult> results = new LinkedBlockingQueue<>();

    private PmtuMonitor monitor(Duration interval, Duration check) {
        return new PmtuMonitor("la-sg", SimulatedPath.PEER, () -> prober, 68, 3, interval, check,
                Duration.ofMillis(100), (link, r) -> results.add(r));
    }

    private PmtuResult nextResult() throws InterruptedException {
        PmtuResult r = results.poll(30, TimeUnit.SECONDS); // liveness bound only, not a timing assertion
        assertThat(r).as("a search result").isNotNull();
        return r;
    }

    @Test
    void searchesAgainAtOnceWhenLargeProbesVanishWhileSmallOnesPass() throws Exception {
        try (PmtuMonitor m = monitor(Duration.ofHours(1), Duration.ofMillis(5))) {
            m.start();
            assertThat(nextResult().pathMtu()).isEqualTo(1400);

            prober.ptb = false; // the path shrinks and its router filters ICMP: a black hole
            prober.bottleneck = 1300;

            PmtuResult r = nextResult();
            assertThat(r.pathMtu()).isEqualTo(1300);
            assertThat(r.blackHole()).isTrue();
            assertThat(prober.searches.get()).isEqualTo(2); // long before the hourly search was due
            assertThat(m.lastResult()).contains(r);
        }
    }

    @Test
    void searchesOnTheIntervalEvenWhenChecksPass() throws Exception {
        try (PmtuMonitor m = monitor(Duration.ofMillis(20), Duration.ofHours(1))) {
            m.start();
            for (int i = 0; i < 3; i++) {
                assertThat(nextResult().pathMtu()).isEqualTo(1400);
            }
        }
    }

    @Test
    void aSocketThatCannotBeOpenedIsReportedAsAResult() throws Exception {
        PmtuMonitor.ProberFactory failing = () -> {
            throw new IllegalStateException("raw ICMP needs CAP_NET_RAW");
        };
        try (PmtuMonitor m = new PmtuMonitor("la-sg", SimulatedPath.PEER, failing, 68, 3, Duration.ofHours(1),
                Duration.ofMillis(5), Duration.ofMillis(100), (link, r) -> results.add(r))) {
            m.start();
            PmtuResult r = nextResult();
            assertThat(r.pathMtu()).isZero();
            assertThat(r.error()).hasValueSatisfying(e -> assertThat(e).contains("CAP_NET_RAW"));
        }
    }

    @Test
    void aLargeProbeThatFailsThreeChecksInARowWhileTheSmallPassesCallsForASearch() {
        PmtuMonitor m = monitor(Duration.ofHours(1), Duration.ofHours(1));
        prober.ptb = false;
        prober.bottleneck = 1300;

        PmtuMonitor.Verdict first = m.check(prober, 1400, 0);
        PmtuMonitor.Verdict second = m.check(prober, 1400, first.largeFailures());
        PmtuMonitor.Verdict third = m.check(prober, 1400, second.largeFailures());

        assertThat(first).isEqualTo(new PmtuMonitor.Verdict(1, false));
        assertThat(second).isEqualTo(new PmtuMonitor.Verdict(2, false));
        assertThat(third).isEqualTo(new PmtuMonitor.Verdict(0, true));
    }

    @Test
    void aPtbBelowThePathMtuCallsForASearchAtOnce() {
        PmtuMonitor m = monitor(Duration.ofHours(1), Duration.ofHours(1));
        prober.bottleneck = 1300;

        assertThat(m.check(prober, 1400, 0)).isEqualTo(new PmtuMonitor.Verdict(0, true));
    }

    @Test
    void aPathThatIsDownIsNotAnMtuProblem() {
        PmtuMonitor m = monitor(Duration.ofHours(1), Duration.ofHours(1));
        prober.down = true;

        assertThat(m.check(prober, 1400, 2)).isEqualTo(new PmtuMonitor.Verdict(0, false));
    }

    @Test
    void afterASearchThatFoundNothingTheSmallProbeDecidesWhenToTryAgain() {
        PmtuMonitor m = monitor(Duration.ofHours(1), Duration.ofHours(1));

        assertThat(m.check(prober, 0, 0)).isEqualTo(new PmtuMonitor.Verdict(0, true));
        prober.down = true;
        assertThat(m.check(prober, 0, 0)).isEqualTo(new PmtuMonitor.Verdict(0, false));
    }
}
