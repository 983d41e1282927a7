package io.linkguard.agent.alert;

import io.linkguard.agent.config.ChannelFilter;

import java.util.EnumSet;
import java.util.Set;

/** Whether a channel is sent an event: its {@code events:} and {@code min_severity:}, applied at publish time. */
final class EventFilter {
    private final Set<AlertKind> kinds;
    private final Severity minSeverity;

    private EventFilter(Set<AlertKind> kinds, Severity minSeverity) {
        this.kinds = kinds;
        this.minSeverity = minSeverity;
    }

    static EventFilter of(ChannelFilter config) {
        Set<AlertKind> kinds = EnumSet.allOf(AlertKind.class);
        if (!config.events().isEmpty()) {
            kinds = EnumSet.of(AlertKind.TEST); // a test message is always for every channel
            for (String label : config.events()) {
                kinds.add(AlertKind.ofLabel(label));
            }
        }
        return new EventFilter(kinds, Severity.ofLabel(config.minSeverity()));
    }

    boolean accepts(AlertEvent e) {
        if (!kinds.contains(e.kind())) {
            return false;
        }
        // "resolved" ends a problem the channel was told about at a higher severity: never held back by it.
        return e.kind() == AlertKind.RESOLVED || e.kind() == AlertKind.TEST
                || e.severity().compareTo(minSeverity) >= 0;
    }
}
