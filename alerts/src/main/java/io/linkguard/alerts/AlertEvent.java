package io.linkguard.alerts;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One thing that happened, to be sent to every alert channel.
 *
 * @param kind     what happened
 * @param severity how urgent
 * @param link     the link's name ({@code test} for test events)
 * @param state    the link state label after the event: {@code up}, {@code degraded}, {@code down}, {@code unknown}
 * @param reason   why, for a human; may be empty
 * @param figures  ordered figures with human keys such as {@code rtt_ms}, {@code loss_pct}, {@code bfd_diag},
 *                 {@code active_path}, {@code pmtu_bytes}; values already formatted
 * @param at       when it happened
 * @param since    since when the new state holds; {@code null} means {@code at}
 */
public record AlertEvent(AlertKind kind, Severity severity, String link, String state, String reason,
                         Map<String, String> figures, Instant at, Instant since) {

    /** Longest reason kept: a reason is a sentence, not a log file. */
    static final int MAX_REASON = 1000;
    static final int MAX_FIGURES = 16;
    static final int MAX_FIGURE_LENGTH = 200;

    public AlertEvent {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(link, "link");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(at, "at");
        reason = reason == null ? "" : cut(reason, MAX_REASON);
        since = since == null ? at : since;
        Map<String, String> copy = new LinkedHashMap<>();
        if (figures != null) {
            for (Map.Entry<String, String> f : figures.entrySet()) {
                if (copy.size() == MAX_FIGURES) {
                    break;
                }
                if (f.getKey() != null && f.getValue() != null) {
                    copy.put(cut(f.getKey(), 64), cut(f.getValue(), MAX_FIGURE_LENGTH));
                }
            }
        }
        figures = Collections.unmodifiableMap(copy);
    }

    /** A figure, or empty text. */
    public String figure(String key) {
        return figures.getOrDefault(key, "");
    }

    private static String cut(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max - 1) + "…";
    }
}
