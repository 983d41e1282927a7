package io.linkguard.core.log;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class LogTest {
    @Test
    void underJournaldOnlyThePriorityPrefix() {
        assertThat(Log.format(Log.Level.ERROR, "link la-sg down", true)).isEqualTo("<3>link la-sg down");
        assertThat(Log.format(Log.Level.INFO, "x", true)).isEqualTo("<6>x");
    }

    @Test
    void onATerminalPriorityThenTimestamp() {
        assertThat(Log.format(Log.Level.NOTICE, "started", false))
                .matches("<5>\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}(Z|[+-]\\d\\d:\\d\\d) started");
    }

    @Test
    void newlinesNeverSplitAnEntry() {
        assertThat(Log.format(Log.Level.WARNING, "a\nb", true)).isEqualTo("<4>a b");
    }
}
