package io.linkguard.agent.health;

import static io.linkguard.agent.health.Results.icmpLost;
import static io.linkguard.agent.health.Results.icmpOk;
import static io.linkguard.agent.health.Results.icmpOkMicros;
import static io.linkguard.agent.health.Results.ms;
import static io.linkguard.agent.health.Results.s;
import static org.assertj.core.api.Assertions.assertThat;

import io.linkguard.probes.FailureReason;
import io.linkguard.probes.Outcome;
import io.linkguard.probes.ProbeKind;
import io.linkguard.probes.ProbeResult;
import org.junit.jupiter.api.Test;

class ProbeWindowTest {

    private final ProbeWindow window = new ProbeWindow(s(10));

    @Test
    void emptyWindowHasNoFigures() {
        ProbeWindow.Stats stats = window.stats(0);

        assertThat(stats.samples()).isZero();
        assertThat(stats.lossRatio()).isNaN();
        assertThat(stats.medianRttNanos()).isEqualTo(-1);
        assertThat(stats.jitterNanos()).isNaN();
    }

    @Test
    void resultsSlideOutByTimeExactlyOneWindowLater() {
        window.add(icmpLost(), s(0));
        window.add(icmpOk(10), s(5));

        assertThat(window.stats(s(10) - 1).samples()).isEqualTo(2);
        assertThat(window.stats(s(10) - 1).lossRatio()).isEqualTo(0.5);
        assertThat(window.stats(s(10)).samples()).isEqualTo(1);
        assertThat(window.stats(s(10)).lossRatio()).isZero();
        assertThat(window.stats(s(15)).samples()).isZero();
    }

    @Test
    void medianIgnoresOneSlowReply() {
        for (long rtt : new long[] {10, 12, 11, 2000, 13}) {
            window.add(icmpOk(rtt), s(1));
        }

        assertThat(window.stats(s(1)).medianRttNanos()).isEqualTo(ms(12));
        window.add(icmpOk(14), s(1));
        assertThat(window.stats(s(1)).medianRttNanos()).isEqualTo(ms(12) + ms(1) / 2); // (12 + 13) / 2
    }

    @Test
    void jitterIsTheMeanDifferenceOfConsecutiveRepliesOfOneTarget() {
        // RFC 3550 §6.4.1 D between consecutive replies: |120-100| = 20, |100-120| = 20, |130-100| = 30
        window.add(icmpOkMicros("a", 100), 0);
        window.add(icmpOkMicros("b", 5000), 0); // another target: its own sequence, no difference yet
        window.add(icmpOkMicros("a", 120), 0);
        window.add(icmpLost(), 0);              // losses are skipped
        window.add(icmpOkMicros("a", 100), 0);
        window.add(icmpOkMicros("a", 130), 0);

        assertThat(window.stats(0).jitterNanos()).isCloseTo(70_000 / 3.0, org.assertj.core.data.Offset.offset(1e-6));
        assertThat(window.stats(0).successes()).isEqualTo(5);
        assertThat(window.stats(0).samples()).isEqualTo(6);
    }

    @Test
    void lateAndDuplicateRepliesAreNotCountedAgain() {
        window.add(icmpLost(), 0);
        window.add(new ProbeResult("la-sg", ProbeKind.ICMP, "x", 0, Outcome.LATE, FailureReason.NONE, ms(3000), 0), 0);
        window.add(new ProbeResult("la-sg", ProbeKind.ICMP, "x", 0, Outcome.DUPLICATE, FailureReason.NONE, ms(5), 0),
                0);

        assertThat(window.stats(0).samples()).isEqualTo(1);
        assertThat(window.stats(0).lossRatio()).isEqualTo(1.0);
    }
}
