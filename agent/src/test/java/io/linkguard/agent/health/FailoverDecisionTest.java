package io.linkguard.agent.health;

import static io.linkguard.agent.health.Results.icmpLost;
import static io.linkguard.agent.health.Results.ms;
import static io.linkguard.agent.health.Results.s;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.linkguard.bfd.packet.BfdState;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Defaults: failover on degraded, failback delay 30 s; time is fed every 100 ms. */
class FailoverDecisionTest {

    @Test
    void oneSwitchEachWayInADownUpCycleAndFailbackOnlyAfterTheDelay() {
        Harness link = Harness.startingOn("tunnel");
        link.bfd(BfdState.UP, 0);
        link.tickEvery(ms(100), ms(100), s(10));
        assertThat(link.switches).isEmpty();

        link.bfd(BfdState.DOWN, s(10));
        assertThat(link.switches).containsExactly(new FailoverDecision.Switch("tunnel", "proxy",
                "link down: BFD Down: control detection time expired", s(10)));

        link.bfd(BfdState.UP, s(15));           // UP again at once: 5 s in DOWN is more than the minimum time
        link.tickEvery(ms(100), s(15) + ms(100), s(45));
        assertThat(link.health.state()).isEqualTo(LinkState.UP);
        assertThat(link.switches).hasSize(1);

        link.tickEvery(ms(100), s(45), s(120));
        assertThat(link.switches).hasSize(2);
        assertThat(link.switches.get(1)).isEqualTo(new FailoverDecision.Switch("proxy", "tunnel",
                "failback: link up for 30s (failback delay 30s)", s(45)));
        assertThat(link.decision.failoverActive()).isFalse();
    }

    @Test
    void degradedFailsOverOnlyWithFailoverOnDegraded() {
        for (FailoverDecision.FailoverOn on : FailoverDecision.FailoverOn.values()) {
            Harness link = new Harness(LinkPolicy.defaults(), false,
                    new FailoverDecision.Policy(on, Duration.ofSeconds(30)), Optional.of("tunnel"));
            for (long t = 0; t < 1_000; t += 100) {
                link.probe(Results.icmpOk(20), ms(t));
            }
            link.probe(icmpLost(), s(5));       // 1 of 11: DEGRADED, not DOWN

            assertThat(link.health.state()).isEqualTo(LinkState.DEGRADED);
            assertThat(link.switches).hasSize(on == FailoverDecision.FailoverOn.DEGRADED ? 1 : 0);
        }
    }

    @Test
    void restartOnBackupWithUnknownHealthStaysOnBackupUntilUpForTheFailbackDelay() {
        Harness link = Harness.startingOn("proxy");
        link.tickEvery(ms(100), 0, s(20));      // BFD not Up: UNKNOWN, then DOWN after the window
        assertThat(link.switches).isEmpty();

        link.bfd(BfdState.UP, s(20));           // UP from 20 s
        link.tickEvery(ms(100), s(20) + ms(100), s(50));
        assertThat(link.switches).isEmpty();

        link.tick(s(50));
        assertThat(link.switches).extracting(FailoverDecision.Switch::toPath).containsExactly("tunnel");
        link.tickEvery(ms(100), s(50), s(100));
        assertThat(link.switches).hasSize(1);
    }

    @Test
    void restartOnBackupWithAHealthyTunnelFailsBackOnceAfterTheDelay() {
        Harness link = Harness.startingOn("proxy");
        link.bfd(BfdState.UP, s(1));
        link.tickEvery(ms(100), s(1), s(100));

        assertThat(link.switches).extracting(FailoverDecision.Switch::atNanos).containsExactly(s(31));
    }

    @Test
    void restartOnTunnelWithTheLinkDownFailsOver() {
        Harness link = new Harness(LinkPolicy.defaults(), false, FailoverDecision.Policy.DEFAULT,
                Optional.of("tunnel"));
        for (long t = 0; t < 2_000; t += 100) {
            link.probe(icmpLost(), ms(t));
        }

        assertThat(link.switches).hasSize(1);
        assertThat(link.switches.getFirst().fromPath()).isEqualTo("tunnel");
        assertThat(link.switches.getFirst().toPath()).isEqualTo("proxy");
        assertThat(link.switches.getFirst().atNanos()).isEqualTo(ms(400)); // the 5th sample: 100% loss
        assertThat(link.switches.getFirst().reason())
                .isEqualTo("link down: loss 100.0% over 10s >= 50.0% (down enter)");
    }

    @Test
    void restartOnTunnelWithUnknownHealthStaysOnTheTunnel() {
        Harness link = Harness.startingOn("tunnel");
        link.tickEvery(ms(100), 0, s(9));

        assertThat(link.switches).isEmpty();
    }

    @Test
    void withNoKnownPathTheFirstJudgementDecidesAtOnce() {
        Harness up = Harness.startingOn("tunnel");
        Harness fresh = new Harness(LinkPolicy.defaults(), true, FailoverDecision.Policy.DEFAULT, Optional.empty());
        assertThat(fresh.decision.currentPath()).isEqualTo(FailoverDecision.NO_PATH);

        fresh.bfd(BfdState.UP, s(1));

        assertThat(fresh.switches).containsExactly(new FailoverDecision.Switch(FailoverDecision.NO_PATH, "tunnel",
                "link up at start: BFD Up", s(1)));
        assertThat(up.switches).isEmpty();
    }

    @Test
    void aFurtherTierCountsAsBackupAndIsNeverChosen() {
        FailoverDecision decision = new FailoverDecision(List.of("tunnel", "proxy", "lte"),
                FailoverDecision.Policy.DEFAULT, Optional.of("lte"));
        LinkHealth health = new LinkHealth(LinkPolicy.defaults(), true, 0);
        health.onBfd(BfdState.UP, io.linkguard.bfd.packet.Diagnostic.NONE, 0);

        assertThat(decision.evaluate(health.snapshot(s(29)))).isEmpty();
        assertThat(decision.failoverActive()).isTrue();
        assertThat(decision.evaluate(health.snapshot(s(30)))).map(FailoverDecision.Switch::fromPath).contains("lte");
    }

    @Test
    void rejectsBadPaths() {
        assertThatThrownBy(() -> new FailoverDecision(List.of("tunnel"), FailoverDecision.Policy.DEFAULT,
                Optional.empty())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new FailoverDecision(List.of("tunnel", "proxy"), FailoverDecision.Policy.DEFAULT,
                Optional.of("lte"))).isInstanceOf(IllegalArgumentException.class);
    }
}
