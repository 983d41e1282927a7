package io.linkguard.alerts;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The words of an alert, shared by every channel: titles, figure names and units, times. Pure. */
final class EventText {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'")
            .withZone(ZoneOffset.UTC);
    /** Figure key to its label and unit suffix. */
    private static final Map<String, String[]> FIGURES = Map.ofEntries(
            Map.entry("rtt_ms", new String[] {"RTT", " ms"}),
            Map.entry("loss_pct", new String[] {"Loss", "%"}),
            Map.entry("jitter_ms", new String[] {"Jitter", " ms"}),
            Map.entry("bfd_diag", new String[] {"BFD diagnostic", ""}),
            Map.entry("bfd_peer", new String[] {"BFD peer", ""}),
            Map.entry("active_path", new String[] {"Active path", ""}),
            Map.entry("pmtu_bytes", new String[] {"Path MTU", " bytes"}),
            Map.entry("expected_mtu_bytes", new String[] {"Expected MTU", " bytes"}),
            Map.entry("ptb_seen", new String[] {"Packet Too Big seen", ""}),
            Map.entry("black_hole", new String[] {"Black hole", ""}));

    /** A labelled figure, e.g. {@code RTT} and {@code 12.3 ms}. */
    record Figure(String label, String value) {
    }

    private EventText() {
    }

    /** One line saying what happened, e.g. {@code link la-sg is down}. */
    static String title(AlertEvent e) {
        String link = "link " + e.link();
        String path = e.figure("active_path");
        return switch (e.kind()) {
            case LINK_STATE -> link + " is " + e.state();
            case FAILOVER -> link + " failed over" + (path.isEmpty() ? "" : " to path " + path);
            case FAILBACK -> link + " failed back" + (path.isEmpty() ? "" : " to path " + path);
            case ACTION_FAILED -> link + ": failover action failed";
            case BFD_DOWN -> link + ": BFD session down";
            case BFD_UP -> link + ": BFD session up";
            case PMTU_DROP -> link + ": path MTU dropped"
                    + (e.figure("pmtu_bytes").isEmpty() ? "" : " to " + e.figure("pmtu_bytes") + " bytes");
            case ROUTE_DRIFT -> link + ": " + (e.severity() == Severity.CRITICAL ? "routes contested, left alone"
                    : "route put back");
            case RESOLVED -> link + " is healthy again";
            case TEST -> "test alert from linkguard";
        };
    }

    /** A marker by severity, so a busy chat can be scanned. */
    static String emoji(Severity s) {
        return switch (s) {
            case CRITICAL -> "\uD83D\uDD34"; // red circle
            case WARNING -> "\uD83D\uDFE0"; // orange circle
            case INFO -> "\uD83D\uDFE2"; // green circle
        };
    }

    /** The event's figures with labels and units, in the producer's order. */
    static List<Figure> figures(AlertEvent e) {
        List<Figure> out = new ArrayList<>();
        e.figures().forEach((k, v) -> {
            String[] f = FIGURES.get(k);
            out.add(f == null ? new Figure(k, v) : new Figure(f[0], v + f[1]));
        });
        return out;
    }

    /** {@code RTT 12.3 ms, Loss 30%}; empty without figures. */
    static String figureLine(AlertEvent e) {
        return String.join(", ", figures(e).stream().map(f -> f.label() + " " + f.value()).toList());
    }

    /** {@code 2025-05-01 12:00:01 UTC}. */
    static String time(Instant t) {
        return TIME.format(t.truncatedTo(ChronoUnit.SECONDS));
    }

    /** One plain-text line with everything: title, reason, figures, since. */
    static String plain(AlertEvent e) {
        StringBuilder b = new StringBuilder(title(e));
        if (!e.reason().isEmpty()) {
            b.append(": ").append(e.reason());
        }
        String figures = figureLine(e);
        if (!figures.isEmpty()) {
            b.append(" (").append(figures).append(')');
        }
        if (e.kind() != AlertKind.TEST) {
            b.append(", since ").append(time(e.since()));
        }
        return b.toString();
    }

    /** At most {@code max} characters, ending in an ellipsis when cut. */
    static String cut(String s, int max) {
        return s.length() <= max ? s : s.substring(0, Math.max(0, max - 1)) + "…";
    }
}
