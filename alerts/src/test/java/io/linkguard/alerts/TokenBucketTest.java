package io.linkguard.alerts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TokenBucketTest {
    private static final long S = 1_000_000_000L;

    @Test
    void burstThenOnePerRefillPeriod() {
        TokenBucket b = new TokenBucket(3, 1, S, 0);

        assertThat(b.tryTake(0)).isTrue();
        assertThat(b.tryTake(0)).isTrue();
        assertThat(b.tryTake(0)).isTrue();
        assertThat(b.tryTake(0)).isFalse();
        assertThat(b.nanosUntilToken(0)).isEqualTo(S);
        assertThat(b.tryTake(S / 2)).isFalse();
        assertThat(b.nanosUntilToken(S / 2)).isEqualTo(S / 2);
        assertThat(b.tryTake(S)).isTrue();
        assertThat(b.tryTake(S)).isFalse();
    }

    @Test
    void neverHoldsMoreThanItsCapacity() {
        TokenBucket b = new TokenBucket(2, 20, 60 * S, 0);

        long later = 3600 * S;
        assertThat(b.tryTake(later)).isTrue();
        assertThat(b.tryTake(later)).isTrue();
        assertThat(b.hasToken(later)).isFalse();
        assertThat(b.nanosUntilToken(later)).isEqualTo(3 * S); // 20 per minute
    }

    @Test
    void overAnyIntervalAtMostCapacityPlusRateTimesLength() {
        TokenBucket b = new TokenBucket(3, 2, S, 0);
        int taken = 0;
        for (long t = 0; t <= 10 * S; t += S / 100) {
            while (b.tryTake(t)) {
                taken++;
            }
        }
        assertThat(taken).isEqualTo(3 + 2 * 10);
    }

    @Test
    void hasTokenDoesNotTake() {
        TokenBucket b = new TokenBucket(1, 1, S, 0);
        assertThat(b.hasToken(0)).isTrue();
        assertThat(b.hasToken(0)).isTrue();
        assertThat(b.tryTake(0)).isTrue();
        assertThat(b.hasToken(0)).isFalse();
    }

    @Test
    void rejectsNonPositiveParameters() {
        assertThatThrownBy(() -> new TokenBucket(0, 1, S, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new TokenBucket(1, 0, S, 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
