package io.linkguard.agent.health;

import static io.linkguard.agent.health.Results.icmpOk;
import static io.linkguard.agent.health.Results.ms;
import static io.linkguard.agent.health.Results.s;
import static io.linkguard.agent.health.Results.tcp;
import static io.linkguard.agent.health.Results.tcpOk;
import static io.linkguard.agent.health.Results.tcpTimeout;
import static org.assertj.core.api.Assertions.assertThat;

import io.linkguard.agent.health.HealthTransition.Reason;
import io.linkguard.probes.FailureReason;
import io.linkguard.probes.Outcome;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class LinkHealthTcpMtuTest {

    private final LinkHealth health = new LinkHealth(LinkPolicy.defaults(), false, 0);

    private void cleanIcmp(long fromMs, long toMs) {
        for (long t = fromMs; t < toMs; t += 100) {
            health.onProbe(icmpOk(20), ms(t));
        }
    }

    @Test
    void consecutiveTcpFailuresDegradeALinkWhoseIcmpIsClean() {
        cleanIcmp(0, 5_000);
        health.onProbe(tcpOk(22), s(5));
        health.onProbe(tcpTimeout(443), s(5));
        health.onProbe(tcpTimeout(443), s(6));
        assertThat(health.state()).isEqualTo(LinkState.UP);

        Optional<HealthTransition> degraded = health.onProbe(tcpTimeout(443), s(7));

        assertThat(degraded).contains(new HealthTransition(LinkState.UP, LinkState.DEGRADED, Reason.TCP_FAILING,
                "tcp 10.255.0.2:443 failed 3 times in a row (timeout)", 3, 3, s(7)));
        Optional<HealthTransition> up = health.onProbe(tcpOk(443), s(10));
        assertThat(up).map(HealthTransition::reason).contains(Reason.TCP_RECOVERED);
    }

    @Test
    void aRefusedConnectionShowsThePathWorks() {
        cleanIcmp(0, 5_000);
        for (int i = 0; i < 5; i++) {
            health.onProbe(tcp(443, Outcome.FAILED, FailureReason.REFUSED), s(5 + i));
        }

        assertThat(health.state()).isEqualTo(LinkState.UP);
    }

    @Test
    void aLinkWithOnlyTcpProbesIsDownWhenAllOfThemFail() {
        assertThat(health.onProbe(tcpOk(443), s(1))).map(HealthTransition::to).contains(LinkState.UP);
        health.onProbe(tcpTimeout(443), s(6));
        health.onProbe(tcpTimeout(443), s(11));

        Optional<HealthTransition> down = health.onProbe(tcpTimeout(443), s(16));

        assertThat(down).map(HealthTransition::to).contains(LinkState.DOWN);
        assertThat(down).map(HealthTransition::detail)
                .contains("tcp 10.255.0.2:443 failed 3 times in a row (timeout), and no other probe answers");
    }

    @Test
    void pathMtuBelowExpectedIsDegraded() {
        cleanIcmp(0, 1_000);

        Optional<HealthTransition> degraded = health.onMtu(1300, 1400, s(3));
        Optional<HealthTransition> up = health.onMtu(1400, 1400, s(6));

        assertThat(degraded).contains(new HealthTransition(LinkState.UP, LinkState.DEGRADED,
                Reason.MTU_BELOW_EXPECTED, "path MTU below the expected value (1300 bytes, expected 1400)",
                1300, 1400, s(3)));
        assertThat(up).contains(new HealthTransition(LinkState.DEGRADED, LinkState.UP, Reason.MTU_RECOVERED,
                "path MTU back to the expected value (1400 bytes, expected 1400)", Double.NaN, Double.NaN, s(6)));
    }
}
