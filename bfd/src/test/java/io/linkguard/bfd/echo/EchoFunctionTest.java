package io.linkguard.bfd.echo;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** On a fake clock: plain nanosecond values. */
class EchoFunctionTest {
    private static final long MS = 1_000_000L;

    @Test
    void runsOnlyWhileUpAndThePeerAllowsEcho() {
        EchoFunction e = new EchoFunction(50_000, 3);
        e.update(true, 0, 0);
        assertThat(e.active()).as("RFC 5880 §6.8.9: remote Required Min Echo RX 0 forbids echo").isFalse();
        e.update(false, 50_000, 0);
        assertThat(e.active()).isFalse();
        e.update(true, 50_000, 0);
        assertThat(e.active()).isTrue();
        assertThat(e.nextDeadline()).isZero();
    }

    @Test
    void neverFasterThanThePeersMinimum() {
        EchoFunction e = new EchoFunction(20_000, 3);
        e.update(true, 100_000, 0);
        assertThat(e.intervalMicros()).isEqualTo(100_000);
        assertThat(e.txDue(0)).isTrue();
        assertThat(e.txDue(99 * MS)).isFalse();
        assertThat(e.txDue(100 * MS)).isTrue();
        assertThat(e.sequence()).isEqualTo(2);
    }

    @Test
    void failsAfterDetectMultIntervalsWithoutAReturn() {
        EchoFunction e = new EchoFunction(50_000, 3);
        e.update(true, 50_000, 0);
        assertThat(e.txDue(100 * MS)).isTrue();
        assertThat(e.returned(e.sequence(), 100 * MS)).isTrue();
        assertThat(e.failed(249 * MS)).isFalse();
        assertThat(e.failed(250 * MS)).isTrue();
        e.update(false, 50_000, 300 * MS);
        assertThat(e.failed(1000 * MS)).as("an inactive function never fails").isFalse();
    }

    @Test
    void onlyASequenceSentLatelyAndNotYetReturnedKeepsTheFunctionAlive() {
        EchoFunction e = new EchoFunction(50_000, 3, 1_000);
        e.update(true, 50_000, 0);
        assertThat(e.txDue(0)).isTrue();
        long sent = e.sequence();
        assertThat(sent).isEqualTo(1_001);
        // A forged echo: a sequence never sent, or one ahead of ours. It must not restart detection.
        assertThat(e.returned(sent + 1, 100 * MS)).isFalse();
        assertThat(e.returned(7, 100 * MS)).isFalse();
        assertThat(e.failed(150 * MS)).as("RFC 5880 §6.8.5: forgeries do not hide a failure").isTrue();
    }

    @Test
    void aReturnedEchoCountsOnceAndOnlyWhileRecent() {
        EchoFunction e = new EchoFunction(50_000, 3, 0xFFFF_FFF0L);
        e.update(true, 50_000, 0);
        assertThat(e.txDue(0)).isTrue();
        long first = e.sequence();
        assertThat(e.returned(first, 10 * MS)).isTrue();
        assertThat(e.returned(first, 20 * MS)).as("a replayed copy").isFalse();
        long t = 0;
        for (int i = 0; i <= EchoFunction.RECENT_SEQUENCES; i++) {
            t += 50 * MS;
            assertThat(e.txDue(t)).isTrue();
        }
        long newest = e.sequence();
        assertThat(newest).as("the 32-bit sequence wraps").isLessThan(first);
        long oldestRecent = (newest - EchoFunction.RECENT_SEQUENCES + 1) & 0xFFFF_FFFFL;
        assertThat(oldestRecent).isEqualTo((first + 2) & 0xFFFF_FFFFL);
        assertThat(e.returned(oldestRecent, t)).isTrue();
        assertThat(e.returned((first + 1) & 0xFFFF_FFFFL, t)).as("sent, but too long ago").isFalse();
        assertThat(e.returned(newest, t)).isTrue();
    }

    @Test
    void remembersWhenTheEchoItAcceptedWasSentSoItsRttCanBeCheckedAgainstTheMonotonicClock() {
        EchoFunction e = new EchoFunction(50_000, 3, 41);
        e.update(true, 50_000, 0);
        assertThat(e.txDue(10 * MS)).isTrue();
        long first = e.sequence();
        assertThat(e.txDue(60 * MS)).isTrue();
        assertThat(e.returned(first, 70 * MS)).isTrue();
        assertThat(e.lastReturnedSentNanos()).isEqualTo(10 * MS);
    }

    @Test
    void aRealtimeIntervalThatDisagreesWithTheMonotonicOneIsAClockStep() {
        // 1 ms out on both clocks: an RTT. 1 ms monotonic but 2 s on the wall clock: NTP stepped it.
        assertThat(io.linkguard.probes.net.RealtimeClock.stepped(1 * MS, 1 * MS)).isFalse();
        assertThat(io.linkguard.probes.net.RealtimeClock.stepped(2_000 * MS, 1 * MS)).isTrue();
        assertThat(io.linkguard.probes.net.RealtimeClock.stepped(-500 * MS, 1 * MS)).isTrue();
    }
}
