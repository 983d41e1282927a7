package io.linkguard.agent.emulator;

import io.linkguard.probes.testing.Privileged;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The link emulator's accuracy, judged by iputils ping between two namespaces that
 * only the emulator joins. One emulator serves every test; each starts from a perfect link.
 */
@Tag("netns")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LinkEmulatorIT {
    private static final String A_V4 = "198.18.10.1";
    private static final String B_V4 = "198.18.10.2";
    private static final String A_V6 = "fd00:4c45:10::1";
    private static final String B_V6 = "fd00:4c45:10::2";
    private static final Duration FAST = Duration.ofMillis(10);

    private final List<String> namespaces = new ArrayList<>();
    private String nsA;
    private String nsB;
    private LinkEmulator link;

    @BeforeAll
    void start() throws Exception {
        Privileged.assumeRoot();
        String tag = ProcessHandle.current().pid() + "-" + Integer.toHexString((int) (System.nanoTime() & 0xffff));
        nsA = addNamespace("lge-a-" + tag);
        nsB = addNamespace("lge-b-" + tag);
        link = LinkEmulator.builder(nsA, nsB).addresses(A_V4, B_V4).addresses(A_V6, B_V6).start();
    }

    @AfterAll
    void stop() throws Exception {
        if (link != null) {
            link.close();
        }
        for (String ns : namespaces.reversed()) {
            sh("ip", "netns", "del", ns);
        }
    }

    @BeforeEach
    void perfectLink() {
        if (link != null) {
            link.reset();
        }
    }

    @Test
    @Order(1)
    void fiftyMillisecondsEachWayGivesAHundredMillisecondRtt() throws Exception {
        link.setDelay(Direction.BOTH, Duration.ofMillis(50));

        Ping.Result r = Ping.run(nsA, B_V4, 300, FAST);

        report("delay 50 ms each way, 100 pps", r);
        assertThat(r.received()).as(r.output()).isEqualTo(300);
        assertThat(r.rttQuantileMillis(0.5)).as(r.summary()).isBetween(96.0, 104.0);
        assertThat(r.rtt().avgMillis()).as(r.summary()).isBetween(96.0, 104.0);
        // Never earlier than asked.
        assertThat(r.rtt().minMillis()).as(r.summary()).isGreaterThanOrEqualTo(100.0);
        assertThat(r.rttQuantileMillis(0.9)).as(r.summary()).isLessThan(104.0);
    }

    @Test
    @Order(2)
    void delayInOneDirectionOnlyOverIpv6() throws Exception {
        link.setDelay(Direction.A_TO_B, Duration.ofMillis(200));

        Ping.Result r = Ping.run(nsA, B_V6, 20, Duration.ofMillis(20));

        report("delay 200 ms A->B only, IPv6", r);
        assertThat(r.received()).as(r.output()).isEqualTo(20);
        assertThat(r.rtt().minMillis()).as(r.summary()).isGreaterThanOrEqualTo(200.0);
        assertThat(r.rttQuantileMillis(0.5)).as(r.summary()).isLessThanOrEqualTo(206.0);
    }

    @Test
    @Order(3)
    void lossInOneDirectionIsObservedNearItsProbability() throws Exception {
        LinkStats before = link.stats();
        link.setLoss(Direction.A_TO_B, 0.3);

        Ping.Result r = Ping.run(nsA, B_V4, 500, FAST);

        LinkStats after = link.stats();
        report("loss 0.30 A->B only", r);
        assertThat(r.lossFraction()).as(r.summary()).isBetween(0.23, 0.37);
        long lostHere = after.aToB().dropped(DropReason.LOSS) - before.aToB().dropped(DropReason.LOSS);
        int lostByPing = r.transmitted() - r.received();
        // Every lost echo was dropped A->B; a few other packets (IPv6 control) may share the draw.
        assertThat(lostHere).as(after.toString()).isBetween((long) lostByPing, lostByPing + 10L);
        assertThat(after.bToA().dropped(DropReason.LOSS)).isZero();
    }

    @Test
    @Order(4)
    void blackholeDropsEverythingAndRestoreAnswersWithinASecond() throws Exception {
        link.setDelay(Direction.BOTH, Duration.ofMillis(50));
        link.cut();

        Ping.Result cut = Ping.run(nsA, B_V4, 100, FAST);
        report("cut", cut);
        assertThat(cut.received()).as(cut.output()).isZero();
        assertThat(cut.transmitted()).isEqualTo(100);

        Ping.Running running = Ping.start(nsA, B_V4, 200, FAST);
        Thread.sleep(700); // deliberate: the restore lands mid-run, after ~70 pings were lost
        long restoreAsked = epochMicros();
        link.restore();
        long restored = epochMicros();
        Ping.Result r = running.await();

        report("restore during ping", r);
        assertThat(r.replies()).as(r.output()).isNotEmpty();
        long first = r.replies().getFirst().epochMicros();
        assertThat(first).as("first reply after the cut").isGreaterThan(restoreAsked);
        double afterRestoreMillis = (first - restored) / 1000.0;
        System.out.printf("[emulator] first reply %.1f ms after restore (RTT 100 ms)%n", afterRestoreMillis);
        assertThat(afterRestoreMillis).isLessThan(1000.0);
        assertThat(link.stats().aToB().dropped(DropReason.BLACKHOLE)).isGreaterThanOrEqualTo(100);
    }

    @Test
    @Order(5)
    void jitterWidensTheRttSpread() throws Exception {
        link.setDelay(Direction.BOTH, Duration.ofMillis(20));
        Ping.Result steady = Ping.run(nsA, B_V4, 200, FAST);
        link.setJitter(Direction.BOTH, Duration.ofMillis(10));
        Ping.Result jittery = Ping.run(nsA, B_V4, 200, FAST);

        report("delay 20 ms each way", steady);
        report("delay 20 ms + uniform jitter 10 ms each way, ordered", jittery);
        double steadySpread = steady.rttQuantileMillis(0.9) - steady.rttQuantileMillis(0.1);
        double jitterySpread = jittery.rttQuantileMillis(0.9) - jittery.rttQuantileMillis(0.1);
        assertThat(steadySpread).as(steady.summary()).isLessThan(2.0);
        // Two uniform ±10 ms draws: p90 - p10 of their sum is ~22 ms (less with order kept).
        assertThat(jitterySpread).as(jittery.summary()).isBetween(8.0, 40.0);
        assertThat(jittery.received()).isEqualTo(200);
    }

    @Test
    @Order(6)
    void flapGoesDownOnScheduleThenStaysUp() throws Exception {
        Ping.Running running = Ping.start(nsA, B_V4, 300, FAST);
        Thread.sleep(500); // deliberate: the flap starts mid-run, after ~50 clean pings
        long flapAsked = epochMicros();
        // Down 300 ms of every 1 s, for 3 s, starting now with a down phase.
        link.flap(Duration.ofMillis(300), Duration.ofSeconds(1), Duration.ofSeconds(3));
        Ping.Result r = running.await();

        report("flap 300 ms every 1 s for 3 s", r);
        List<long[]> gaps = new ArrayList<>();
        List<Ping.Reply> replies = r.replies();
        for (int k = 1; k < replies.size(); k++) {
            long gapMicros = replies.get(k).epochMicros() - replies.get(k - 1).epochMicros();
            if (gapMicros > 100_000) {
                gaps.add(new long[] {replies.get(k - 1).epochMicros(), gapMicros});
            }
        }
        String shown = gaps.stream().map(g -> String.format("%+.0f ms: %.0f ms", (g[0] - flapAsked) / 1000.0,
                g[1] / 1000.0)).toList().toString();
        System.out.println("[emulator] flap gaps after the command: " + shown);
        assertThat(gaps).as("gaps " + shown + "\n" + r.output()).hasSize(3);
        for (int k = 0; k < 3; k++) {
            // The last reply before each down phase comes k s after the schedule began, less up to a ping
            // interval (about 16 ms here, more under load); the schedule begins when the command arrives.
            assertThat((gaps.get(k)[0] - flapAsked) / 1000.0).as(shown).isBetween(k * 1000.0 - 60, k * 1000.0 + 30);
            assertThat((gaps.get(k)[0] - gaps.getFirst()[0]) / 1000.0).as(shown)
                    .isBetween(k * 1000.0 - 40, k * 1000.0 + 40);
            // 300 ms down, plus up to one ping interval on each side.
            assertThat(gaps.get(k)[1] / 1000.0).as(shown).isBetween(295.0, 400.0);
        }
        assertThat(replies.getLast().sequence()).as("answered after the schedule ended").isEqualTo(300);
        assertThat(link.stats().aToB().dropped(DropReason.FLAP)).isPositive();
    }

    @Test
    @Order(7)
    void closingTheEmulatorRemovesBothInterfaces() throws Exception {
        assertThat(sh("ip", "-n", nsA, "link", "show", link.interfaceName())).isZero();
        long pid = link.pid();
        link.close();
        link = null;
        assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).isFalse();
        assertThat(sh("ip", "-n", nsA, "link", "show", "emu0")).isNotZero();
        assertThat(sh("ip", "-n", nsB, "link", "show", "emu0")).isNotZero();
    }

    private String addNamespace(String name) throws IOException, InterruptedException {
        if (sh("ip", "netns", "add", name) != 0) {
            throw new IOException("ip netns add " + name + " failed");
        }
        namespaces.add(name);
        sh("ip", "-n", name, "link", "set", "lo", "up");
        return name;
    }

    private static int sh(String... argv) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(argv).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
            p.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            throw new IOException("timed out: " + String.join(" ", argv));
        }
        return p.exitValue();
    }

    private static long epochMicros() {
        return ChronoUnit.MICROS.between(Instant.EPOCH, Instant.now());
    }

    private void report(String what, Ping.Result r) {
        LinkStats s = link.stats();
        System.out.printf("[emulator] %-52s %s | since start, late a2b/b2a: mean %.1f/%.1f us, max %.1f/%.1f us%n",
                what, r.summary(), s.aToB().lateMeanMicros(), s.bToA().lateMeanMicros(), s.aToB().lateMaxNanos() / 1000.0,
                s.bToA().lateMaxNanos() / 1000.0);
    }
}
