package io.linkguard.probes.sched;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class FixedRateTest {
    @Test
    void onTimeFiringKeepsThePhase() {
        assertThat(FixedRate.nextDue(1000, 1003, 100)).isEqualTo(1100);
        assertThat(FixedRate.skipped(1000, 1100, 100)).isZero();
    }

    @Test
    void lateFiringDoesNotDriftTheSchedule() {
        // Ran 90 late: the next is still due on the original grid.
        assertThat(FixedRate.nextDue(1000, 1090, 100)).isEqualTo(1100);
    }

    @Test
    void firingLateByMoreThanAPeriodSkipsInsteadOfBursting() {
        // Due at 1000, ran at 1350: slots 1100, 1200, 1300 are missed; next is 1400.
        long next = FixedRate.nextDue(1000, 1350, 100);
        assertThat(next).isEqualTo(1400);
        assertThat(FixedRate.skipped(1000, next, 100)).isEqualTo(3);
    }

    @Test
    void firingExactlyOnTheNextSlotSkipsIt() {
        long next = FixedRate.nextDue(1000, 1100, 100);
        assertThat(next).isEqualTo(1200);
        assertThat(FixedRate.skipped(1000, next, 100)).isEqualTo(1);
    }
}
