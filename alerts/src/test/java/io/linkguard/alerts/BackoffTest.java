package io.linkguard.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class BackoffTest {
    private static final long S = 1_000_000_000L;

    @Test
    void ceilingDoublesFromInitialUpToTheCap() {
        Backoff b = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(300), () -> 0.5);

        List<Long> ceilings = new ArrayList<>();
        for (int failures = 1; failures <= 12; failures++) {
            ceilings.add(b.ceilingNanos(failures) / S);
        }
        assertThat(ceilings).containsExactly(1L, 2L, 4L, 8L, 16L, 32L, 64L, 128L, 256L, 300L, 300L, 300L);
        assertThat(b.ceilingNanos(10_000)).isEqualTo(300 * S);
    }

    @Test
    void fullJitterIsUniformBetweenZeroAndTheCeiling() {
        assertThat(new Backoff(Duration.ofSeconds(1), Duration.ofMinutes(5), () -> 0.0).delayNanos(4)).isZero();
        assertThat(new Backoff(Duration.ofSeconds(1), Duration.ofMinutes(5), () -> 0.5).delayNanos(4))
                .isEqualTo(4 * S);
        SplittableRandom random = new SplittableRandom(7);
        Backoff b = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(5), random::nextDouble);
        for (int i = 0; i < 1000; i++) {
            assertThat(b.delayNanos(3)).isBetween(0L, 400_000_000L);
        }
    }
}
