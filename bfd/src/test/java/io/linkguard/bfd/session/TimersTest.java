package io.linkguard.bfd.session;

import org.junit.jupiter.api.Test;

import java.util.Random;
import java.util.random.RandomGenerator;

import static org.assertj.core.api.Assertions.assertThat;

class TimersTest {
    @Test
    void detectionTimeIsRemoteMultTimesTheSlowerOfOurRxAndTheirTx() {
        assertThat(Timers.detectionTimeMicros(3, 100_000, 50_000)).isEqualTo(300_000);
        assertThat(Timers.detectionTimeMicros(3, 50_000, 100_000)).isEqualTo(300_000);
        assertThat(Timers.detectionTimeMicros(5, 300_000, 1_000_000)).isEqualTo(5_000_000);
        assertThat(Timers.detectionTimeMicros(255, 0xFFFF_FFFFL, 1)).isEqualTo(255L * 0xFFFF_FFFFL);
    }

    @Test
    void negotiatedIntervalIsTheGreaterOfDesiredTxAndRemoteRxWhenUp() {
        assertThat(Timers.negotiatedTxIntervalMicros(100_000, 300_000, true)).isEqualTo(300_000);
        assertThat(Timers.negotiatedTxIntervalMicros(300_000, 100_000, true)).isEqualTo(300_000);
        assertThat(Timers.negotiatedTxIntervalMicros(10_000, 1, true)).isEqualTo(10_000);
    }

    @Test
    void notUpTheDesiredTxIsAtLeastOneSecond() {
        assertThat(Timers.effectiveDesiredMinTxMicros(100_000, false)).isEqualTo(1_000_000);
        assertThat(Timers.effectiveDesiredMinTxMicros(2_000_000, false)).isEqualTo(2_000_000);
        assertThat(Timers.effectiveDesiredMinTxMicros(100_000, true)).isEqualTo(100_000);
        assertThat(Timers.negotiatedTxIntervalMicros(100_000, 1, false)).isEqualTo(1_000_000);
        assertThat(Timers.negotiatedTxIntervalMicros(100_000, 3_000_000, false)).isEqualTo(3_000_000);
    }

    @Test
    void remoteMinRxZeroMeansNoPeriodicTransmission() {
        assertThat(Timers.negotiatedTxIntervalMicros(100_000, 0, true)).isEqualTo(Timers.NO_PERIODIC_TX);
        assertThat(Timers.negotiatedTxIntervalMicros(100_000, 0, false)).isEqualTo(Timers.NO_PERIODIC_TX);
    }

    @Test
    void jitterStaysWithin75And100PercentAndReachesBothEnds() {
        RandomGenerator random = new Random(5880);
        long min = Long.MAX_VALUE;
        long max = Long.MIN_VALUE;
        for (int i = 0; i < 10_000; i++) {
            long v = Timers.jitteredMicros(1_000_000, 3, random);
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        assertThat(min).isGreaterThanOrEqualTo(750_000).isLessThan(751_000);
        assertThat(max).isLessThanOrEqualTo(1_000_000).isGreaterThan(999_000);
    }

    @Test
    void jitterWithDetectMultOneStaysWithin75And90Percent() {
        RandomGenerator random = new Random(5881);
        long min = Long.MAX_VALUE;
        long max = Long.MIN_VALUE;
        for (int i = 0; i < 10_000; i++) {
            long v = Timers.jitteredMicros(1_000_000, 1, random);
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        assertThat(min).isGreaterThanOrEqualTo(750_000).isLessThan(751_000);
        assertThat(max).isLessThanOrEqualTo(900_000).isGreaterThan(899_000);
    }

    @Test
    void jitterOfTinyIntervalsRoundsInsideTheBounds() {
        RandomGenerator random = new Random(1);
        for (int i = 0; i < 100; i++) {
            assertThat(Timers.jitteredMicros(4, 3, random)).isBetween(3L, 4L);
            assertThat(Timers.jitteredMicros(10, 1, random)).isBetween(8L, 9L);
            assertThat(Timers.jitteredMicros(1, 3, random)).isEqualTo(1);
        }
        assertThat(Timers.jitteredMicros(0, 3, random)).isZero();
    }

    @Test
    void microsToNanosSaturates() {
        assertThat(Timers.microsToNanos(1_500)).isEqualTo(1_500_000);
        assertThat(Timers.microsToNanos(Long.MAX_VALUE / 10)).isEqualTo(Long.MAX_VALUE);
        assertThat(Timers.microsToNanos(-Long.MAX_VALUE / 10)).isEqualTo(Long.MIN_VALUE);
    }
}
