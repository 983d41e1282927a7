package io.linkguard.agent.health;

import io.linkguard.agent.health.HealthTransition.Reason;
import io.linkguard.bfd.packet.BfdState;
import io.linkguard.bfd.packet.Diagnostic;
import io.linkguard.probes.ProbeKind;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import static io.linkguard.agent.health.Results.icmpOk;
import static io.linkguard.agent.health.Results.ms;
import static io.linkguard.agent.health.Results.tcpOk;
import static org.assertj.core.api.Assertions.assertThat;

/** No stale Up: a link whose probe results stop arriving goes UNKNOWN (no_samples), on a fake clock. */
class LinkHealthNoSamplesTest {
    private static final Duration SECOND = Duration.ofSeconds(1);

    /** ICMP every second with a 500 ms timeout: max(3 s, 1 s + 0.5 s + 1 s, 2 s) = 3 s. */
    private static final Duration ICMP_BOUND = LinkHealth.silenceBound(SECOND, Duration.ofMillis(500));

    private LinkHealth health = new LinkHealth(LinkPolicy.defaults(), false, Map.of(ProbeKind.ICMP, ICMP_BOUND), 0);

    /** ICMP results every 100 ms in [fromMs, toMs): UP after min samples. */
    private void feed(long fromMs, long toMs) {
        for (long t = fromMs; t < toMs; t += 100) {
            health.onProbe(icmpOk(20), ms(t));
        }
    }

    @Test
    void silenceBoundIsThreeIntervalsButAtLeastTwoSeconds() {
        assertThat(LinkHealth.silenceBound(Duration.ofMillis(100), Duration.ofMillis(50))).isEqualTo(Duration.ofSeconds(2));
        assertThat(LinkHealth.silenceBound(Duration.ofSeconds(5), Duration.ofSeconds(2))).isEqualTo(Duration.ofSeconds(15));
    }

    @Test
    void aTimeoutLongerThanTheIntervalStretchesTheBound() {
        // 500 ms interval, 2 s timeout (ICMP's default): after the last reply the next result, a loss,
        // comes 2.5 s later. A 2 s bound turned every real outage into UNKNOWN first (a warning and a
        // "resolved" alert while the link died, and a doubled flap penalty).
        assertThat(LinkHealth.silenceBound(Duration.ofMillis(500), Duration.ofSeconds(2))).isEqualTo(Duration.ofMillis(3500));
        health = new LinkHealth(LinkPolicy.defaults(), false,
                Map.of(ProbeKind.ICMP, LinkHealth.silenceBound(Duration.ofMillis(500), Duration.ofSeconds(2))), 0);
        feed(0, 1000);
        assertThat(health.state()).isEqualTo(LinkState.UP);
        // The tunnel dies after the reply at 900 ms: the next request's loss is reported at ~3.4 s.
        assertThat(health.evaluate(ms(3400))).isEmpty();
        assertThat(health.state()).isEqualTo(LinkState.UP);
    }

    @Test
    void anUpLinkWhoseSamplesStopGoesUnknownThenBackUp() {
        feed(0, 1000);
        assertThat(health.state()).isEqualTo(LinkState.UP);
        // Last sample at 900 ms; bound max(3 x 1 s, 2 s) = 3 s. Before the change the link stayed UP for ever.
        assertThat(health.evaluate(ms(3900))).isEmpty();
        Optional<HealthTransition> t = health.evaluate(ms(3901));
        assertThat(t).hasValueSatisfying(tr -> {
            assertThat(tr.from()).isEqualTo(LinkState.UP);
            assertThat(tr.to()).isEqualTo(LinkState.UNKNOWN);
            assertThat(tr.reason()).isEqualTo(Reason.NO_SAMPLES);
            assertThat(tr.reason().label()).isEqualTo("no_samples");
            assertThat(tr.detail()).startsWith("no probe results: icmp silent 3001ms > 3s");
        });
        assertThat(health.evaluate(ms(10_000))).as("once").isEmpty();

        feed(10_000, 10_500);
        assertThat(health.state()).isEqualTo(LinkState.UP);
        assertThat(health.snapshot(ms(10_500)).lastTransition()).hasValueSatisfying(tr -> {
            assertThat(tr.from()).isEqualTo(LinkState.UNKNOWN);
            assertThat(tr.reason()).isEqualTo(Reason.PROBES_RECOVERED);
        });
    }

    @Test
    void oneProbeKindStillReportingKeepsTheLinkJudged() {
        health = new LinkHealth(LinkPolicy.defaults(), false, Map.of(ProbeKind.ICMP, ICMP_BOUND, ProbeKind.TCP,
                LinkHealth.silenceBound(Duration.ofSeconds(5), Duration.ofSeconds(2))), 0);
        feed(0, 1000);
        assertThat(health.state()).isEqualTo(LinkState.UP);
        for (long t = 2000; t <= 20_000; t += 5000) {
            health.onProbe(tcpOk(443), ms(t));
            assertThat(health.evaluate(ms(t))).as("tcp still reports at %d ms", t).isEmpty();
        }
    }

    @Test
    void aStartupWithoutSamplesIsNoTransitionAndTheFirstUpIsStartup() {
        assertThat(health.evaluate(ms(5000))).isEmpty();
        assertThat(health.state()).isEqualTo(LinkState.UNKNOWN);
        feed(5000, 5500);
        assertThat(health.snapshot(ms(5500)).lastTransition()).hasValueSatisfying(tr ->
                assertThat(tr.reason()).isEqualTo(Reason.STARTUP));
    }

    @Test
    void bfdLinksAreJudgedByBfdNotBySilence() {
        health = new LinkHealth(LinkPolicy.defaults(), true, Map.of(ProbeKind.ICMP, ICMP_BOUND), 0);
        health.onBfd(BfdState.UP, Diagnostic.NONE, ms(100));
        assertThat(health.state()).isEqualTo(LinkState.UP);
        assertThat(health.evaluate(ms(60_000))).isEmpty();
        assertThat(health.state()).isEqualTo(LinkState.UP);
    }
}
