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
        e.received(100 * MS);
        assertThat(e.failed(249 * MS)).isFalse();
        assertThat(e.failed(250 * MS)).isTrue();
        e.update(false, 50_000, 300 * MS);
        assertThat(e.failed(1000 * MS)).as("an inactive function never fails").isFalse();
    }
}
