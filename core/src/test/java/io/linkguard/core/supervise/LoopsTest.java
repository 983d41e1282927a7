package io.linkguard.core.supervise;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

class LoopsTest {
    private final AtomicLong now = new AtomicLong(1_000);
    private final List<String> halts = new ArrayList<>();
    private final Loops loops = new Loops(now::get, halts::add);

    @Test
    void threadNamesMapToTheirKind() {
        assertThat(Loops.base("icmp-rx-3")).isEqualTo("icmp_rx");
        assertThat(Loops.base("failover-wan-1")).isEqualTo("failover");
        assertThat(Loops.base("alerts-ops")).isEqualTo("alerts");
        assertThat(Loops.base("pmtu-dc-2")).isEqualTo("pmtu");
        assertThat(Loops.base("tcp-connect")).isEqualTo("tcp_connect");
        assertThat(Loops.base("probe-timer")).isEqualTo("probe_timer");
        assertThat(Loops.base("reload")).isEqualTo("reload");
    }

    @Test
    void knownKindsAreCountedFromTheStart() {
        assertThat(loops.errorCounts()).containsKeys("icmp_rx", "tcp_connect", "probe_timer", "bfd", "pmtu", "alerts",
                "failover", "reload").allSatisfy((k, v) -> assertThat(v).isZero());
    }

    @Test
    void aThrowingIterationIsCountedAndTheLoopGoesOn() {
        int[] ran = {0};
        for (int i = 0; i < 3; i++) {
            boolean ok = loops.runGuarded(() -> {
                ran[0]++;
                throw new IllegalStateException("listener bug");
            });
            assertThat(ok).isFalse();
        }
        assertThat(ran[0]).isEqualTo(3);
        assertThat(loops.errors(Loops.base(Thread.currentThread().getName()))).isEqualTo(3);
        assertThat(halts).isEmpty();
    }

    @Test
    void failuresAreCountedUnderTheThreadKind() {
        loops.failed("icmp-rx-0", new RuntimeException("x"));
        loops.failed("icmp-rx-1", new RuntimeException("y"));
        assertThat(loops.errors("icmp_rx")).isEqualTo(2);
    }

    @Test
    void anErrorHaltsTheProcess() {
        loops.runGuarded(() -> {
            throw new StackOverflowError();
        });
        assertThat(halts).singleElement().asString().contains("loop cannot go on").contains("StackOverflowError");
    }

    @Test
    void heartbeatsAreRegisteredPerThreadAndLeaveOnClose() {
        Heartbeat h = loops.enter(Duration.ofSeconds(5));
        assertThat(loops.beats()).singleElement().satisfies(b -> {
            assertThat(b.thread()).isEqualTo(Thread.currentThread().getName());
            assertThat(b.lastNanos()).isEqualTo(1_000);
            assertThat(b.maxSilenceNanos()).isEqualTo(5_000_000_000L);
        });
        now.set(2_000);
        loops.beatCurrent();
        assertThat(loops.beats()).singleElement().extracting(Heartbeat.Beat::lastNanos).isEqualTo(2_000L);
        h.close();
        assertThat(loops.beats()).isEmpty();
        now.set(3_000);
        loops.beatCurrent(); // no heartbeat any more: nothing happens
        assertThat(loops.beats()).isEmpty();
    }
}
