package io.linkguard.alerts;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** Alert events for tests. */
public final class Events {
    public static final Instant T0 = Instant.parse("2025-05-01T12:00:00Z");

    private Events() {
    }

    public static AlertEvent down(String link, String reason) {
        Map<String, String> f = new LinkedHashMap<>();
        f.put("rtt_ms", "182.4");
        f.put("loss_pct", "31.0");
        f.put("bfd_diag", "Control Detection Time Expired");
        f.put("active_path", "tunnel");
        return new AlertEvent(AlertKind.LINK_STATE, Severity.CRITICAL, link, "down", reason, f, T0, T0);
    }

    public static AlertEvent of(AlertKind kind, String link, String state, Instant at) {
        Severity s = switch (kind) {
            case LINK_STATE, BFD_DOWN, ACTION_FAILED -> Severity.CRITICAL;
            case FAILOVER, PMTU_DROP -> Severity.WARNING;
            default -> Severity.INFO;
        };
        return new AlertEvent(kind, s, link, state, kind.label() + " on " + link, Map.of(), at, at);
    }

    /** Event number {@code n}: the reason carries the number, to check order at the receiver. */
    public static AlertEvent numbered(int n) {
        return new AlertEvent(AlertKind.LINK_STATE, n % 2 == 0 ? Severity.CRITICAL : Severity.INFO, "la-sg",
                n % 2 == 0 ? "down" : "up", "event #" + n, Map.of("loss_pct", Integer.toString(n)), T0.plusSeconds(n),
                T0.plusSeconds(n));
    }
}
