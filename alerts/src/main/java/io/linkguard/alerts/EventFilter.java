package io.linkguard.alerts;

import io.linkguard.alerts.config.ChannelFilter;

import java.util.EnumSet;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Whether a channel is sent an event: its {@code events:} and {@code min_severity:}, applied at publish
 * time. They choose which problems a channel hears of; once it heard of one, it hears everything about
 * it until the event that ends it (a link's resolved, a failback, a BFD Up), whatever their kind and
 * severity. Otherwise a pager that got "BFD Down" would never get "BFD Up", and an Alertmanager alert
 * whose ending was filtered out would fire for ever. An ending of a problem this filter never saw
 * (it began before a restart or a reload) is sent: one message too many beats an alert left open.
 */
final class EventFilter {
    private final Set<AlertKind> kinds;
    private final Severity minSeverity;
    /** Open problems by {@link #problem} key: whether this channel was told of them. */
    private final Map<String, Boolean> told = new HashMap<>();

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

    /** Called by every producer thread through {@link AlertDispatcher#publish}, in event order per link. */
    synchronized boolean accepts(AlertEvent e) {
        Optional<String> key = problem(e);
        if (key.isEmpty()) {
            return selected(e);
        }
        if (ends(e)) {
            Boolean wasTold = told.remove(key.get());
            return wasTold == null || wasTold;
        }
        if (Boolean.TRUE.equals(told.get(key.get()))) {
            return true; // e.g. down -> degraded of a link whose Down the channel heard
        }
        boolean pass = selected(e);
        told.put(key.get(), pass);
        return pass;
    }

    private boolean selected(AlertEvent e) {
        return e.kind() == AlertKind.TEST || kinds.contains(e.kind()) && e.severity().compareTo(minSeverity) >= 0;
    }

    /**
     * The problem an event begins, updates or ends, named by the kind that begins it
     * ({@link ChannelFilter#ENDS}, the one pairing the config also checks); empty for one-shots
     * (action failed, PMTU drop, test).
     */
    private static Optional<String> problem(AlertEvent e) {
        String label = e.kind().label();
        String begins = ChannelFilter.ENDS.getOrDefault(label, label);
        return ChannelFilter.ENDS.containsValue(begins) ? Optional.of(begins + "/" + e.link()) : Optional.empty();
    }

    /** A link_state to "up" ends the link's problem as a resolved does. */
    private static boolean ends(AlertEvent e) {
        return ChannelFilter.ENDS.containsKey(e.kind().label())
                || e.kind() == AlertKind.LINK_STATE && e.state().equals("up");
    }
}
