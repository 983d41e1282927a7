package io.linkguard.alerts;

import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import static io.linkguard.alerts.Jsons.JSON;

/**
 * An {@link AlertEvent} as JSON, for the spool and the webhook payload:
 * <pre>{@code {"kind":"link_state","severity":"critical","link":"la-sg","state":"down","reason":"...",
 *  "figures":{"rtt_ms":"12.3"},"at":"2025-05-01T12:00:01Z","since":"2025-05-01T12:00:01Z"}}</pre>
 * Times are RFC 3339 (UTC). Pure.
 */
final class EventJson {
    private EventJson() {
    }

    static JsonObjectBuilder toJson(AlertEvent e) {
        JsonObjectBuilder figures = JSON.createObjectBuilder();
        e.figures().forEach(figures::add);
        return JSON.createObjectBuilder()
                .add("kind", e.kind().label())
                .add("severity", e.severity().label())
                .add("link", e.link())
                .add("state", e.state())
                .add("reason", e.reason())
                .add("figures", figures)
                .add("at", e.at().toString())
                .add("since", e.since().toString());
    }

    /**
     * Reads what {@link #toJson} wrote.
     *
     * @throws IllegalArgumentException (or a {@link jakarta.json.JsonException} / {@link ClassCastException})
     *                                  if a field is missing or has the wrong type
     */
    static AlertEvent fromJson(JsonObject o) {
        Map<String, String> figures = new LinkedHashMap<>();
        for (Map.Entry<String, JsonValue> f : o.getJsonObject("figures").entrySet()) {
            figures.put(f.getKey(), ((JsonString) f.getValue()).getString());
        }
        return new AlertEvent(AlertKind.ofLabel(o.getString("kind")), Severity.ofLabel(o.getString("severity")),
                o.getString("link"), o.getString("state"), o.getString("reason"), figures,
                Instant.parse(o.getString("at")), Instant.parse(o.getString("since")));
    }
}
