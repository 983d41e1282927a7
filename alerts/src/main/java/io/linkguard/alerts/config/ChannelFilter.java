package io.linkguard.alerts.config;

import io.linkguard.config.Json;
import io.linkguard.config.Key;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Which events an alert channel is sent ({@code events:} and {@code min_severity:} of a channel), so a
 * pager chat can get only what wakes someone up while a team channel gets everything.
 *
 * Both choose which problems a channel hears of. The events that end a problem ({@code resolved},
 * {@code failback}, {@code bfd_up}) follow the one that began it ({@code link_state},
 * {@code failover}, {@code bfd_down}): a channel gets the end of every problem it got the start of,
 * whatever the ending's severity, or an alert would never be seen to end.
 *
 * @param events      the event kinds sent, by label ({@code link_state}, {@code failover}, ...); empty = all
 * @param minSeverity the least severity sent: {@code info} (all), {@code warning} or {@code critical}
 */
public record ChannelFilter(Set<String> events, String minSeverity) {
    /** Event kinds an operator can name; the labels of {@code alert.AlertKind} except {@code test}. */
    public static final List<String> EVENT_KINDS = List.of("link_state", "failover", "failback", "action_failed",
            "bfd_down", "bfd_up", "pmtu_drop", "route_drift", "resolved");
    /** Severities, least first. */
    public static final List<String> SEVERITIES = List.of("info", "warning", "critical");
    public static final ChannelFilter ALL = new ChannelFilter(Set.of(), "info");
    /** Each event kind that ends a problem, and the kind that begins it. */
    public static final java.util.Map<String, String> ENDS = java.util.Map.of("resolved", "link_state",
            "failback", "failover", "bfd_up", "bfd_down");

    static final Key<List<String>> EVENTS = Key.<List<String>>of("events", null, null,
            Key.listOf(Json.object("enum", EVENT_KINDS), 1), "the kinds of problem this channel hears of; default"
                    + " all; an ending (resolved, failback, bfd_up) comes with its beginning").readByCaller();
    static final Key<String> MIN_SEVERITY = Key.label("min_severity", "info", s -> s, "severity",
            "the least severity sent: link down, BFD down and a failed action are critical; degraded, failover"
                    + " and a PMTU drop warning", SEVERITIES.toArray(String[]::new)).readByCaller();
    static final List<Key<?>> KEYS = List.of(EVENTS, MIN_SEVERITY);

    public ChannelFilter {
        events = Set.copyOf(Objects.requireNonNull(events, "events"));
        Objects.requireNonNull(minSeverity, "minSeverity");
        if (!EVENT_KINDS.containsAll(events)) {
            throw new IllegalArgumentException("unknown event kind in " + events);
        }
        if (!SEVERITIES.contains(minSeverity)) {
            throw new IllegalArgumentException("unknown severity " + minSeverity);
        }
    }

    /** True if this filter lets every event through. */
    public boolean passesAll() {
        return events.isEmpty() && minSeverity.equals("info");
    }

    @Override
    public String toString() {
        if (passesAll()) {
            return "all events";
        }
        String kinds = events.isEmpty() ? "all events" : String.join(", ",
                EVENT_KINDS.stream().filter(events::contains).toList());
        return minSeverity.equals("info") ? kinds : kinds + ", " + minSeverity + " and above";
    }
}
