package io.linkguard.agent.emulator;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.UnaryOperator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** The emulator's pure parts: schedules, decisions, the control line; no TUN, no root. */
class ImpairmentTest {
    private static final long MS = 1_000_000;

    @Test
    void flapIsDownAtTheStartOfEachPeriodUntilTheEnd() {
        Flap f = Flap.starting(1_000 * MS, Duration.ofMillis(300), Duration.ofSeconds(1), Duration.ofSeconds(3));
        assertThat(f.isDown(999 * MS)).isFalse();
        assertThat(f.isDown(1_000 * MS)).isTrue();
        assertThat(f.isDown(1_299 * MS)).isTrue();
        assertThat(f.isDown(1_300 * MS)).isFalse();
        assertThat(f.isDown(2_100 * MS)).isTrue();
        assertThat(f.isDown(3_299 * MS)).isTrue();
        assertThat(f.isDown(4_000 * MS)).as("total elapsed").isFalse();
        assertThat(Flap.NONE.isDown(0)).isFalse();
        assertThatThrownBy(() -> Flap.starting(0, Duration.ofSeconds(2), Duration.ofSeconds(1), Duration.ZERO))
                .hasMessageContaining("expected: 0 <= down <= period");
    }

    @Test
    void preservedOrderNeverLetsAPacketOvertake() {
        Impairment i = Impairment.NONE.withDelay(Duration.ofMillis(20))
                .withJitter(Duration.ofMillis(10), JitterShape.NORMAL, true);
        SplittableRandom random = new SplittableRandom(7);
        long last = 0;
        for (long now = 0; now < 1_000 * MS; now += MS) {
            long due = i.dueNanos(now, last, random);
            assertThat(due).isGreaterThanOrEqualTo(last).isGreaterThanOrEqualTo(now);
            last = due;
        }
    }

    @Test
    void uniformJitterStaysWithinItsBoundsAroundTheDelay() {
        Impairment i = Impairment.NONE.withDelay(Duration.ofMillis(20))
                .withJitter(Duration.ofMillis(5), JitterShape.UNIFORM, false);
        SplittableRandom random = new SplittableRandom(7);
        long min = Long.MAX_VALUE;
        long max = Long.MIN_VALUE;
        for (int k = 0; k < 10_000; k++) {
            long d = i.dueNanos(0, Long.MAX_VALUE, random);
            min = Math.min(min, d);
            max = Math.max(max, d);
        }
        assertThat(min).isBetween(15 * MS, 15 * MS + MS / 10);
        assertThat(max).isBetween(25 * MS - MS / 10, 25 * MS);
    }

    @Test
    void lossDropsItsShareAndBlackholeDropsAll() {
        Impairment lossy = Impairment.NONE.withLoss(0.3);
        SplittableRandom random = new SplittableRandom(11);
        int lost = 0;
        for (int k = 0; k < 100_000; k++) {
            if (lossy.atIngress(0, random) == DropReason.LOSS) {
                lost++;
            }
        }
        assertThat(lost / 100_000.0).isBetween(0.29, 0.31);
        Impairment cut = lossy.withBlackhole(true);
        assertThat(cut.atIngress(0, random)).isEqualTo(DropReason.BLACKHOLE);
        assertThat(cut.atEgress(0)).isEqualTo(DropReason.BLACKHOLE);
        assertThat(Impairment.NONE.atEgress(0)).isNull();
    }

    @Test
    void controlLinesChangeOnlyTheDirectionsNamed() {
        Map<Direction, Impairment> state = new EnumMap<>(Map.of(
                Direction.A_TO_B, Impairment.NONE, Direction.B_TO_A, Impairment.NONE));
        ControlProtocol.Link link = new ControlProtocol.Link() {
            @Override
            public void update(Direction single, UnaryOperator<Impairment> change) {
                state.put(single, change.apply(state.get(single)));
            }

            @Override
            public LinkStats stats() {
                throw new UnsupportedOperationException();
            }
        };
        assertThat(ControlProtocol.apply(ControlProtocol.delay(Direction.BOTH, Duration.ofMillis(50)), link, () -> 0))
                .isEqualTo("ok");
        assertThat(ControlProtocol.apply(ControlProtocol.loss(Direction.A_TO_B, 0.3), link, () -> 0)).isEqualTo("ok");
        assertThat(ControlProtocol.apply(ControlProtocol.jitter(Direction.B_TO_A, Duration.ofMillis(3),
                JitterShape.NORMAL, false), link, () -> 0)).isEqualTo("ok");
        assertThat(state.get(Direction.A_TO_B)).isEqualTo(new Impairment(50 * MS, 0, JitterShape.UNIFORM, true, 0.3,
                false, Flap.NONE));
        assertThat(state.get(Direction.B_TO_A)).isEqualTo(new Impairment(50 * MS, 3 * MS, JitterShape.NORMAL, false,
                0, false, Flap.NONE));
        assertThat(ControlProtocol.apply(ControlProtocol.flap(Direction.A_TO_B, Duration.ofSeconds(1),
                Duration.ofSeconds(2), Duration.ofSeconds(60)), link, () -> 5)).isEqualTo("ok");
        assertThat(state.get(Direction.A_TO_B).flap()).isEqualTo(new Flap(5, 1_000 * MS, 2_000 * MS, 5 + 60_000 * MS));

        assertThat(ControlProtocol.apply("loss a2b 1.5", link, () -> 0)).isEqualTo("err loss 1.5 (expected: 0 to 1)");
        assertThat(ControlProtocol.apply("delay up PT1S", link, () -> 0))
                .isEqualTo("err direction up (expected: a2b, b2a or both)");
        assertThat(ControlProtocol.apply("delay a2b 50ms", link, () -> 0)).startsWith("err ");
        assertThat(state.get(Direction.A_TO_B).lossProbability()).as("unchanged by rejected lines").isEqualTo(0.3);
        assertThat(ControlProtocol.apply(ControlProtocol.blackhole(Direction.BOTH, true), link, () -> 0))
                .isEqualTo("ok");
        assertThat(ControlProtocol.apply(ControlProtocol.restore(Direction.BOTH), link, () -> 0)).isEqualTo("ok");
        assertThat(state.get(Direction.A_TO_B)).isEqualTo(new Impairment(50 * MS, 0, JitterShape.UNIFORM, true, 0.3,
                false, Flap.NONE));
        assertThat(state.get(Direction.B_TO_A).blackhole()).isFalse();
        assertThat(ControlProtocol.apply(ControlProtocol.reset(Direction.BOTH), link, () -> 0)).isEqualTo("ok");
        assertThat(state.values()).containsOnly(Impairment.NONE);
    }

    @Test
    void statsSurviveTheControlLine() {
        Map<DropReason, Long> drops = new EnumMap<>(DropReason.class);
        for (DropReason r : DropReason.values()) {
            drops.put(r, (long) r.ordinal() + 1);
        }
        LinkStats s = new LinkStats(new LinkStats.DirectionStats(10, 4, drops, 2, 900, 1800),
                new LinkStats.DirectionStats(7, 7, Map.of(), 0, 0, 0));
        LinkStats back = LinkStats.fromWire(s.toWire());
        assertThat(back.aToB()).isEqualTo(s.aToB());
        assertThat(back.bToA().dropped(DropReason.FLAP)).isZero();
        assertThat(back.aToB().droppedTotal()).isEqualTo(15);
    }

    @Test
    void delayLineDeliversByDueTimeAndNeverEarly() throws Exception {
        List<long[]> delivered = new ArrayList<>();
        DelayLine line = new DelayLine("test-send", 10, DelayLine.DEFAULT_SPIN_NANOS, System::nanoTime,
                (p, now) -> {
                    synchronized (delivered) {
                        delivered.add(new long[] {p.bytes()[0], p.dueNanos(), now});
                    }
                }, () -> { });
        line.start();
        long t0 = System.nanoTime();
        line.offer(new byte[] {3}, t0 + 30 * MS);
        line.offer(new byte[] {1}, t0 + 10 * MS);
        line.offer(new byte[] {2}, t0 + 20 * MS);
        line.offer(new byte[] {4}, t0 + 20 * MS);
        await().atMost(Duration.ofSeconds(2)).pollInterval(Duration.ofMillis(5)).until(() -> line.size() == 0);
        line.stop(1_000);
        synchronized (delivered) {
            assertThat(delivered).extracting(d -> d[0]).containsExactly(1L, 2L, 4L, 3L);
            assertThat(delivered).allSatisfy(d -> assertThat(d[2]).isGreaterThanOrEqualTo(d[1]));
        }
    }
}
