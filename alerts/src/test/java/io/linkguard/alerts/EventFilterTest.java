package io.linkguard.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import io.linkguard.alerts.config.ChannelFilter;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class EventFilterTest {
    private static AlertEvent event(AlertKind kind, Severity severity, String state) {
        return new AlertEvent(kind, severity, "la-sg", state, "", Map.of(), Instant.EPOCH, null);
    }

    private static AlertEvent event(AlertKind kind, Severity severity) {
        return event(kind, severity, "down");
    }

    @Test
    void theConfigsVocabularyIsExactlyTheAlertKindsAndSeverities() {
        assertThat(ChannelFilter.EVENT_KINDS).containsExactlyElementsOf(Arrays.stream(AlertKind.values())
                .filter(k -> k != AlertKind.TEST).map(AlertKind::label).toList());
        assertThat(ChannelFilter.SEVERITIES).containsExactlyElementsOf(Arrays.stream(Severity.values())
                .map(Severity::label).toList());
        assertThat(ChannelFilter.ENDS).containsOnlyKeys("resolved", "failback", "bfd_up");
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
    void aChannelHearsTheEndOfEveryProblemItHeardTheStartOf() {
        EventFilter pager = EventFilter.of(new ChannelFilter(Set.of(), "critical"));
        assertThat(pager.accepts(event(AlertKind.BFD_DOWN, Severity.CRITICAL))).isTrue();
        assertThat(pager.accepts(event(AlertKind.BFD_UP, Severity.INFO))).isTrue(); // info, but it ends a Down
        assertThat(pager.accepts(event(AlertKind.FAILOVER, Severity.WARNING))).isFalse();
        assertThat(pager.accepts(event(AlertKind.FAILBACK, Severity.INFO))).isFalse(); // its failover was not sent
        assertThat(pager.accepts(event(AlertKind.LINK_STATE, Severity.CRITICAL, "down"))).isTrue();
        // an update of a problem the channel knows of passes whatever its severity
        assertThat(pager.accepts(event(AlertKind.LINK_STATE, Severity.WARNING, "degraded"))).isTrue();
        assertThat(pager.accepts(event(AlertKind.RESOLVED, Severity.INFO, "up"))).isTrue();
        assertThat(pager.accepts(event(AlertKind.PMTU_DROP, Severity.WARNING))).isFalse();
        assertThat(pager.accepts(event(AlertKind.TEST, Severity.INFO))).isTrue();
    }

    @Test
    void aProblemBelowTheBarIsHeardOnceItEscalatesAndItsEndFollows() {
        EventFilter pager = EventFilter.of(new ChannelFilter(Set.of(), "critical"));
        assertThat(pager.accepts(event(AlertKind.LINK_STATE, Severity.WARNING, "degraded"))).isFalse();
        assertThat(pager.accepts(event(AlertKind.LINK_STATE, Severity.CRITICAL, "down"))).isTrue();
        assertThat(pager.accepts(event(AlertKind.RESOLVED, Severity.INFO, "up"))).isTrue();
        // a degraded spell that never went down: neither its start nor its end
        assertThat(pager.accepts(event(AlertKind.LINK_STATE, Severity.WARNING, "degraded"))).isFalse();
        assertThat(pager.accepts(event(AlertKind.RESOLVED, Severity.INFO, "up"))).isFalse();
    }

    @Test
    void anEndingWhoseStartThisFilterNeverSawIsSent() {
        // the BFD Down happened before a restart or a reload rebuilt the filter
        EventFilter pager = EventFilter.of(new ChannelFilter(Set.of(), "critical"));
        assertThat(pager.accepts(event(AlertKind.BFD_UP, Severity.INFO))).isTrue();
    }

    @Test
    void eventsListsTheProblemsSentAndTheirEndingsComeWithThem() {
        EventFilter f = EventFilter.of(new ChannelFilter(Set.of("failover"), "info"));
        assertThat(f.accepts(event(AlertKind.FAILOVER, Severity.WARNING))).isTrue();
        assertThat(f.accepts(event(AlertKind.FAILBACK, Severity.INFO))).isTrue();
        assertThat(f.accepts(event(AlertKind.LINK_STATE, Severity.CRITICAL))).isFalse();
        assertThat(f.accepts(event(AlertKind.RESOLVED, Severity.INFO, "up"))).isFalse();
        assertThat(f.accepts(event(AlertKind.ACTION_FAILED, Severity.CRITICAL))).isFalse();
        assertThat(f.accepts(event(AlertKind.TEST, Severity.INFO))).isTrue();
    }
}
