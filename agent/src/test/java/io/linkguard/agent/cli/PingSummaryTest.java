package io.linkguard.agent.cli;

import io.linkguard.probes.FailureReason;
import io.linkguard.probes.Outcome;
import io.linkguard.probes.ProbeKind;
import io.linkguard.probes.ProbeResult;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class PingSummaryTest {
    private static ProbeResult r(Outcome o, long rttMicros) {
        return new ProbeResult("ping", ProbeKind.ICMP, "x", 0, o,
                o == Outcome.SUCCESS ? FailureReason.NONE : FailureReason.TIMEOUT, rttMicros * 1000, 0);
    }

    @Test
    void figuresAsIputilsComputesThem() {
        PingSummary s = new PingSummary();
        s.add(r(Outcome.SUCCESS, 1000));
        s.add(r(Outcome.SUCCESS, 3000));
        s.add(r(Outcome.TIMEOUT, -1));
        s.add(r(Outcome.DUPLICATE, 3100));
        assertThat(s.transmitted()).isEqualTo(3);
        assertThat(s.received()).isEqualTo(2);
        assertThat(s.duplicates()).isEqualTo(1);
        assertThat(s.lossRatio()).isCloseTo(1.0 / 3, within(1e-9));
        assertThat(s.minMillis()).isEqualTo(1.0);
        assertThat(s.avgMillis()).isEqualTo(2.0);
        assertThat(s.maxMillis()).isEqualTo(3.0);
        assertThat(s.mdevMillis()).isCloseTo(1.0, within(1e-9)); // sqrt((1+9)/2 - 4)
    }

    @Test
    void noReplyHasNoRttFigures() {
        PingSummary s = new PingSummary();
        s.add(r(Outcome.TIMEOUT, -1));
        assertThat(s.lossRatio()).isEqualTo(1.0);
        assertThat(s.avgMillis()).isNaN();
    }
}
