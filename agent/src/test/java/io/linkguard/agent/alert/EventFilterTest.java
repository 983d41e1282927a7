package io.linkguard.agent.alert;

import static org.assertj.core.api.Assertions.assertThat;

import io.linkguard.agent.config.ChannelFilter;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class EventFilterTest {
    private static AlertEvent event(AlertKind kind, Severity severity) {
        return new AlertEvent(kind, severity, "la-sg", "down", "", Map.of(), Instant.EPOCH, null);
    }

    @Test
    void theConfigsEventKindsAreExactlyTheKindsAnOperatorCanName() {
        assertThat(ChannelFilter.EVENT_KINDS).containsExactlyElementsOf(Arrays.stream(AlertKind.values())
                .filter(k -> k != AlertKind.TEST).map(AlertKind::label).toList());
        assertThat(ChannelFilter.SEVERITIES).containsExactlyElementsOf(Arrays.stream(Severity.values())
                .map(Severity::label).toList());
    }

    @Test
    void withoutAFilterEverythingPasses() {
        EventFilter all = EventFilter.of(ChannelFilter.ALL);
        for (AlertKind k : AlertKind.values()) {
            for (Severity s : Severity.values()) {
                assertThat(all.accepts(event(k, s))).as(k + " " + s).isTrue();
            }
        }
    }

    @Test
    void minSeverityHoldsBackLesserEventsButNeverResolved() {
        EventFilter pager = EventFilter.of(new ChannelFilter(Set.of(), "critical"));
        assertThat(pager.accepts(event(AlertKind.LINK_STATE, Severity.CRITICAL))).isTrue();
        assertThat(pager.accepts(event(AlertKind.LINK_STATE, Severity.WARNING))).isFalse();
        assertThat(pager.accepts(event(AlertKind.BFD_UP, Severity.INFO))).isFalse();
        assertThat(pager.accepts(event(AlertKind.RESOLVED, Severity.INFO))).isTrue();
        assertThat(pager.accepts(event(AlertKind.TEST, Severity.INFO))).isTrue();
    }

    @Test
    void eventsListsTheKindsSentAndBothRulesApply() {
        EventFilter f = EventFilter.of(new ChannelFilter(Set.of("failover", "failback"), "warning"));
        assertThat(f.accepts(event(AlertKind.FAILOVER, Severity.WARNING))).isTrue();
        assertThat(f.accepts(event(AlertKind.FAILBACK, Severity.INFO))).isFalse();
        assertThat(f.accepts(event(AlertKind.LINK_STATE, Severity.CRITICAL))).isFalse();
        assertThat(f.accepts(event(AlertKind.RESOLVED, Severity.INFO))).isFalse(); // not listed
        assertThat(f.accepts(event(AlertKind.TEST, Severity.INFO))).isTrue();
    }
}
