package io.linkguard.agent.health;

import static io.linkguard.agent.health.Results.icmpLost;
import static io.linkguard.agent.health.Results.icmpOk;
import static io.linkguard.agent.health.Results.ms;
import static io.linkguard.agent.health.Results.s;
import static org.assertj.core.api.Assertions.assertThat;

import io.linkguard.agent.health.HealthTransition.Reason;
import io.linkguard.bfd.packet.BfdState;
import io.linkguard.bfd.packet.Diagnostic;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class LinkHealthBfdTest {

    private final LinkHealth health = new LinkHealth(LinkPolicy.defaults(), true, 0);

    private void cleanIcmp(long fromMs, long toMs) {
        for (long t = fromMs; t < toMs; t += 100) {
            health.onProbe(icmpOk(20), ms(t));
        }
    }

    @Test
    void withBfdTheLinkIsUpOnlyOnceBfdIsUp() {
        cleanIcmp(0, 1_000);
        assertThat(health.state()).isEqualTo(LinkState.UNKNOWN);

        Optional<HealthTransition> up = health.onBfd(BfdState.UP, Diagnostic.NONE, ms(1_000));

        assertThat(up).contains(new HealthTransition(LinkState.UNKNOWN, LinkState.UP, Reason.STARTUP,
                "BFD Up, loss 0.0% over 10s (10 samples)", Double.NaN, Double.NaN, ms(1_000)));
    }

    @Test
    void bfdDownIsDownAtOnceRegardlessOfMinTimeInState() {
        cleanIcmp(0, 500);
        health.onBfd(BfdState.UP, Diagnostic.NONE, ms(500));

        Optional<HealthTransition> down = health.onBfd(BfdState.DOWN, Diagnostic.CONTROL_DETECTION_TIME_EXPIRED,
                ms(600));

        assertThat(down).contains(new HealthTransition(LinkState.UP, LinkState.DOWN, Reason.BFD_DOWN,
                "BFD Down: control detection time expired", Double.NaN, Double.NaN, ms(600)));
    }

    @Test
    void bfdBackUpWithCleanProbesIsUpAfterMinTimeInState() {
        cleanIcmp(0, 500);
        health.onBfd(BfdState.UP, Diagnostic.NONE, ms(500));
        health.onBfd(BfdState.DOWN, Diagnostic.CONTROL_DETECTION_TIME_EXPIRED, ms(600));

        assertThat(health.onBfd(BfdState.INIT, Diagnostic.CONTROL_DETECTION_TIME_EXPIRED, ms(700))).isEmpty();
        assertThat(health.onBfd(BfdState.UP, Diagnostic.NONE, ms(800))).isEmpty();
        assertThat(health.evaluate(ms(2_599))).isEmpty();
        Optional<HealthTransition> up = health.evaluate(ms(2_600));

        assertThat(up).contains(new HealthTransition(LinkState.DOWN, LinkState.UP, Reason.BFD_UP, "BFD Up",
                Double.NaN, Double.NaN, ms(2_600)));
    }

    @Test
    void bfdUpButLossyProbesLeavesDownForDegraded() {
        cleanIcmp(0, 500);
        health.onBfd(BfdState.UP, Diagnostic.NONE, ms(500));
        health.onBfd(BfdState.DOWN, Diagnostic.CONTROL_DETECTION_TIME_EXPIRED, ms(600));
        health.onProbe(icmpLost(), ms(700));     // 1 of 6: degraded, not down
        health.onBfd(BfdState.UP, Diagnostic.NONE, ms(800));

        Optional<HealthTransition> degraded = health.evaluate(ms(3_000));

        assertThat(degraded).map(HealthTransition::to).contains(LinkState.DEGRADED);
        assertThat(degraded).map(HealthTransition::reason).contains(Reason.BFD_UP);
        assertThat(degraded).map(HealthTransition::detail)
                .contains("BFD Up; still degraded: loss 16.7% over 10s >= 5.0% (degraded enter)");
    }

    @Test
    void administrativelyDownIsNotAFailure() {
        cleanIcmp(0, 500);
        health.onBfd(BfdState.UP, Diagnostic.NONE, ms(500));

        // RFC 5880 §6.8.16: the peer took the session down on purpose; the probes still vouch for the path.
        assertThat(health.onBfd(BfdState.DOWN, Diagnostic.ADMINISTRATIVELY_DOWN, ms(5_000))).isEmpty();
        assertThat(health.onBfd(BfdState.INIT, Diagnostic.NEIGHBOR_SIGNALED_SESSION_DOWN, ms(6_000))).isEmpty();
        cleanIcmp(6_000, 7_000);
        assertThat(health.state()).isEqualTo(LinkState.UP);
        assertThat(health.onBfd(BfdState.UP, Diagnostic.NONE, ms(7_000))).isEmpty();
    }

    @Test
    void aSessionThatNeverComesUpIsDownOneWindowAfterStart() {
        cleanIcmp(0, 10_000);
        assertThat(health.state()).isEqualTo(LinkState.UNKNOWN);

        Optional<HealthTransition> down = health.evaluate(s(10));

        assertThat(down).map(HealthTransition::detail).contains("BFD session not Up 10s after start");
        assertThat(down).map(HealthTransition::reason).contains(Reason.BFD_DOWN);
    }

    @Test
    void bfdAloneMakesTheLinkUp() {
        assertThat(health.onBfd(BfdState.UP, Diagnostic.NONE, ms(10))).map(HealthTransition::detail)
                .contains("BFD Up");
    }
}
