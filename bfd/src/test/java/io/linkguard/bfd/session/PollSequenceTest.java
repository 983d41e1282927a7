package io.linkguard.bfd.session;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PollSequenceTest {
    @Test
    void withNoPeerTimingChangesApplyAtOnceWithoutAPoll() {
        PollSequence p = new PollSequence(1_000_000, 100_000);
        p.update(2_000_000, 50_000, false);
        assertThat(p.inProgress()).isFalse();
        assertThat(p.txDesiredInEffectMicros()).isEqualTo(2_000_000);
        assertThat(p.rxRequiredInEffectMicros()).isEqualTo(50_000);
        assertThat(p.finalReceived()).isFalse();
    }

    @Test
    void increaseOfTxAndDecreaseOfRxWaitForTheFinal() {
        PollSequence p = new PollSequence(100_000, 100_000);
        p.update(300_000, 50_000, true);
        assertThat(p.inProgress()).isTrue();
        assertThat(p.advertisedDesiredMinTxMicros()).isEqualTo(300_000);
        assertThat(p.advertisedRequiredMinRxMicros()).isEqualTo(50_000);
        assertThat(p.txDesiredInEffectMicros()).isEqualTo(100_000);
        assertThat(p.rxRequiredInEffectMicros()).isEqualTo(100_000);
        assertThat(p.finalReceived()).isTrue();
        assertThat(p.inProgress()).isFalse();
        assertThat(p.txDesiredInEffectMicros()).isEqualTo(300_000);
        assertThat(p.rxRequiredInEffectMicros()).isEqualTo(50_000);
    }

    @Test
    void decreaseOfTxAndIncreaseOfRxApplyAtOnceButStillPoll() {
        PollSequence p = new PollSequence(100_000, 100_000);
        p.update(50_000, 200_000, true);
        assertThat(p.inProgress()).isTrue();
        assertThat(p.txDesiredInEffectMicros()).isEqualTo(50_000);
        assertThat(p.rxRequiredInEffectMicros()).isEqualTo(200_000);
    }

    @Test
    void unchangedValuesStartNoPoll() {
        PollSequence p = new PollSequence(100_000, 100_000);
        p.update(100_000, 100_000, true);
        assertThat(p.inProgress()).isFalse();
    }

    @Test
    void aChangeDuringAPollIsConfirmedByASecondPoll() {
        PollSequence p = new PollSequence(100_000, 100_000);
        p.update(500_000, 100_000, true);
        p.update(800_000, 100_000, true);
        assertThat(p.txDesiredInEffectMicros()).isEqualTo(100_000);
        // The first Final proves only that the peer saw 500 ms.
        assertThat(p.finalReceived()).isTrue();
        assertThat(p.inProgress()).isTrue();
        assertThat(p.txDesiredInEffectMicros()).isEqualTo(500_000);
        assertThat(p.finalReceived()).isTrue();
        assertThat(p.inProgress()).isFalse();
        assertThat(p.txDesiredInEffectMicros()).isEqualTo(800_000);
    }

    @Test
    void leavingInitOrUpCancelsThePoll() {
        PollSequence p = new PollSequence(100_000, 100_000);
        p.update(300_000, 50_000, true);
        p.update(1_000_000, 50_000, false);
        assertThat(p.inProgress()).isFalse();
        assertThat(p.txDesiredInEffectMicros()).isEqualTo(1_000_000);
        assertThat(p.rxRequiredInEffectMicros()).isEqualTo(50_000);
    }
}
