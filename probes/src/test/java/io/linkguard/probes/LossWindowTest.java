package io.linkguard.probes;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LossWindowTest {
    @Test
    void emptyWindowHasNoLossRatio() {
        assertThat(new LossWindow(10).lossRatio()).isNaN();
    }

    @Test
    void ratioOverAPartlyFilledWindow() {
        LossWindow w = new LossWindow(10);
        w.record(true);
        w.record(false);
        w.record(false);
        w.record(false);
        assertThat(w.lossRatio()).isEqualTo(0.25);
        assertThat(w.size()).isEqualTo(4);
    }

    @Test
    void oldOutcomesSlideOut() {
        LossWindow w = new LossWindow(4);
        for (int i = 0; i < 4; i++) {
            w.record(true);
        }
        assertThat(w.lossRatio()).isEqualTo(1.0);
        for (int i = 0; i < 3; i++) {
            w.record(false);
        }
        assertThat(w.lossRatio()).isEqualTo(0.25);
        w.record(false);
        assertThat(w.lossRatio()).isZero();
        assertThat(w.size()).isEqualTo(4);
    }

    @Test
    void capacityMustBePositive() {
        assertThatThrownBy(() -> new LossWindow(0)).hasMessage("window capacity 0 (expected: >= 1)");
    }
}
