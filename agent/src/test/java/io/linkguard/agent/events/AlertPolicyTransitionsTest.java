package io.linkguard.agent.events;

import io.linkguard.agent.failover.ActionOutcome;
import io.linkguard.agent.failover.ActionResult;
import io.linkguard.alerts.AlertKind;
import io.linkguard.alerts.Severity;
import io.linkguard.agent.health.HealthTransition;
import io.linkguard.agent.health.LinkHealthSnapshot;
import io.linkguard.agent.health.LinkState;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class AlertPolicyTransitionsTest {
    private static final Instant T0 = Instant.parse("2026-11-22T03:00:00Z");
    private static final Instant T1 = T0.plusSeconds(300);

    private static LinkHealthSnapshot snap(LinkState s) {
        return new LinkHealthSnapshot(s, 0, 0.32, 171_400_000L, 2_500_000, 40, 0, false, Optional.empty(), 0, Optional.empty());
    }

    private static HealthTransition t(LinkState from, LinkState to, HealthTransition.Reason r) {
        return new HealthTransition(from, to, r, "loss 32.0% above 5.0%", 0.32, 0.05, 0);
    }

    @Test
    void startingUpIsNotNewsButStartingDownIs() {
        assertThat(AlertPolicy.transition("la-sg", t(LinkState.UNKNOWN, LinkState.UP, HealthTransition.Reason.STARTUP),
                snap(LinkState.UP), Optional.empty(), Optional.empty(), T0, T0)).isEmpty();
        var down = AlertPolicy.transition("la-sg", t(LinkState.UNKNOWN, LinkState.DOWN,
                HealthTransition.Reason.LOSS_ABOVE), snap(LinkState.DOWN), Optional.of("tunnel"), Optional.empty(), T0, T0);
        assertThat(down).get().satisfies(e -> {
            assertThat(e.kind()).isEqualTo(AlertKind.LINK_STATE);
            assertThat(e.severity()).isEqualTo(Severity.CRITICAL);
            assertThat(e.state()).isEqualTo("down");
        });
    }

    @Test
    void degradedCarriesTheFiguresAnOperatorReadsFirst() {
        var e = AlertPolicy.transition("la-sg", t(LinkState.UP, LinkState.DEGRADED, HealthTransition.Reason.LOSS_ABOVE),
                snap(LinkState.DEGRADED), Optional.of("tunnel"), Optional.of("Up"), T1, T1).orElseThrow();
        assertThat(e.severity()).isEqualTo(Severity.WARNING);
        assertThat(e.reason()).isEqualTo("up -> degraded: loss 32.0% above 5.0%");
        assertThat(e.figures()).containsEntry("rtt_ms", "171.4").containsEntry("loss_pct", "32.0")
                .containsEntry("jitter_ms", "2.5").containsEntry("active_path", "tunnel").containsEntry("bfd_diag", "Up");
    }

    @Test
    void probesFallingSilentIsAWarningAndTheirReturnResolvesIt() {
        var silent = AlertPolicy.transition("la-sg", t(LinkState.UP, LinkState.UNKNOWN, HealthTransition.Reason.NO_SAMPLES),
                snap(LinkState.UNKNOWN), Optional.of("tunnel"), Optional.empty(), T0, T0).orElseThrow();
        assertThat(silent.kind()).isEqualTo(AlertKind.LINK_STATE);
        assertThat(silent.severity()).isEqualTo(Severity.WARNING);
        var back = AlertPolicy.transition("la-sg", t(LinkState.UNKNOWN, LinkState.UP,
                HealthTransition.Reason.PROBES_RECOVERED), snap(LinkState.UP), Optional.of("tunnel"), Optional.empty(),
                T1, T0).orElseThrow();
        assertThat(back.kind()).isEqualTo(AlertKind.RESOLVED);
        assertThat(back.since()).isEqualTo(T0);
    }

    @Test
    void backToUpIsResolvedAndSaysSinceWhenTheProblemLasted() {
        var e = AlertPolicy.transition("la-sg", t(LinkState.DOWN, LinkState.UP, HealthTransition.Reason.LOSS_BELOW),
                snap(LinkState.UP), Optional.of("tunnel"), Optional.empty(), T1, T0).orElseThrow();
        assertThat(e.kind()).isEqualTo(AlertKind.RESOLVED);
        assertThat(e.since()).isEqualTo(T0);
        assertThat(e.at()).isEqualTo(T1);
    }

    @Test
    void failoverAndFailbackAndActionFailure() {
        var over = AlertPolicy.pathSwitch("la-sg", "tunnel", "proxy", true, "link down", snap(LinkState.DOWN),
                Optional.empty(), T0);
        assertThat(over.kind()).isEqualTo(AlertKind.FAILOVER);
        assertThat(over.figures()).containsEntry("active_path", "proxy");
        var back = AlertPolicy.pathSwitch("la-sg", "proxy", "tunnel", false, "up for 30s", snap(LinkState.UP),
                Optional.empty(), T1);
        assertThat(back.kind()).isEqualTo(AlertKind.FAILBACK);
        assertThat(back.severity()).isEqualTo(Severity.INFO);
        var r = new ActionResult("la-sg", "proxy", "exec", "/etc/linkguard/to-proxy.sh", ActionOutcome.TIMEOUT, -1,
                Duration.ofSeconds(5), "killed after 5s", T0);
        var failed = AlertPolicy.actionFailed("la-sg", r, snap(LinkState.DOWN), Optional.empty(), T0);
        assertThat(failed.kind()).isEqualTo(AlertKind.ACTION_FAILED);
        assertThat(failed.reason()).startsWith("exec action for path proxy timeout after 5000 ms")
                .contains("killed after 5s");
    }
}
