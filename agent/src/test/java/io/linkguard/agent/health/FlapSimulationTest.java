package io.linkguard.agent.health;

import static io.linkguard.agent.health.Results.ms;
import static io.linkguard.agent.health.Results.s;
import static org.assertj.core.api.Assertions.assertThat;

import io.linkguard.bfd.packet.BfdState;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Issue scenario 4 on the fake clock: the tunnel flaps every 2 s for 60 s. At most 2 failovers, and
 * traffic stays on the backup until the tunnel is stable: Up for the failback delay and no longer
 * suppressed by dampening.
 */
class FlapSimulationTest {

    /** BFD Up at 0 s, Down at 2 s, Up at 4 s, ... Down at 58 s, Up at 60 s and from then on. */
    private static Harness flap(Harness link) {
        for (int second = 0; second <= 60; second += 2) {
            link.bfd(second % 4 == 0 ? BfdState.UP : BfdState.DOWN, s(second));
            link.tickEvery(ms(100), s(second) + ms(100), s(second + 2));
        }
        return link;
    }

    @ParameterizedTest(name = "starting on {0}")
    @ValueSource(strings = {"tunnel", "proxy", ""})
    void flappingForAMinuteFailsOverAtMostTwiceAndStaysOnBackupUntilStable(String start) {
        Harness link = new Harness(LinkPolicy.defaults(), true, FailoverDecision.Policy.DEFAULT,
                start.isEmpty() ? Optional.empty() : Optional.of(start));

        flap(link);

        assertThat(link.switchesTo("proxy")).isLessThanOrEqualTo(2);
        assertThat(link.switchesTo("tunnel")).isLessThanOrEqualTo(start.equals("") ? 1 : 0);
        assertThat(link.decision.currentPath()).isEqualTo("proxy");
        assertThat(link.health.suppressed(s(62))).isTrue();

        int before = link.switches.size();
        link.tickEvery(ms(100), s(62), s(900));

        assertThat(link.switches).hasSize(before + 1);
        FailoverDecision.Switch failback = link.switches.getLast();
        assertThat(failback.toPath()).isEqualTo("tunnel");
        assertThat(link.health.suppressed(failback.atNanos())).isFalse();
        assertThat(link.health.suppressed(failback.atNanos() - ms(100))).isTrue(); // held back by dampening alone
        assertThat(link.health.stableUpFor(failback.atNanos())).isGreaterThan(java.time.Duration.ofSeconds(30));
    }

    @Test
    void theFlapsAreCountedAsPenalty() {
        Harness link = flap(Harness.startingOn("tunnel"));

        // 15 departures from Up, 4 s apart: far above the suppress threshold of 2000.
        assertThat(link.health.snapshot(s(60)).penalty()).isGreaterThan(10_000);
        assertThat(link.health.snapshot(s(60)).suppressed()).isTrue();
    }
}
