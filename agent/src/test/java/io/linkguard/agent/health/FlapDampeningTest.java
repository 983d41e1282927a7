package io.linkguard.agent.health;

import static io.linkguard.agent.health.Results.ms;
import static io.linkguard.agent.health.Results.s;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** RFC 2439 arithmetic with the defaults: penalty 1000, half-life 60 s, suppress 2000, reuse 750, 15 min. */
class FlapDampeningTest {

    private final FlapDampening dampening = new FlapDampening(LinkPolicy.Dampening.DEFAULT);

    @Test
    void penaltyHalvesEveryHalfLife() {
        dampening.flap(s(10));

        assertThat(dampening.penalty(s(10))).isEqualTo(1000.0);
        assertThat(dampening.penalty(s(70))).isEqualTo(500.0);
        assertThat(dampening.penalty(s(130))).isEqualTo(250.0);
        assertThat(dampening.penalty(s(40))).isCloseTo(1000 / Math.sqrt(2), org.assertj.core.data.Offset.offset(1e-9));
    }

    @Test
    void penaltiesAddUpAfterDecay() {
        dampening.flap(0);
        dampening.flap(s(60));

        assertThat(dampening.penalty(s(60))).isEqualTo(1500.0);
    }

    @Test
    void suppressedAboveSuppressUntilBelowReuse() {
        dampening.flap(0);
        dampening.flap(0);
        assertThat(dampening.penalty(0)).isEqualTo(2000.0);
        assertThat(dampening.suppressed(0)).as("2000 is not above 2000").isFalse();

        dampening.flap(0);                       // 3000: suppressed until it halves twice, to 750
        assertThat(dampening.suppressed(0)).isTrue();
        assertThat(dampening.suppressed(s(119))).isTrue();
        assertThat(dampening.reuseAtNanos(0)).hasValue(s(120));
        assertThat(dampening.suppressed(s(120) + ms(1))).isFalse();
        assertThat(dampening.reuseAtNanos(s(121))).isEmpty();
    }

    @Test
    void aFlapAfterReuseCountsFromTheDecayedPenalty() {
        dampening.flap(0);
        dampening.flap(0);
        dampening.flap(0);                       // 3000, suppressed
        dampening.flap(s(180));                  // 375 + 1000: back below suppress, no longer suppressed

        assertThat(dampening.penalty(s(180))).isEqualTo(1375.0);
        assertThat(dampening.suppressed(s(180))).isFalse();
    }

    @Test
    void maxSuppressCapsThePenaltySoSuppressionEndsThatLongAfterTheLastFlap() {
        FlapDampening capped = new FlapDampening(new LinkPolicy.Dampening(1000, Duration.ofSeconds(60), 2000, 750,
                Duration.ofMinutes(3)));
        for (int i = 0; i < 100; i++) {
            capped.flap(s(i));
        }

        assertThat(capped.penalty(s(99))).isEqualTo(6000.0); // 750 * 2^(180 s / 60 s)
        assertThat(capped.suppressed(s(99 + 179))).isTrue();
        assertThat(capped.suppressed(s(99 + 180) + ms(1))).isFalse();
    }

    @Test
    void defaultCeilingIsFifteenMinutesOfDecayAboveReuse() {
        assertThat(LinkPolicy.Dampening.DEFAULT.ceiling()).isEqualTo(750.0 * 32768);
    }

    @Test
    void zeroPenaltyTurnsDampeningOff() {
        FlapDampening off = new FlapDampening(new LinkPolicy.Dampening(0, Duration.ofSeconds(60), 2000, 750,
                Duration.ofMinutes(15)));
        for (int i = 0; i < 100; i++) {
            off.flap(s(i));
        }

        assertThat(off.penalty(s(100))).isZero();
        assertThat(off.suppressed(s(100))).isFalse();
    }

    @Test
    void linkHealthAddsThePenaltyWhenLeavingUpOnly() {
        LinkHealth health = new LinkHealth(LinkPolicy.defaults(), true, 0);
        health.onBfd(io.linkguard.bfd.packet.BfdState.UP, io.linkguard.bfd.packet.Diagnostic.NONE, 0);
        health.onBfd(io.linkguard.bfd.packet.BfdState.DOWN,
                io.linkguard.bfd.packet.Diagnostic.CONTROL_DETECTION_TIME_EXPIRED, s(1));

        assertThat(health.snapshot(s(1)).penalty()).isEqualTo(1000.0);
        assertThat(health.snapshot(s(61)).penalty()).isEqualTo(500.0);
        assertThat(health.suppressed(s(61))).isFalse();
    }
}
