package io.linkguard.agent.health;

import static io.linkguard.agent.health.Results.icmp;
import static io.linkguard.agent.health.Results.icmpLost;
import static io.linkguard.agent.health.Results.icmpOk;
import static io.linkguard.agent.health.Results.ms;
import static org.assertj.core.api.Assertions.assertThat;

import io.linkguard.agent.health.HealthTransition.Reason;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** ICMP loss, RTT and jitter with the default policy: window 10 s, 5 samples, min time in state 2 s. */
class LinkHealthLossTest {

    private LinkHealth health = new LinkHealth(LinkPolicy.defaults(), false, 0);

    /** One ICMP result every 100 ms from {@code fromMs} up to (not including) {@code toMs}. */
    private Optional<HealthTransition> feed(long fromMs, long toMs, boolean lost) {
        Optional<HealthTransition> last = Optional.empty();
        for (long t = fromMs; t < toMs; t += 100) {
            Optional<HealthTransition> transition = health.onProbe(icmp(lost), ms(t));
            if (transition.isPresent()) {
                last = transition;
            }
        }
        return last;
    }

    @Test
    void unknownUntilMinSamplesThenUp() {
        for (int i = 0; i < 4; i++) {
            assertThat(health.onProbe(icmpOk(20), ms(100 * i))).isEmpty();
        }
        assertThat(health.state()).isEqualTo(LinkState.UNKNOWN);

        Optional<HealthTransition> up = health.onProbe(icmpOk(20), ms(400));

        assertThat(up).contains(new HealthTransition(LinkState.UNKNOWN, LinkState.UP, Reason.STARTUP,
                "loss 0.0% over 10s (5 samples)", Double.NaN, Double.NaN, ms(400)));
    }

    @Test
    void hysteresisEntersAtEnterStaysBetweenAndLeavesAtLeave() {
        feed(0, 20_000, false);                  // 100 results per 10 s window
        assertThat(health.state()).isEqualTo(LinkState.UP);

        // The 5th loss in a row makes 5 of 100: 5% >= 5% (degraded enter).
        assertThat(feed(20_000, 20_400, true)).isEmpty();
        Optional<HealthTransition> degraded = health.onProbe(icmpLost(), ms(20_400));
        assertThat(degraded).contains(new HealthTransition(LinkState.UP, LinkState.DEGRADED, Reason.LOSS_ABOVE,
                "loss 5.0% over 10s >= 5.0% (degraded enter)", 0.05, 0.05, ms(20_400)));

        // 6 lost; from t=30.0 s they slide out one per probe: 5%, 4%, 3%, 2% stay degraded (above 1% leave).
        health.onProbe(icmpLost(), ms(20_500));
        assertThat(feed(20_600, 30_400, false)).isEmpty();
        assertThat(health.state()).isEqualTo(LinkState.DEGRADED);
        assertThat(health.snapshot(ms(30_300)).lossRatio()).isEqualTo(0.02);

        Optional<HealthTransition> up = health.onProbe(icmpOk(20), ms(30_400));
        assertThat(up).contains(new HealthTransition(LinkState.DEGRADED, LinkState.UP, Reason.LOSS_BELOW,
                "loss 1.0% over 10s <= 1.0% (degraded leave)", 0.01, 0.01, ms(30_400)));
    }

    @Test
    void minTimeInStateDelaysAChangeThatIsNotToDown() {
        feed(0, 500, false);                     // UP at 400 ms
        health.onProbe(icmpLost(), ms(500));     // 1 of 6 lost: 16.7%, but UP only 100 ms ago

        assertThat(health.state()).isEqualTo(LinkState.UP);
        assertThat(health.evaluate(ms(2_399))).isEmpty();
        Optional<HealthTransition> degraded = health.evaluate(ms(2_400));
        assertThat(degraded).map(HealthTransition::to).contains(LinkState.DEGRADED);
        assertThat(degraded).map(HealthTransition::value).contains(1 / 6.0); // the figure that crossed
        assertThat(degraded).map(HealthTransition::detail).contains("loss 16.7% over 10s >= 5.0% (degraded enter)");
    }

    @Test
    void lossAboveDownEnterIsDownAtOnceAndLeavesThroughDegraded() {
        feed(0, 1_000, false);                   // 10 results, UP
        health.onProbe(icmpLost(), ms(1_000));
        health.onProbe(icmpLost(), ms(1_100));   // 2 of 12: degraded enter crossed, but min time not run out
        assertThat(health.state()).isEqualTo(LinkState.UP);

        Optional<HealthTransition> down = feed(1_200, 2_500, true);  // at 1.9 s: 10 of 20 lost

        assertThat(down).map(HealthTransition::to).contains(LinkState.DOWN);
        assertThat(down).map(HealthTransition::reason).contains(Reason.LOSS_ABOVE);
        assertThat(down.orElseThrow().detail()).endsWith(">= 50.0% (down enter)");
        assertThat(down.orElseThrow().atNanos()).isLessThan(ms(2_400)); // no min time for DOWN

        // Good results dilute the loss: below 20% it leaves DOWN, and stays DEGRADED above 1%.
        Optional<HealthTransition> degraded = feed(2_500, 10_000, false);
        assertThat(degraded).map(HealthTransition::to).contains(LinkState.DEGRADED);
        assertThat(degraded).map(HealthTransition::reason).contains(Reason.LOSS_BELOW);
        assertThat(degraded.orElseThrow().detail()).contains("<= 20.0% (down leave); still degraded: loss");
    }

    @Test
    void rttMedianAboveEnterIsDegradedAndBelowLeaveIsUp() {
        health = new LinkHealth(LinkPolicy.defaults().withRttDegraded(new LinkPolicy.DelayHysteresis(
                Duration.ofMillis(250), Duration.ofMillis(200))), false, 0);
        for (int i = 0; i < 5; i++) {
            health.onProbe(icmpOk(300), ms(100 * i));
        }

        assertThat(health.snapshot(ms(400)).lastTransition()).contains(new HealthTransition(LinkState.UNKNOWN,
                LinkState.DEGRADED, Reason.RTT_ABOVE, "rtt median 300.0ms over 10s >= 250ms (degraded enter)",
                0.3, 0.25, ms(400)));

        for (int i = 5; i < 30; i++) {           // 220 ms: between leave and enter, still degraded
            health.onProbe(icmpOk(220), ms(100 * i));
        }
        assertThat(health.state()).isEqualTo(LinkState.DEGRADED);
        Optional<HealthTransition> up = Optional.empty();
        for (int i = 30; i < 60 && up.isEmpty(); i++) {
            up = health.onProbe(icmpOk(150), ms(100 * i));
        }
        assertThat(up).map(HealthTransition::reason).contains(Reason.RTT_BELOW);
        assertThat(up.orElseThrow().detail()).endsWith("<= 200ms (degraded leave)");
    }

    @Test
    void jitterAboveEnterIsDegraded() {
        health = new LinkHealth(LinkPolicy.defaults().withJitterDegraded(new LinkPolicy.DelayHysteresis(
                Duration.ofMillis(30), Duration.ofMillis(20))), false, 0);
        Optional<HealthTransition> degraded = Optional.empty();
        for (int i = 0; i < 6 && degraded.isEmpty(); i++) {
            degraded = health.onProbe(icmpOk(i % 2 == 0 ? 100 : 140), ms(100 * i));
        }

        assertThat(degraded).map(HealthTransition::detail)
                .contains("jitter 40.0ms over 10s >= 30ms (degraded enter)");
        assertThat(degraded).map(HealthTransition::reason).contains(Reason.JITTER_ABOVE);
    }

    @Test
    void snapshotShowsTheFigures() {
        feed(0, 1_000, false);
        health.onProbe(icmpLost(), ms(1_000));

        LinkHealthSnapshot snapshot = health.snapshot(ms(1_000));

        assertThat(snapshot.state()).isEqualTo(LinkState.UP);
        assertThat(snapshot.sinceNanos()).isEqualTo(ms(400));
        assertThat(snapshot.samples()).isEqualTo(11);
        assertThat(snapshot.lossRatio()).isEqualTo(1 / 11.0);
        assertThat(snapshot.medianRttNanos()).isEqualTo(ms(20));
        assertThat(snapshot.jitterNanos()).isZero();
        assertThat(snapshot.penalty()).isZero();
        assertThat(snapshot.suppressed()).isFalse();
        assertThat(snapshot.stableUpFor()).isEqualTo(Duration.ofMillis(600));
        assertThat(health.stableUpFor(ms(1_000))).isEqualTo(Duration.ofMillis(600));
    }
}
