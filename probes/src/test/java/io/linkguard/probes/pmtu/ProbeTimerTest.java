package io.linkguard.probes.pmtu;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class ProbeTimerTest {
    private static final long MS = 1_000_000L;

    @Test
    void waitsTheWholeTimeoutUntilAReplyHasBeenSeen() {
        assertThat(new ProbeTimer(Duration.ofSeconds(1)).waitNanos()).isEqualTo(1000 * MS);
    }

    @Test
    void thenFourTimesTheSlowestRoundTripWithAFloor() {
        ProbeTimer t = new ProbeTimer(Duration.ofSeconds(1));
        t.onReply(MS / 10);
        assertThat(t.waitNanos()).isEqualTo(ProbeTimer.FLOOR_NANOS);
        t.onReply(60 * MS);
        t.onReply(5 * MS); // a faster one later does not shrink the wait
        assertThat(t.waitNanos()).isEqualTo(240 * MS);
    }

    @Test
    void neverBeyondTheConfiguredTimeout() {
        ProbeTimer t = new ProbeTimer(Duration.ofMillis(50));
        t.onReply(30 * MS);
        assertThat(t.waitNanos()).isEqualTo(50 * MS);
    }
}
