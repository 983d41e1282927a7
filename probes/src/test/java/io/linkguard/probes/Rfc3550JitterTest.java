package io.linkguard.probes;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class Rfc3550JitterTest {
    @Test
    void constantRttHasNoJitter() {
        Rfc3550Jitter j = new Rfc3550Jitter();
        for (int i = 0; i < 100; i++) {
            j.add(170_000_000);
        }
        assertThat(j.jitterSeconds()).isZero();
    }

    @Test
    void firstDifferenceMovesOneSixteenth() {
        Rfc3550Jitter j = new Rfc3550Jitter();
        j.add(100_000_000);
        j.add(116_000_000); // |D| = 16 ms -> J = 16/16 = 1 ms (RFC 3550 §6.4.1)
        assertThat(j.jitterSeconds()).isCloseTo(0.001, within(1e-12));
    }

    @Test
    void alternatingRttConvergesToTheDifference() {
        Rfc3550Jitter j = new Rfc3550Jitter();
        for (int i = 0; i < 500; i++) {
            j.add(i % 2 == 0 ? 100_000_000 : 110_000_000);
        }
        assertThat(j.jitterSeconds()).isCloseTo(0.010, within(1e-6));
    }
}
