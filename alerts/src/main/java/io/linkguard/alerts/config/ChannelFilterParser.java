package io.linkguard.alerts.config;

import io.linkguard.config.Field;
import io.linkguard.config.ConfigProblems;
import io.linkguard.config.YamlMapping;
import io.linkguard.config.YamlValues;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Reads a channel's {@code events:} and {@code min_severity:} into a {@link ChannelFilter}. */
final class ChannelFilterParser {
    private ChannelFilterParser() {
    }

    /** {@code events: [failover, failback]} and {@code min_severity: warning}; both optional. */
    static Optional<ChannelFilter> parse(YamlMapping ch, ConfigProblems problems) {
        Set<String> events = new LinkedHashSet<>();
        boolean ok = true;
        Optional<Field> eventsField = ch.optional("events");
        if (eventsField.isPresent()) {
            Optional<List<Field>> items = YamlValues.list(eventsField.get(), problems);
            if (items.isEmpty()) {
                return Optional.empty();
            }
            if (items.get().isEmpty()) {
                problems.add(eventsField.get(), "an empty list would send nothing: list event kinds ("
                        + String.join(", ", ChannelFilter.EVENT_KINDS) + ") or leave the key out for all");
                return Optional.empty();
            }
            Map<String, Field> listed = new LinkedHashMap<>();
            for (Field item : items.get()) {
                Optional<String> kind = YamlValues.text(item, problems);
                if (kind.isEmpty()) {
                    ok = false;
                } else if (!ChannelFilter.EVENT_KINDS.contains(kind.get())) {
                    problems.add(item, "unknown event kind " + YamlValues.quote(kind.get()) + " (expected one of: "
                            + String.join(", ", ChannelFilter.EVENT_KINDS) + ")");
                    ok = false;
                } else if (listed.putIfAbsent(kind.get(), item) != null) {
                    problems.add(item, "event kind " + YamlValues.quote(kind.get()) + " is listed twice");
                    ok = false;
                }
            }
            // An ending is sent exactly when its beginning was: listed alone it would never be.
            for (Map.Entry<String, Field> e : listed.entrySet()) {
                String begins = ChannelFilter.ENDS.get(e.getKey());
                if (begins != null && !listed.containsKey(begins)) {
                    problems.add(e.getValue(), e.getKey() + " is sent when the " + begins + " it ends was: list "
                            + begins + " (" + e.getKey() + " comes with it)");
                    ok = false;
                }
            }
            events.addAll(listed.keySet());
        }
        String severity = "info";
        Optional<Field> severityField = ch.optional("min_severity");
        if (severityField.isPresent()) {
            Optional<String> text = YamlValues.text(severityField.get(), problems);
            if (text.isEmpty()) {
                return Optional.empty();
            }
            if (!ChannelFilter.SEVERITIES.contains(text.get())) {
                problems.add(severityField.get(), "unknown severity " + YamlValues.quote(text.get())
                        + " (expected one of: " + String.join(", ", ChannelFilter.SEVERITIES) + ")");
                return Optional.empty();
            }
            severity = text.get();
        }
        return ok ? Optional.of(new ChannelFilter(events, severity)) : Optional.empty();
    }
}
